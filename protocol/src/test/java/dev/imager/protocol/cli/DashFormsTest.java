package dev.imager.protocol.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

class DashFormsTest {

    static final class Section {
        @Option(names = "-min-rps")
        String minRps = "1";
    }

    @Command(name = "t", mixinStandardHelpOptions = true, modelTransformer = DashForms.class)
    static final class TestCommand {
        /** Go's flag package answers -help; the standard --help keeps its own option. */
        @Option(names = "-help", hidden = true)
        boolean goHelp;

        @Option(names = "--metrics-port")
        String metricsPort = "9100";

        @Option(names = "-x")
        String shortOption;

        @Mixin
        Section section = new Section();
    }

    private static TestCommand parse(String... args) {
        TestCommand c = new TestCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-metrics-port=9200", "--metrics-port=9200", "-metrics-port 9200", "--metrics-port 9200"})
    void aTwoDashFlagTakesOneDashToo(String arg) {
        assertThat(parse(arg.split(" ")).metricsPort).isEqualTo("9200");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-min-rps=7", "--min-rps=7", "-min-rps 7", "--min-rps 7"})
    void aOneDashFlagOfAMixinTakesTwoDashesToo(String arg) {
        assertThat(parse(arg.split(" ")).section.minRps).isEqualTo("7");
    }

    @Test
    void theDeclaredSpellingComesFirstForMessages() {
        CommandLine.Model.CommandSpec spec = new CommandLine(new TestCommand()).getCommandSpec();
        OptionSpec port = spec.findOption("-metrics-port");
        OptionSpec minRps = spec.findOption("--min-rps");
        assertThat(port.names()).containsExactly("--metrics-port", "-metrics-port");
        assertThat(DashForms.declaredName(port)).isEqualTo("--metrics-port");
        assertThat(DashForms.declaredName(minRps)).isEqualTo("-min-rps");
    }

    @Test
    void singleLettersAndTakenSpellingsAreLeftAlone() {
        CommandLine.Model.CommandSpec spec = new CommandLine(new TestCommand()).getCommandSpec();
        assertThat(spec.findOption("-x").names()).containsExactly("-x");
        assertThat(spec.findOption("-help").names()).containsExactly("-help");
        assertThat(spec.findOption("--help").names()).containsExactly("-h", "--help");
        assertThatThrownBy(() -> parse("--x=1")).isInstanceOf(CommandLine.UnmatchedArgumentException.class);
    }

    @Test
    void helpShowsBothSpellings() {
        String usage = new CommandLine(new TestCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(usage).contains("-metrics-port, --metrics-port=<metricsPort>", "-min-rps, --min-rps=<minRps>");
        assertThat(List.of(usage.split("\n"))).noneMatch(line -> line.contains("--x"));
    }
}
