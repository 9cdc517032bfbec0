package dev.imager.coordinator.config;

import dev.imager.protocol.Subjects;
import dev.imager.protocol.transport.NatsSettings;
import java.util.List;
import java.util.Objects;

/**
 * Every coordinator setting, immutable, in the sections the command line groups them in: one typed
 * section per flag group, each holding its defaults and its own rules. Parse one from flags with
 * {@link CoordinatorCommand#parse(String...)}, which also validates, or put sections together in code
 * (start from {@link #defaults()} and the {@code with*} methods). A config built in code is not
 * necessarily valid: call {@link #problems()}.
 *
 * @param target {@code -target-*}, Kubernetes access and the pod metrics poll
 * @param load the load profile and how rounds are planned
 * @param requests where requests come from and their timeout
 * @param nats how to reach the workers in distributed mode (the flags the worker has too)
 * @param run workers, run length, identity, the HTTP port
 * @param output progress, report files, thresholds
 */
public record CoordinatorConfig(TargetSettings target, LoadSettings load, RequestSettings requests,
        NatsSettings nats, RunSettings run, OutputSettings output) {

    public CoordinatorConfig {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(nats, "nats");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(output, "output");
    }

    /**
     * Every default, with a freshly generated coordinator id; the default pod mode still needs
     * {@code -target-deployment}.
     */
    public static CoordinatorConfig defaults() {
        return new CoordinatorConfig(TargetSettings.DEFAULTS, LoadSettings.DEFAULTS, RequestSettings.DEFAULTS,
                NatsSettings.of(NatsSettings.DEFAULT_URL), RunSettings.defaults(), OutputSettings.DEFAULTS);
    }

    public CoordinatorConfig withTarget(TargetSettings t) {
        return new CoordinatorConfig(t, load, requests, nats, run, output);
    }

    public CoordinatorConfig withLoad(LoadSettings l) {
        return new CoordinatorConfig(target, l, requests, nats, run, output);
    }

    public CoordinatorConfig withRequests(RequestSettings r) {
        return new CoordinatorConfig(target, load, r, nats, run, output);
    }

    public CoordinatorConfig withNats(NatsSettings n) {
        return new CoordinatorConfig(target, load, requests, n, run, output);
    }

    public CoordinatorConfig withRun(RunSettings r) {
        return new CoordinatorConfig(target, load, requests, nats, r, output);
    }

    public CoordinatorConfig withOutput(OutputSettings o) {
        return new CoordinatorConfig(target, load, requests, nats, run, o);
    }

    /** Every validation problem, each starting with its flag name; empty when the config is usable. */
    public List<String> problems() {
        return ConfigValidator.validate(this);
    }

    /** True in local mode ({@code --local-workers} > 0): in-process workers, no NATS. */
    public boolean localMode() {
        return run.localMode();
    }

    /**
     * The NATS connection settings for the transport: the NATS section, its connection named
     * {@code imager-coordinator-<coordinatorId>} so {@code nats server report connections} shows which
     * coordinator is which. Meaningful in distributed mode only.
     */
    public NatsSettings natsSettings() {
        return nats.withConnectionName("imager-coordinator-" + run.coordinatorId());
    }

    /**
     * The NATS subjects under {@code --subject-prefix}, also used by the in-memory bus of local mode.
     *
     * @throws IllegalArgumentException when the prefix is invalid (validation reports that first)
     */
    public Subjects subjects() {
        return nats.subjects();
    }
}
