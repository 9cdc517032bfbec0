package dev.imager.coordinator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares a rendered text with a golden file kept next to the test class (a test resource). On a difference the
 * new text is left in {@code target/<name>.actual}, so a deliberate change is one copy away.
 */
public final class GoldenFiles {

    private GoldenFiles() {
    }

    /** Asserts that {@code actual} equals the resource {@code name} of {@code owner}'s package. */
    public static void assertMatches(Class<?> owner, String name, String actual) {
        String golden;
        try (InputStream in = owner.getResourceAsStream(name)) {
            golden = in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (golden == null || !golden.equals(actual)) {
                Path written = Path.of("target", name + ".actual");
                Files.createDirectories(written.getParent());
                Files.writeString(written, actual);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(actual).as("%s (new text in target/%s.actual)", name, name).isEqualTo(golden);
    }
}
