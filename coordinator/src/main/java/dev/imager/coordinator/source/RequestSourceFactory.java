package dev.imager.coordinator.source;

import dev.imager.coordinator.config.RequestSettings;
import dev.imager.coordinator.config.RunSettings;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Creates the request source selected by {@code -request-source-type}. The plug-in point for custom
 * sources: pass an instance to {@link RequestSources#discover(java.util.List)}, or put a jar on the
 * classpath that lists its implementation in
 * {@code META-INF/services/dev.imager.coordinator.source.RequestSourceFactory} (implementations found
 * that way need a public no-argument constructor).
 */
public interface RequestSourceFactory {

    /** The {@code -request-source-type} value this factory answers to, e.g. {@code file}. */
    String type();

    /**
     * A new source configured from the requests section of the flags ({@code -request-source-*},
     * {@code -random-sum-*}, ...); {@code run} carries {@code --seed} for sources that can be reproduced.
     *
     * @throws dev.imager.coordinator.config.InvalidConfigException when the settings cannot work
     *     (each problem naming its flag or file position)
     */
    RequestSource create(RequestSettings requests, RunSettings run);

    /** A factory from a function, for embedding code that does not want a class per factory. */
    static RequestSourceFactory of(String type, BiFunction<RequestSettings, RunSettings, RequestSource> create) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(create, "create");
        return new RequestSourceFactory() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public RequestSource create(RequestSettings requests, RunSettings run) {
                return create.apply(requests, run);
            }

            @Override
            public String toString() {
                return "RequestSourceFactory[" + type + "]";
            }
        };
    }
}
