package dev.imager.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetiredExecutorFlagsTest {

    @Test
    void everySpellingOfTheOriginalsExecutorFlagsIsFoundInOrder() {
        assertThat(RetiredExecutorFlags.problems("-workers=2", "--host", "imager-orchestrator", "-port=8099"))
                .extracting(p -> p.substring(0, p.indexOf(':')))
                .containsExactly("-workers", "--host", "-port");
    }

    @Test
    void flagsThatKeepTheirMeaningAndValuesThatLookAlikeAreLeftAlone() {
        // -metrics-port means what it meant; "port" as a value or a longer name is not the retired flag.
        assertThat(RetiredExecutorFlags.problems("-metrics-port=9100", "--id", "port", "--hostname", "-workers-x",
                "host")).isEmpty();
    }
}
