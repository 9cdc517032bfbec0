package dev.imager.protocol.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceReferencesTest {

    @TempDir
    Path root;

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void findsImportsStaticImportsAndQualifiedNamesOfAPackageAndItsSubpackages() throws IOException {
        write("a/Imports.java", "package a;\nimport io.micrometer.core.instrument.Gauge;\nclass Imports {}\n");
        write("a/Static.java", "package a;\nimport static io.micrometer.core.instrument.Metrics.counter;\nclass Static {}\n");
        write("b/Qualified.java", "package b;\nclass Qualified { Object r = new io.micrometer.core.instrument"
                + ".simple.SimpleMeterRegistry(); }\n");
        write("b/Javadoc.java", "package b;\n/** Like {@link io.micrometer.core.instrument.Gauge}. */\nclass Javadoc {}\n");
        write("b/Clean.java", "package b;\nimport java.util.List;\nclass Clean {}\n");
        write("b/notes.txt", "io.micrometer.core.instrument.Gauge");

        SourceReferences sources = SourceReferences.under(root);

        assertThat(sources.files()).containsExactly("a/Imports.java", "a/Static.java", "b/Clean.java",
                "b/Javadoc.java", "b/Qualified.java");
        assertThat(sources.naming("io.micrometer")).containsExactly("a/Imports.java", "a/Static.java",
                "b/Javadoc.java", "b/Qualified.java");
        assertThat(sources.naming("io.micrometer.core.instrument.simple")).containsExactly("b/Qualified.java");
    }

    @Test
    void aPackageIsNotNamedByAnotherThatEndsOrStartsLikeIt() throws IOException {
        write("c/Similar.java", "package c;\nimport dev.imager.workers.Pool;\nimport my.dev.imager.worker.X;\n"
                + "class Similar { String s = \"dev.imager.worker\"; }\n");

        assertThat(SourceReferences.under(root).naming("dev.imager.worker")).isEmpty();
    }

    @Test
    void aMissingTreeIsAnErrorNotAnEmptyAnswer() {
        assertThatThrownBy(() -> SourceReferences.under(root.resolve("absent")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no source tree");
    }
}
