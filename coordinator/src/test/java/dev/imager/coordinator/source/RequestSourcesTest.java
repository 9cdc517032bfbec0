package dev.imager.coordinator.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.config.InvalidConfigException;
import dev.imager.protocol.message.RequestSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestSourcesTest {

    private static CoordinatorConfig config(String type) {
        return CoordinatorConfig.builder().targetDeployment("app").requestSourceType(type)
                .requestSourceFile(FileRequestSourceTest.fixture("example-requests.json").toString()).seed(1).build();
    }

    @Test
    void builtInsAreFound() {
        RequestSources sources = RequestSources.of(List.of(), List.of());
        assertThat(sources.create(config("file"))).isInstanceOf(FileRequestSource.class);
        assertThat(sources.create(config("random-sum"))).isInstanceOf(RandomSumRequestSource.class);
        assertThat(sources.knownTypes()).containsExactly("file", "random-sum");
    }

    @Test
    void unknownTypeListsTheKnownOnes() {
        RequestSources sources = RequestSources.of(List.of(RequestSourceFactory.of("db", c -> null)), List.of());
        assertThatThrownBy(() -> sources.create(config("x"))).isInstanceOf(InvalidConfigException.class)
                .hasMessage("-request-source-type: unsupported value \"x\"; known: file, random-sum, db");
    }

    @Test
    void explicitFactoryIsUsedAndMayReplaceABuiltIn() {
        RequestSource constant = new ConstantSource("/explicit");
        RequestSources sources = RequestSources.of(List.of(RequestSourceFactory.of("file", c -> constant)), List.of());
        assertThat(sources.create(config("file"))).isSameAs(constant);
    }

    @Test
    void explicitFactoriesComeBeforeDiscoveredOnes() {
        RequestSource explicit = new ConstantSource("/explicit");
        RequestSource discovered = new ConstantSource("/discovered");
        RequestSources sources = RequestSources.of(List.of(RequestSourceFactory.of("db", c -> explicit)),
                List.of(RequestSourceFactory.of("db", c -> discovered), RequestSourceFactory.of("kafka", c -> discovered)));
        assertThat(sources.create(config("db"))).isSameAs(explicit);
        assertThat(sources.create(config("kafka"))).isSameAs(discovered);
        assertThat(sources.knownTypes()).containsExactly("file", "random-sum", "db", "kafka");
    }

    @Test
    void serviceLoaderPlugInIsDiscovered() {
        // src/test/resources/META-INF/services/...RequestSourceFactory lists TestPlugInSourceFactory.
        RequestSources sources = RequestSources.discover();
        assertThat(sources.knownTypes()).contains(TestPlugInSourceFactory.TYPE);
        RequestSource source = sources.create(config(TestPlugInSourceFactory.TYPE));
        assertThat(source.next().path()).isEqualTo("/from-plug-in");
    }

    @Test
    void explicitBeatsServiceLoader() {
        RequestSource explicit = new ConstantSource("/explicit");
        RequestSources sources = RequestSources.discover(
                List.of(RequestSourceFactory.of(TestPlugInSourceFactory.TYPE, c -> explicit)));
        assertThat(sources.create(config(TestPlugInSourceFactory.TYPE))).isSameAs(explicit);
    }

    @Test
    void fileFactoryNeedsAFile() {
        CoordinatorConfig c = config("file").toBuilder().requestSourceFile("").build();
        assertThatThrownBy(() -> new FileRequestSourceFactory().create(c)).isInstanceOf(InvalidConfigException.class)
                .hasMessage("-request-source-file: is required when -request-source-type=file");
    }

    @Test
    void fileFactoryReportsFileProblems() {
        CoordinatorConfig c = config("file").toBuilder().requestSourceFile("/nonexistent/requests.json").build();
        assertThatThrownBy(() -> RequestSources.discover().create(c)).isInstanceOf(InvalidConfigException.class)
                .hasMessage("/nonexistent/requests.json: no such file (-request-source-file)");
    }

    @Test
    void randomSumFactoryChecksBoundsAndUsesTheSeed() {
        CoordinatorConfig bad = config("random-sum").toBuilder().randomSumMin(5).randomSumMax(4).build();
        assertThatThrownBy(() -> new RandomSumRequestSourceFactory().create(bad))
                .hasMessage("-random-sum-max: must be >= -random-sum-min (5), got 4");
        CoordinatorConfig good = config("random-sum").toBuilder().randomSumPath("/add").build();
        assertThat(RequestSourceContract.take(new RandomSumRequestSourceFactory().create(good), 10))
                .isEqualTo(RequestSourceContract.take(new RandomSumRequestSourceFactory().create(good), 10))
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
