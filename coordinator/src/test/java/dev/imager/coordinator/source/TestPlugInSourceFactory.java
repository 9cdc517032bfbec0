package dev.imager.coordinator.source;

import dev.imager.coordinator.config.CoordinatorConfig;

/** A plug-in registered through {@code META-INF/services} in the test resources. */
public final class TestPlugInSourceFactory implements RequestSourceFactory {

    static final String TYPE = "test-plug-in";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public RequestSource create(CoordinatorConfig config) {
        return new RequestSourcesTest.ConstantSource("/from-plug-in");
    }
}
