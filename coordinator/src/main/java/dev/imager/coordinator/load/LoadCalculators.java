package dev.imager.coordinator.load;

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
 * Finds the factory for {@code -load-calculator}. Lookup order: factories passed explicitly by
 * embedding code, then factories found by {@link ServiceLoader} on the classpath, then the built-ins
 * ({@code step}, {@code exponential}, {@code logarithmic}, {@code adaptive-exponential}); the first
 * whose {@link LoadCalculatorFactory#type()} equals the requested type wins, so a plug-in may also
 * replace a built-in.
 */
public final class LoadCalculators {

    private final List<LoadCalculatorFactory> lookupOrder;

    private LoadCalculators(List<LoadCalculatorFactory> lookupOrder) {
        this.lookupOrder = List.copyOf(lookupOrder);
    }

    /** The built-in factories. */
    public static List<LoadCalculatorFactory> builtIns() {
        return List.of(new StepCalculatorFactory(), ExponentialCalculatorFactory.exponential(),
                ExponentialCalculatorFactory.logarithmic(), new AdaptiveExponentialCalculatorFactory());
    }

    /** Built-ins and plug-ins on the classpath (thread context class loader). */
    public static LoadCalculators discover() {
        return discover(List.of());
    }

    /**
     * {@code explicit} factories first, then plug-ins on the classpath, then built-ins.
     *
     * @throws InvalidConfigException when a plug-in listed in {@code META-INF/services} cannot be loaded
     */
    public static LoadCalculators discover(List<? extends LoadCalculatorFactory> explicit) {
        List<LoadCalculatorFactory> discovered = new ArrayList<>();
        try {
            ServiceLoader.load(LoadCalculatorFactory.class).forEach(discovered::add);
        } catch (ServiceConfigurationError e) {
            throw new InvalidConfigException("cannot load load-calculator plug-ins: " + e.getMessage(), e);
        }
        return of(explicit, discovered);
    }

    /** {@code explicit}, then {@code discovered}, then built-ins; for embedding code and tests. */
    public static LoadCalculators of(List<? extends LoadCalculatorFactory> explicit,
            List<? extends LoadCalculatorFactory> discovered) {
        List<LoadCalculatorFactory> order = new ArrayList<>(explicit);
        order.addAll(discovered);
        order.addAll(builtIns());
        return new LoadCalculators(order);
    }

    /** The factory that answers to {@code type}, if any. */
    public Optional<LoadCalculatorFactory> find(String type) {
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
     * Creates the calculator {@code config} selects.
     *
     * @throws InvalidConfigException when no factory answers to the type (the message lists the known
     *     types) or the factory rejects the configuration
     */
    public LoadCalculator create(CoordinatorConfig config) {
        String type = config.loadCalculator();
        LoadCalculatorFactory factory = find(type).orElseThrow(() -> new InvalidConfigException(
                FlagNames.LOAD_CALCULATOR + ": unsupported value \"" + type + "\"; known: "
                        + String.join(", ", knownTypes())));
        return factory.create(config);
    }
}
