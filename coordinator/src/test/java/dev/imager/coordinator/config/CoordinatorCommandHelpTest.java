package dev.imager.coordinator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CoordinatorCommandHelpTest {

    /** The original orchestrator's flags (spec §2), which keep their one-dash spelling. */
    static final List<String> ORIGINAL = List.of("-listen-port", "-target-mode", "-target-namespace",
            "-target-deployment", "-target-service", "-target-url", "-target-port-name", "-target-scheme",
            "-request-source-type", "-request-source-file", "-random-sum-path", "-random-sum-min", "-random-sum-max",
            "-load-calculator", "-min-rps", "-max-rps", "-step-rps", "-adaptive-max-latency-ms", "-schedule-interval",
            "-job-duration", "-metrics-poll-interval", "-in-cluster", "-kubeconfig");

    /** Every flag as declared, i.e. every flag problem messages can name. */
    static List<String> allFlagNames() {
        return CoordinatorCommand.flagNames();
    }

    @Test
    void thereAreSixtyFlags() {
        assertThat(allFlagNames()).hasSize(60).doesNotHaveDuplicates();
    }

    @Test
    void helpListsEveryFlagInBothForms() {
        String usage = CoordinatorCommand.usage();
        for (String flag : allFlagNames()) {
            String name = flag.replaceFirst("^-+", "");
            assertThat(usage).contains("-" + name + ", --" + name);
            assertThat(usage).containsAnyOf("--" + name + "=<", "--" + name + "[=<");
        }
    }

    @Test
    void helpShowsDefaultsInGoSyntaxAndSections() {
        String usage = CoordinatorCommand.usage();
        assertThat(usage)
                .contains("Default: 8099.")
                .contains("Default: /config/requests.json.")
                .contains("Default: 250ms.")
                .contains("Default: 1m0s.")
                .contains("Default: nats://localhost:4222")
                .contains("Target:", "Load:", "Requests:", "NATS (distributed mode):", "Run:", "Output:")
                .contains("Exit code 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-h", "--help", "-help"})
    void helpIsAResultNotAnExit(String flag) {
        ParseResult result = CoordinatorCommand.parse(flag, "-bogus");
        assertThat(result).isInstanceOf(ParseResult.Help.class);
        assertThat(((ParseResult.Help) result).text()).startsWith("Usage: coordinator [flags]");
    }

    @Test
    void versionIsAResult() {
        ParseResult result = CoordinatorCommand.parse("--version");
        assertThat(result).isInstanceOf(ParseResult.Help.class);
        assertThat(((ParseResult.Help) result).text()).startsWith("imager coordinator ");
    }

    @Test
    void flagsDocumentNamesEveryFlag() throws IOException {
        Path doc = Path.of("..", "docs", "flags.md");
        String text = Files.readString(doc);
        for (String flag : allFlagNames()) {
            assertThat(text).as("docs/flags.md mentions %s", flag).contains("`" + flag);
        }
    }

    @Test
    void originalFlagsAreSpelledWithOneDash() {
        for (String flag : allFlagNames()) {
            assertThat(flag.startsWith("--")).as(flag).isEqualTo(!ORIGINAL.contains(flag));
        }
        assertThat(allFlagNames().stream().filter(ORIGINAL::contains)).hasSize(23);
    }

    @Test
    void problemsSpellAFlagAsDeclaredWhicheverFormWasTyped() {
        assertThat(CoordinatorCommandTest.problems("-target-deployment=app", "--min-rps=abc", "-max-job-size=abc",
                "--listen-port"))
                .containsExactly("-listen-port: a value is required");
        assertThat(CoordinatorCommandTest.problems("-target-deployment=app", "--min-rps=abc", "-max-job-size=abc"))
                .containsExactly("-min-rps: invalid integer \"abc\": expected base-10 digits (or a 0x hexadecimal "
                        + "literal)", "--max-job-size: invalid integer \"abc\": expected base-10 digits (or a 0x "
                        + "hexadecimal literal)");
    }
}
