package dev.imager.coordinator.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.coordinator.config.RequestSettings;
import dev.imager.coordinator.config.RunSettings;
import dev.imager.coordinator.config.Sections;
import dev.imager.coordinator.config.InvalidConfigException;
import dev.imager.protocol.message.RequestSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestSourcesTest {

    /** The seed of every source built here. */
    private static final RunSettings RUN = Sections.run("--seed=1");

    private static final String FILE = FileRequestSourceTest.fixture("example-requests.json").toString();

    private static RequestSettings config(String type, String... more) {
        List<String> flags = new ArrayList<>(List.of("-request-source-type=" + type, "-request-source-file=" + FILE));
        flags.addAll(List.of(more));
        return Sections.requests(flags.toArray(String[]::new));
    }

    @Test
    void builtInsAreFound() {
        RequestSources sources = RequestSources.of(List.of(), List.of());
        assertThat(sources.create(config("file"), RUN)).isInstanceOf(FileRequestSource.class);
        assertThat(sources.create(config("random-sum"), RUN)).isInstanceOf(RandomSumRequestSource.class);
        assertThat(sources.knownTypes()).containsExactly("file", "random-sum");
    }

    @Test
    void unknownTypeListsTheKnownOnes() {
        RequestSources sources = RequestSources.of(List.of(RequestSourceFactory.of("db", (r, run) -> null)), List.of());
        assertThatThrownBy(() -> sources.create(config("x"), RUN)).isInstanceOf(InvalidConfigException.class)
                .hasMessage("-request-source-type: unsupported value \"x\"; known: file, random-sum, db");
    }

    @Test
    void explicitFactoryIsUsedAndMayReplaceABuiltIn() {
        RequestSource constant = new ConstantSource("/explicit");
        RequestSources sources = RequestSources.of(List.of(RequestSourceFactory.of("file", (r, run) -> constant)),
                List.of());
        assertThat(sources.create(config("file"), RUN)).isSameAs(constant);
    }

    @Test
    void explicitFactoriesComeBeforeDiscoveredOnes() {
        RequestSource explicit = new ConstantSource("/explicit");
        RequestSource discovered = new ConstantSource("/discovered");
        RequestSources sources = RequestSources.of(List.of(RequestSourceFactory.of("db", (r, run) -> explicit)),
                List.of(RequestSourceFactory.of("db", (r, run) -> discovered),
                        RequestSourceFactory.of("kafka", (r, run) -> discovered)));
        assertThat(sources.create(config("db"), RUN)).isSameAs(explicit);
        assertThat(sources.create(config("kafka"), RUN)).isSameAs(discovered);
        assertThat(sources.knownTypes()).containsExactly("file", "random-sum", "db", "kafka");
    }

    @Test
    void serviceLoaderPlugInIsDiscovered() {
        // src/test/resources/META-INF/services/...RequestSourceFactory lists TestPlugInSourceFactory.
        RequestSources sources = RequestSources.discover();
        assertThat(sources.knownTypes()).contains(TestPlugInSourceFactory.TYPE);
        RequestSource source = sources.create(config(TestPlugInSourceFactory.TYPE), RUN);
        assertThat(source.next().path()).isEqualTo("/from-plug-in");
    }

    @Test
    void explicitBeatsServiceLoader() {
        RequestSource explicit = new ConstantSource("/explicit");
        RequestSources sources = RequestSources.discover(
                List.of(RequestSourceFactory.of(TestPlugInSourceFactory.TYPE, (r, run) -> explicit)));
        assertThat(sources.create(config(TestPlugInSourceFactory.TYPE), RUN)).isSameAs(explicit);
    }

    @Test
    void fileFactoryNeedsAFile() {
        RequestSettings c = config("file", "-request-source-file=");
        assertThatThrownBy(() -> new FileRequestSourceFactory().create(c, RUN)).isInstanceOf(InvalidConfigException.class)
                .hasMessage("-request-source-file: is required when -request-source-type=file");
    }

    @Test
    void fileFactoryReportsFileProblems() {
        RequestSettings c = config("file", "-request-source-file=/nonexistent/requests.json");
        assertThatThrownBy(() -> RequestSources.discover().create(c, RUN)).isInstanceOf(InvalidConfigException.class)
                .hasMessage("-request-source-file: /nonexistent/requests.json: no such file");
    }

    @Test
    void fileFactoryNamesTheFileFlagForAProblemInTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("r.json"), "{\"path\": 5}");
        RequestSettings c = config("file", "-request-source-file=" + file);
        // Without the flag first, the coordinator would prefix -request-source-type, though the file is at fault.
        assertThatThrownBy(() -> RequestSources.discover().create(c, RUN)).isInstanceOf(InvalidConfigException.class)
                .hasMessage("-request-source-file: " + file + ":1:10: record 1: field \"path\" must be a string, "
                        + "got a number");
    }

    @Test
    void randomSumFactoryChecksBoundsAndUsesTheSeed() {
        RequestSettings bad = config("random-sum", "-random-sum-min=5", "-random-sum-max=4");
        assertThatThrownBy(() -> new RandomSumRequestSourceFactory().create(bad, RUN))
                .hasMessage("-random-sum-max: must be >= -random-sum-min (5), got 4");
        RequestSettings good = config("random-sum", "-random-sum-path=/add");
        assertThat(RequestSourceContract.take(new RandomSumRequestSourceFactory().create(good, RUN), 10))
                .isEqualTo(RequestSourceContract.take(new RandomSumRequestSourceFactory().create(good, RUN), 10))
                .allSatisfy(s -> assertThat(s.path()).isEqualTo("/add"));
    }

    /** A source that always returns one GET. */
    record ConstantSource(String path) implements RequestSource {
        @Override
        public RequestSpec next() {
            return RequestSpec.get(path, "");
        }

        @Override
        public void reset() {
        }

        @Override
        public String describe() {
            return "constant " + path;
        }
    }
}
