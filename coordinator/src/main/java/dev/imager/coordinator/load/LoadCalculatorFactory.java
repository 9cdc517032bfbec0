package dev.imager.coordinator.load;

import dev.imager.coordinator.config.LoadSettings;
import java.util.Objects;
import java.util.function.Function;

/**
 * Creates the load calculator selected by {@code -load-calculator}. The plug-in point for custom
 * profiles: pass an instance to {@link LoadCalculators#discover(java.util.List)}, or put a jar on the
 * classpath that lists its implementation in
 * {@code META-INF/services/dev.imager.coordinator.load.LoadCalculatorFactory} (implementations found
 * that way need a public no-argument constructor).
 */
public interface LoadCalculatorFactory {

    /** The {@code -load-calculator} value this factory answers to, e.g. {@code step}. */
    String type();

    /**
     * A new calculator configured from the load section of the flags ({@code -min-rps}, {@code -max-rps},
     * ...).
     *
     * @throws dev.imager.coordinator.config.InvalidConfigException when the settings cannot work
     */
    LoadCalculator create(LoadSettings load);

    /** A factory from a function, for embedding code that does not want a class per factory. */
    static LoadCalculatorFactory of(String type, Function<LoadSettings, LoadCalculator> create) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(create, "create");
        return new LoadCalculatorFactory() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public LoadCalculator create(LoadSettings load) {
                return create.apply(load);
            }

            @Override
            public String toString() {
                return "LoadCalculatorFactory[" + type + "]";
            }
        };
    }
}
