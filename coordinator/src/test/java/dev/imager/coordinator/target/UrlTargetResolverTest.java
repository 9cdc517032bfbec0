package dev.imager.coordinator.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.imager.coordinator.config.Sections;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UrlTargetResolverTest {
    private static final Supplier<KubernetesClient> NO_CLIENT = () -> fail("url mode must not create a Kubernetes client");

    @Test
    void urlModeNeverAsksForAKubernetesClient() throws Exception {
        try (TargetResolver resolver = TargetResolvers.create(Sections.url("https://api.example.com:443"),
                NO_CLIENT)) {
            resolver.start();

            assertThat(resolver.resolve()).containsExactly("https://api.example.com");
            assertThat(resolver.metricsPods()).isEmpty();
            assertThat(resolver.describe()).isEqualTo("url https://api.example.com");
        }
    }

    @Test
    void lazyClientIsNeverCreatedInUrlMode() throws Exception {
        try (LazyKubernetesClient clients = new LazyKubernetesClient(NO_CLIENT);
             TargetResolver resolver = TargetResolvers.create(Sections.url("http://127.0.0.1:8080"), clients)) {
            resolver.start();
            resolver.resolve();

            assertThat(clients.created()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // as given
            "http://127.0.0.1:8080, http://127.0.0.1:8080",
            // trailing slash stripped
            "http://127.0.0.1:8080/, http://127.0.0.1:8080",
            // base path kept, trailing slashes stripped
            "https://host.example/api/v1//, https://host.example/api/v1",
            // query kept
            "http://host/api/?tenant=a, http://host/api?tenant=a",
            // scheme lower-cased, percent-encoding kept
            "HTTP://host/a%20b/, http://host/a%20b",
            // the scheme's default port left out, another kept
            "https://host:443/x, https://host/x",
            "http://host:8443/x, http://host:8443/x",
            // slashes collapsed and dot segments removed, as for every request path
            "http://host//a/./b/../c?x=1, http://host/a/c?x=1",
    })
    void normalizesTheBaseUrl(String given, String expected) {
        assertThat(UrlTargetResolver.normalize(given)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "'', -target-url: is required in url mode",
            "/relative/path, must be an absolute http:// or https:// URL",
            "ftp://host/x, must be an absolute http:// or https:// URL",
            "http:///nohost, must be an absolute http:// or https:// URL with a host",
            "http://host/x#frag, must not contain a #fragment",
            "http://user:secret@host/, must not contain user info",
            "http://host name/, must be an absolute http:// or https:// URL with a host",
    })
    void rejectsUnusableUrlsNamingTheFlag(String url, String message) {
        assertThatThrownBy(() -> TargetResolvers.create(Sections.url(url), NO_CLIENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-target-url")
                .hasMessageContaining(message);
    }
}
