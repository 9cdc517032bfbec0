package dev.imager.coordinator.plugin;

import dev.imager.coordinator.config.InvalidConfigException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds the factory for a plug-in type flag ({@code -request-source-type}, {@code -load-calculator}).
 * Lookup order: factories given explicitly by embedding code, then factories on the classpath
 * ({@link ServiceLoader}), then the built-ins; the first whose type equals the requested one wins, so a
 * plug-in may also replace a built-in.
 *
 * @param <F> the factory interface
 */
public final class PlugIns<F> {

    private final String flag;
    private final Function<F, String> typeOf;
    private final List<F> builtIns;
    private final List<F> lookupOrder;

    private PlugIns(String flag, Function<F, String> typeOf, List<F> builtIns, List<F> lookupOrder) {
        this.flag = flag;
        this.typeOf = typeOf;
        this.builtIns = List.copyOf(builtIns);
        this.lookupOrder = List.copyOf(lookupOrder);
    }

    /**
     * {@code explicit} factories first, then {@code spi} implementations on the classpath (thread context
     * class loader), then {@code builtIns}.
     *
     * @param flag the flag that selects a type, for messages
     * @throws InvalidConfigException when a plug-in listed in {@code META-INF/services} cannot be loaded
     */
    public static <F> PlugIns<F> discover(String flag, Class<F> spi, Function<F, String> typeOf, List<F> builtIns,
            List<? extends F> explicit) {
        List<F> discovered = new ArrayList<>();
        try {
            ServiceLoader.load(spi).forEach(discovered::add);
        } catch (ServiceConfigurationError e) {
            throw new InvalidConfigException("cannot load " + flag + " plug-ins: " + e.getMessage(), e);
        }
        return of(flag, typeOf, builtIns, explicit, discovered);
    }

    /** {@code explicit}, then {@code discovered}, then {@code builtIns}; for embedding code and tests. */
    public static <F> PlugIns<F> of(String flag, Function<F, String> typeOf, List<F> builtIns,
            List<? extends F> explicit, List<? extends F> discovered) {
        List<F> order = new ArrayList<>(explicit);
        order.addAll(discovered);
        order.addAll(builtIns);
        return new PlugIns<>(flag, typeOf, builtIns, order);
    }

    /** The factory that answers to {@code type}, if any. */
    public Optional<F> find(String type) {
        return lookupOrder.stream().filter(f -> typeOf.apply(f).equals(type)).findFirst();
    }

    /** Every type that can be selected: built-ins first, then plug-ins in lookup order. */
    public List<String> knownTypes() {
        Set<String> types = new LinkedHashSet<>();
        builtIns.forEach(f -> types.add(typeOf.apply(f)));
        lookupOrder.forEach(f -> types.add(typeOf.apply(f)));
        return List.copyOf(types);
    }

    /**
     * The factory for {@code type}.
     *
     * @throws InvalidConfigException naming the flag and listing the known types when none answers
     */
    public F factoryFor(String type) {
        return find(type).orElseThrow(() -> new InvalidConfigException(flag + ": unsupported value \"" + type
                + "\"; known: " + String.join(", ", knownTypes())));
    }
}
