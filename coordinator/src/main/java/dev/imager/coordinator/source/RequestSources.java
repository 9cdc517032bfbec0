package dev.imager.coordinator.source;

import dev.imager.coordinator.config.InvalidConfigException;
import dev.imager.coordinator.config.RequestFlags;
import dev.imager.coordinator.config.RequestSettings;
import dev.imager.coordinator.config.RunSettings;
import dev.imager.coordinator.plugin.PlugIns;
import java.util.List;
import java.util.Optional;

/**
 * Finds the factory for {@code -request-source-type}: factories passed explicitly by embedding code, then
 * plug-ins on the classpath, then the built-ins ({@code file}, {@code random-sum}); see {@link PlugIns}.
 */
public final class RequestSources {

    private final PlugIns<RequestSourceFactory> plugIns;

    private RequestSources(PlugIns<RequestSourceFactory> plugIns) {
        this.plugIns = plugIns;
    }

    /** The built-in factories. */
    public static List<RequestSourceFactory> builtIns() {
        return List.of(new FileRequestSourceFactory(), new RandomSumRequestSourceFactory());
    }

    /** Built-ins and plug-ins on the classpath (thread context class loader). */
    public static RequestSources discover() {
        return discover(List.of());
    }

    /**
     * {@code explicit} factories first, then plug-ins on the classpath, then built-ins.
     *
     * @throws InvalidConfigException when a plug-in listed in {@code META-INF/services} cannot be loaded
     */
    public static RequestSources discover(List<? extends RequestSourceFactory> explicit) {
        return new RequestSources(PlugIns.discover(RequestFlags.REQUEST_SOURCE_TYPE, RequestSourceFactory.class,
                RequestSourceFactory::type, builtIns(), explicit));
    }

    /** {@code explicit}, then {@code discovered}, then built-ins; for embedding code and tests. */
    public static RequestSources of(List<? extends RequestSourceFactory> explicit,
            List<? extends RequestSourceFactory> discovered) {
        return new RequestSources(PlugIns.of(RequestFlags.REQUEST_SOURCE_TYPE, RequestSourceFactory::type, builtIns(),
                explicit, discovered));
    }

    /** The factory that answers to {@code type}, if any. */
    public Optional<RequestSourceFactory> find(String type) {
        return plugIns.find(type);
    }

    /** Every type that can be selected: built-ins first, then plug-ins in lookup order. */
    public List<String> knownTypes() {
        return plugIns.knownTypes();
    }

    /**
     * Creates the source {@code requests} selects ({@code -request-source-type}).
     *
     * @throws InvalidConfigException when no factory answers to the type (the message lists the known
     *     types) or the factory rejects the settings
     */
    public RequestSource create(RequestSettings requests, RunSettings run) {
        return plugIns.factoryFor(requests.sourceType()).create(requests, run);
    }
}
