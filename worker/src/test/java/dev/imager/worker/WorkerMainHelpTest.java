package dev.imager.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The worker answers every help spelling of the coordinator's syntax (docs/flags.md#syntax), Go's -help too. */
class WorkerMainHelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"-h", "--help", "-help"})
    void printsTheHelpAndExitsZero(String flag) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = WorkerMain.run(flag);
        } finally {
            System.setOut(saved);
        }
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: worker [flags]").contains("--max-inflight");
    }
}
