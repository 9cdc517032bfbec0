package dev.imager.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.imager.coordinator.config.CoordinatorCommand;
import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.config.ParseResult;
import dev.imager.coordinator.report.Thresholds;
import dev.imager.protocol.cli.EnvironmentDefaults;
import dev.imager.sumservice.SumServiceArgs;
import dev.imager.sumservice.SumServiceConfig;
import dev.imager.worker.WorkerMain;
import dev.imager.worker.targets.AllowedTargets;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The arguments a manifest gives a container, parsed by the program's own parser: what the manifests say is
 * what the programs would run with, and nothing in them would be rejected at start-up.
 */
final class ProgramArgs {

    /** The worker flag listing where it may send (docs/security.md#allowed-targets). */
    static final String ALLOWED_TARGETS = "--allowed-targets";

    private ProgramArgs() {
    }

    /**
     * Parses the coordinator container's args with the coordinator's parser, and its thresholds with the
     * thresholds parser. Environment variables that come from a Secret stand in as "secret".
     */
    static CoordinatorConfig coordinator(Container container) {
        List<String> args = container.getArgs();
        ParseResult result = CoordinatorCommand.parse(new EnvironmentDefaults(environment(container)),
                args.toArray(String[]::new));
        if (!(result instanceof ParseResult.Valid valid)) {
            return fail("the coordinator would refuse " + args + ": " + result);
        }
        Thresholds.parseAll(valid.config().output().thresholds());
        return valid.config();
    }

    /**
     * Checks the worker container's args with the worker's own checks (every value converts, every rule
     * holds), then parses them with its picocli model; returns picocli's result, whose values are the flags'
     * text. Files the pod mounts (TLS certificates) do not exist here, so only their readability is not
     * checked.
     */
    static CommandLine.ParseResult worker(Container container) {
        EnvironmentDefaults environment = new EnvironmentDefaults(environment(container));
        CommandLine commandLine = new CommandLine(new WorkerMain()).setDefaultValueProvider(environment);
        String[] args = container.getArgs().toArray(String[]::new);
        assertThat(WorkerMain.problems(environment, args)).as("the worker would refuse %s", container.getArgs())
                .allMatch(problem -> problem.contains(": cannot read file /etc/"));
        try {
            CommandLine.ParseResult result = commandLine.parseArgs(args);
            assertThat(result.unmatched()).as("worker args %s", container.getArgs()).isEmpty();
            return result;
        } catch (CommandLine.ParameterException e) {
            return fail("the worker would refuse " + container.getArgs() + ": " + e.getMessage());
        }
    }

    /** The entries of the container's {@code --allowed-targets=a,b,...} (exactly one such argument). */
    static List<String> allowedTargets(Container container) {
        List<String> flags = container.getArgs().stream().filter(a -> a.startsWith(ALLOWED_TARGETS + "=")).toList();
        assertThat(flags).as("%s in %s", ALLOWED_TARGETS, container.getArgs()).hasSize(1);
        List<String> entries = List.of(flags.get(0).substring(ALLOWED_TARGETS.length() + 1).split(",", -1));
        assertThat(entries).as("%s entries", ALLOWED_TARGETS).isNotEmpty().noneMatch(String::isBlank);
        // Each entry as the worker reads it (the whole list is also parsed by worker() with the rest of the args).
        for (String entry : entries) {
            try {
                AllowedTargets.parse(entry);
            } catch (IllegalArgumentException e) {
                fail("the worker would refuse " + ALLOWED_TARGETS + " entry " + entry + ": " + e.getMessage());
            }
        }
        return entries;
    }

    /** Parses the sumservice container's args and environment with sumservice's own parser. */
    static SumServiceConfig sumservice(Container container) {
        SumServiceArgs.Parsed parsed = SumServiceArgs.parse(container.getArgs(), environment(container));
        assertThat(parsed.problems()).as("sumservice args %s", container.getArgs()).isEmpty();
        return parsed.config();
    }

    /** The container's literal env values, and "secret" for those taken from a Secret. */
    static Map<String, String> environment(Container container) {
        Map<String, String> env = new HashMap<>();
        for (EnvVar var : container.getEnv()) {
            if (var.getValue() != null) {
                env.put(var.getName(), var.getValue());
            } else if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
                env.put(var.getName(), "secret");
            }
        }
        return env;
    }
}
