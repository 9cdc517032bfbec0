package dev.imager.coordinator.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.protocol.cli.DashForms;
import dev.imager.protocol.cli.FlagBinder;
import java.util.function.BiFunction;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One section of the coordinator's configuration for tests, written as the flags a user would type and
 * bound exactly as the command line binds them, but not validated: a test can build the invalid settings
 * a factory must refuse ({@code load("-step-rps=0")}). Flags not given keep their defaults.
 */
public final class Sections {

    private Sections() {
    }

    public static TargetSettings target(String... flags) {
        return bind(new TargetFlags(), TargetFlags::bind, flags);
    }

    public static LoadSettings load(String... flags) {
        return bind(new LoadFlags(), LoadFlags::bind, flags);
    }

    public static RequestSettings requests(String... flags) {
        return bind(new RequestFlags(), RequestFlags::bind, flags);
    }

    public static RunSettings run(String... flags) {
        return bind(new RunFlags(), RunFlags::bind, flags);
    }

    /** Pod mode targeting {@code deployment} in {@code namespace}, the other target flags at their defaults. */
    public static TargetSettings pod(String namespace, String deployment, String portName, String scheme) {
        return target("-target-namespace=" + namespace, "-target-deployment=" + deployment,
                "-target-port-name=" + portName, "-target-scheme=" + scheme);
    }

    /** Service mode targeting {@code service} in {@code namespace}. */
    public static TargetSettings service(String namespace, String service, String portName, String scheme) {
        return target("-target-mode=service", "-target-namespace=" + namespace, "-target-service=" + service,
                "-target-port-name=" + portName, "-target-scheme=" + scheme);
    }

    /** url mode with {@code url}. */
    public static TargetSettings url(String url) {
        return target("-target-mode=url", "-target-url=" + url);
    }

    private static <F, S> S bind(F flags, BiFunction<F, FlagBinder, S> bind, String... args) {
        CommandSpec spec = CommandSpec.create();
        spec.addMixin("section", CommandSpec.forAnnotatedObject(flags));
        new CommandLine(new DashForms().transform(spec)).setOverwrittenOptionsAllowed(true).parseArgs(args);
        FlagBinder binder = new FlagBinder();
        S settings = bind.apply(flags, binder);
        assertThat(binder.problems()).as("test flags %s", String.join(" ", args)).isEmpty();
        return settings;
    }
}
