package dev.imager.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Docker's .dockerignore rules, one row per rule, most rows from the examples of Docker's reference. */
class DockerIgnoreTest {

    private static final String DOCS_EXAMPLE = """
            # comment
            */temp*
            */*/temp*
            temp?
            """;
    private static final String MARKDOWN_EXAMPLE = """
            *.md
            !README*.md
            README-secret.md
            """;
    private static final String ALLOW_LIST = """
            *
            !pom.xml
            !worker/
            */target/
            """;

    static Stream<Arguments> rows() {
        return Stream.of(
                // Docker's example: one directory level deep, two levels, one character.
                Arguments.of(DOCS_EXAMPLE, "somedir/temporary.txt", true),
                Arguments.of(DOCS_EXAMPLE, "somedir/temp", true),
                Arguments.of(DOCS_EXAMPLE, "somedir/subdir/temporary.txt", true),
                Arguments.of(DOCS_EXAMPLE, "tempa", true),
                Arguments.of(DOCS_EXAMPLE, "temp", false),                  // ? needs exactly one character
                Arguments.of(DOCS_EXAMPLE, "temporary.txt", false),         // */temp* needs a directory first
                Arguments.of(DOCS_EXAMPLE, "a/b/c/temporary.txt", false),   // three levels: no pattern has three
                Arguments.of(DOCS_EXAMPLE, "# comment", false),             // a comment is not a pattern
                // ** is any number of directories, none too.
                Arguments.of("**/*.go", "main.go", true),
                Arguments.of("**/*.go", "cmd/tool/main.go", true),
                Arguments.of("**/*.go", "main.gox", false),
                // Exceptions, and the last matching line wins.
                Arguments.of(MARKDOWN_EXAMPLE, "notes.md", true),
                Arguments.of(MARKDOWN_EXAMPLE, "README.md", false),
                Arguments.of(MARKDOWN_EXAMPLE, "README-secret.md", true),
                Arguments.of("!a\na", "a", true),
                Arguments.of("a\n!a", "a", false),
                // A directory's pattern takes everything under it, anchored at the root.
                Arguments.of("docs", "docs/guide/intro.md", true),
                Arguments.of("docs", "mydocs/intro.md", false),
                Arguments.of("docs", "src/docs/intro.md", false),
                // Leading and trailing slashes, . and .. are cleaned away.
                Arguments.of("/target/", "target/classes/A.class", true),
                Arguments.of("/target/", "worker/target/classes/A.class", false),
                Arguments.of("target/", "target", true),                     // a file named target too
                Arguments.of("a/../b/./c", "b/c", true),
                Arguments.of("  spaced  ", "spaced", true),
                // \ makes the next character literal.
                Arguments.of("a\\*b", "a*b", true),
                Arguments.of("a\\*b", "axb", false),
                // The defect this file's test exists for: **/target also drops source packages named target.
                Arguments.of("**/target", "coordinator/src/main/java/dev/imager/coordinator/target/Url.java", true),
                Arguments.of("*/target/", "coordinator/src/main/java/dev/imager/coordinator/target/Url.java", false),
                Arguments.of("*/target/", "coordinator/target/classes/Main.class", true),
                // An allow-list: everything out, some paths back in, their build output out again.
                Arguments.of(ALLOW_LIST, "pom.xml", false),
                Arguments.of(ALLOW_LIST, "worker/src/main/java/Worker.java", false),
                Arguments.of(ALLOW_LIST, "worker/target/imager-worker-all.jar", true),
                Arguments.of(ALLOW_LIST, "docs/deploy.md", true),
                Arguments.of(ALLOW_LIST, "worker2/pom.xml", true));
    }

    @ParameterizedTest(name = "[{index}] {1} excluded={2}")
    @MethodSource("rows")
    void followsDockersRules(String dockerignore, String path, boolean excluded) {
        assertThat(DockerIgnore.parse(dockerignore).excludes(path)).as("%s with:%n%s", path, dockerignore)
                .isEqualTo(excluded);
    }

    @Test
    void anEmptyFileExcludesNothing() {
        assertThat(DockerIgnore.parse("").excludes("anything/at/all")).isFalse();
        assertThat(DockerIgnore.parse("\n# only a comment\n\n").excludes("anything")).isFalse();
    }

    @Test
    void refusesCharacterClassesRatherThanMisreadThem() {
        assertThatThrownBy(() -> DockerIgnore.parse("[ab]c")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[ab]c");
    }
}
