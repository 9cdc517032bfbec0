package dev.imager.coordinator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CoordinatorCommandHelpTest {

    /** Every flag name in {@link FlagNames}, i.e. every flag problem messages can name. */
    static List<String> allFlagNames() throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Field field : FlagNames.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                names.add((String) field.get(null));
            }
        }
        return names;
    }

    @Test
    void thereAreFortyEightFlags() throws IllegalAccessException {
        assertThat(allFlagNames()).hasSize(48).doesNotHaveDuplicates();
    }

    @Test
    void helpListsEveryFlagInBothForms() throws IllegalAccessException {
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
    void flagsDocumentNamesEveryFlag() throws IOException, IllegalAccessException {
        Path doc = Path.of("..", "docs", "flags.md");
        String text = Files.readString(doc);
        for (String flag : allFlagNames()) {
            assertThat(text).as("docs/flags.md mentions %s", flag).contains("`" + flag);
        }
    }

    @Test
    void originalFlagsAreSpelledWithOneDash() throws IllegalAccessException {
        for (String flag : allFlagNames()) {
            assertThat(FlagNames.display(flag)).isEqualTo(flag);
            assertThat(flag.startsWith("--")).isEqualTo(!FlagNames.isOriginal(flag));
        }
        assertThat(allFlagNames().stream().filter(FlagNames::isOriginal)).hasSize(23);
    }
}
