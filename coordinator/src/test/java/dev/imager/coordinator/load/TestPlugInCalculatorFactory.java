package dev.imager.coordinator.load;

import dev.imager.coordinator.config.LoadSettings;

/** A plug-in registered through {@code META-INF/services} in the test resources: alternates min and max. */
public final class TestPlugInCalculatorFactory implements LoadCalculatorFactory {

    static final String TYPE = "test-alternating";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public LoadCalculator create(LoadSettings load) {
        return round -> round % 2 == 0 ? load.minRps() : load.maxRps();
    }
}
