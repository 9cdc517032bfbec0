package dev.imager.protocol.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which Java source files of a tree name a package, for tests that hold a module's seams (the coordinator uses
 * the worker module only for local mode; Micrometer only behind the metrics interfaces). A file names a package
 * when its text holds the package's qualified name followed by a dot: an import, a static import or a fully
 * qualified name in code or Javadoc. Reading text rather than bytecode also catches names the compiler inlines.
 */
public final class SourceReferences {

    private final Path root;
    private final SortedSet<String> files = new TreeSet<>();

    private SourceReferences(Path root) {
        this.root = root;
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
                    .forEach(p -> files.add(relative(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code .java} files under {@code root}, which must exist (a test that reads nothing proves nothing). */
    public static SourceReferences under(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("no source tree at " + root.toAbsolutePath());
        }
        return new SourceReferences(root);
    }

    /** The module's main sources, from the module's directory (the working directory of Maven's tests). */
    public static SourceReferences mainSources() {
        return under(Path.of("src", "main", "java"));
    }

    /** Every source file, as a path relative to the root with {@code /} separators. */
    public SortedSet<String> files() {
        return files;
    }

    /** The files that name {@code packageName} (e.g. {@code io.micrometer}) or a package under it. */
    public SortedSet<String> naming(String packageName) {
        Pattern name = Pattern.compile("(?<![\\w.])" + Pattern.quote(packageName) + "\\.");
        SortedSet<String> naming = new TreeSet<>();
        for (String file : files) {
            if (name.matcher(read(root.resolve(file))).find()) {
                naming.add(file);
            }
        }
        return naming;
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
