package dev.imager.coordinator.source;

import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.config.FlagNames;
import dev.imager.coordinator.config.InvalidConfigException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Finds the factory for {@code -request-source-type}. Lookup order: factories passed explicitly by
 * embedding code, then factories found by {@link ServiceLoader} on the classpath, then the built-ins
 * ({@code file}, {@code random-sum}); the first whose {@link RequestSourceFactory#type()} equals the
 * requested type wins, so a plug-in may also replace a built-in.
 */
public final class RequestSources {

    private final List<RequestSourceFactory> lookupOrder;

    private RequestSources(List<RequestSourceFactory> lookupOrder) {
        this.lookupOrder = List.copyOf(lookupOrder);
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
        List<RequestSourceFactory> discovered = new ArrayList<>();
        try {
            ServiceLoader.load(RequestSourceFactory.class).forEach(discovered::add);
        } catch (ServiceConfigurationError e) {
            throw new InvalidConfigException("cannot load request-source plug-ins: " + e.getMessage(), e);
        }
        return of(explicit, discovered);
    }

    /** {@code explicit}, then {@code discovered}, then built-ins; for embedding code and tests. */
    public static RequestSources of(List<? extends RequestSourceFactory> explicit,
            List<? extends RequestSourceFactory> discovered) {
        List<RequestSourceFactory> order = new ArrayList<>(explicit);
        order.addAll(discovered);
        order.addAll(builtIns());
        return new RequestSources(order);
    }

    /** The factory that answers to {@code type}, if any. */
    public Optional<RequestSourceFactory> find(String type) {
        return lookupOrder.stream().filter(f -> f.type().equals(type)).findFirst();
    }

    /** Every type that can be selected: built-ins first, then plug-ins in lookup order. */
    public List<String> knownTypes() {
        Set<String> types = new LinkedHashSet<>();
        builtIns().forEach(f -> types.add(f.type()));
        lookupOrder.forEach(f -> types.add(f.type()));
        return List.copyOf(types);
    }

    /**
     * Creates the source {@code config} selects.
     *
     * @throws InvalidConfigException when no factory answers to the type (the message lists the known
     *     types) or the factory rejects the configuration
     */
    public RequestSource create(CoordinatorConfig config) {
        String type = config.requestSourceType();
        RequestSourceFactory factory = find(type).orElseThrow(() -> new InvalidConfigException(
                FlagNames.REQUEST_SOURCE_TYPE + ": unsupported value \"" + type + "\"; known: "
                        + String.join(", ", knownTypes())));
        return factory.create(config);
    }
}
