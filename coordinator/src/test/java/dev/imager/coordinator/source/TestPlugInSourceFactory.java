package dev.imager.coordinator.source;

import dev.imager.coordinator.config.RequestSettings;
import dev.imager.coordinator.config.RunSettings;

/** A plug-in registered through {@code META-INF/services} in the test resources. */
public final class TestPlugInSourceFactory implements RequestSourceFactory {

    static final String TYPE = "test-plug-in";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public RequestSource create(RequestSettings requests, RunSettings run) {
        return new RequestSourcesTest.ConstantSource("/from-plug-in");
    }
}
