package dev.imager.coordinator.load;

import dev.imager.coordinator.config.InvalidConfigException;
import dev.imager.coordinator.config.LoadFlags;
import dev.imager.coordinator.config.LoadSettings;
import dev.imager.coordinator.plugin.PlugIns;
import java.util.List;
import java.util.Optional;

/**
 * Finds the factory for {@code -load-calculator}: factories passed explicitly by embedding code, then
 * plug-ins on the classpath, then the built-ins ({@code step}, {@code exponential}, {@code logarithmic},
 * {@code adaptive-exponential}, {@code stages}); see {@link PlugIns}.
 */
public final class LoadCalculators {

    private final PlugIns<LoadCalculatorFactory> plugIns;

    private LoadCalculators(PlugIns<LoadCalculatorFactory> plugIns) {
        this.plugIns = plugIns;
    }

    /** The built-in factories. */
    public static List<LoadCalculatorFactory> builtIns() {
        return List.of(new StepCalculatorFactory(), ExponentialCalculatorFactory.exponential(),
                ExponentialCalculatorFactory.logarithmic(), new AdaptiveExponentialCalculatorFactory(),
                new StagesCalculatorFactory());
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
        return new LoadCalculators(PlugIns.discover(LoadFlags.LOAD_CALCULATOR, LoadCalculatorFactory.class,
                LoadCalculatorFactory::type, builtIns(), explicit));
    }

    /** {@code explicit}, then {@code discovered}, then built-ins; for embedding code and tests. */
    public static LoadCalculators of(List<? extends LoadCalculatorFactory> explicit,
            List<? extends LoadCalculatorFactory> discovered) {
        return new LoadCalculators(PlugIns.of(LoadFlags.LOAD_CALCULATOR, LoadCalculatorFactory::type, builtIns(),
                explicit, discovered));
    }

    /** The factory that answers to {@code type}, if any. */
    public Optional<LoadCalculatorFactory> find(String type) {
        return plugIns.find(type);
    }

    /** Every type that can be selected: built-ins first, then plug-ins in lookup order. */
    public List<String> knownTypes() {
        return plugIns.knownTypes();
    }

    /**
     * Creates the calculator {@code load} selects ({@code -load-calculator}).
     *
     * @throws InvalidConfigException when no factory answers to the type (the message lists the known
     *     types) or the factory rejects the settings
     */
    public LoadCalculator create(LoadSettings load) {
        return plugIns.factoryFor(load.calculator()).create(load);
    }
}
