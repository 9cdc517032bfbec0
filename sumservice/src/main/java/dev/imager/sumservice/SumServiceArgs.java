package dev.imager.sumservice;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns command-line flags and environment variables into a {@link SumServiceConfig}, or into the full list
 * of problems with them.
 *
 * <p>Each setting can come from a flag or an environment variable; a flag wins, and an environment value a
 * flag overrides is not even parsed (a stale variable in a Pod spec must not break an explicit flag). An
 * empty environment variable counts as unset, as Kubernetes manifests often template empty values. Flags
 * take their value either as the next argument or after {@code =}. Hand-written because five integer
 * options do not justify a dependency.
 */
public final class SumServiceArgs {

    /** The result of parsing: a config to run, a request for help, or problems to report. */
    public record Parsed(SumServiceConfig config, boolean helpRequested, List<String> problems) {
        public Parsed {
            problems = List.copyOf(problems);
        }

        /** Whether the config can be used: no help request and no problems. */
        public boolean ok() {
            return !helpRequested && problems.isEmpty();
        }
    }

    /** One setting: its flag, its environment variable, and what to say about it in the usage text. */
    private enum Option {
        HOST("--host", "SUMSERVICE_HOST", "address to bind (default " + SumServiceConfig.DEFAULT_HOST + ")"),
        PORT("--port", "PORT", "TCP port, 0 for any free port (default " + SumServiceConfig.DEFAULT_PORT + ")"),
        CONCURRENCY("--concurrency", "SUMSERVICE_CONCURRENCY",
                "capacity simulation: /sum requests served at once (needs --service-time-ms)"),
        SERVICE_TIME_MS("--service-time-ms", "SUMSERVICE_SERVICE_TIME_MS",
                "capacity simulation: milliseconds each /sum request takes (needs --concurrency)"),
        MAX_QUEUE("--max-queue", "SUMSERVICE_MAX_QUEUE",
                "capacity simulation: waiting /sum requests before 503 (default "
                        + SumServiceConfig.DEFAULT_MAX_QUEUE + ")");

        final String flag;
        final String env;
        final String help;

        Option(String flag, String env, String help) {
            this.flag = flag;
            this.env = env;
            this.help = help;
        }

        static Option byFlag(String flag) {
            for (Option option : values()) {
                if (option.flag.equals(flag)) {
                    return option;
                }
            }
            return null;
        }
    }

    private SumServiceArgs() {
    }

    /** Parses {@code args} with {@code env} as the fallback for every setting not given as a flag. */
    public static Parsed parse(List<String> args, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Map<Option, String> flagValues = new EnumMap<>(Option.class);
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-h") || arg.equals("--help")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                problems.add("unexpected argument \"" + arg + "\" (options start with --; see --help)");
                continue;
            }
            int eq = arg.indexOf('=');
            String flag = eq < 0 ? arg : arg.substring(0, eq);
            Option option = Option.byFlag(flag);
            if (option == null) {
                problems.add("unknown option " + flag + " (see --help)");
                continue;
            }
            if (eq >= 0) {
                flagValues.put(option, arg.substring(eq + 1));
            } else if (i + 1 < args.size()) {
                flagValues.put(option, args.get(++i));
            } else {
                problems.add(flag + ": missing value");
            }
        }

        Resolver resolver = new Resolver(flagValues, env, problems);
        // Values that fail to parse get a valid placeholder so the remaining checks still run and report
        // only real problems; the config is never used when any problem exists.
        String host = resolver.text(Option.HOST);
        Integer port = resolver.integer(Option.PORT);
        Integer concurrency = resolver.integer(Option.CONCURRENCY);
        Integer serviceTimeMs = resolver.integer(Option.SERVICE_TIME_MS);
        Integer maxQueue = resolver.integer(Option.MAX_QUEUE);
        SumServiceConfig config = new SumServiceConfig(
                host == null ? SumServiceConfig.DEFAULT_HOST : host,
                port == null ? (resolver.failed(Option.PORT) ? 0 : SumServiceConfig.DEFAULT_PORT) : port,
                concurrency == null && resolver.failed(Option.CONCURRENCY) ? Integer.valueOf(1) : concurrency,
                serviceTimeMs == null && resolver.failed(Option.SERVICE_TIME_MS) ? Integer.valueOf(1) : serviceTimeMs,
                maxQueue == null ? SumServiceConfig.DEFAULT_MAX_QUEUE : maxQueue);
        problems.addAll(config.problems());
        return new Parsed(config, help, problems);
    }

    /** The {@code --help} text: every flag with its environment variable. */
    public static String usage() {
        StringBuilder text = new StringBuilder();
        text.append("Usage: java -jar imager-sumservice-<version>-all.jar [options]\n\n")
                .append("Demo target for imager: GET /sum?a=1&b=2, /healthz, /metrics.\n\n")
                .append("Options (each also settable through the environment variable shown; flags win):\n");
        for (Option option : Option.values()) {
            text.append(String.format("  %-25s %-27s %s%n", option.flag + (option == Option.HOST ? " <address>" : " <n>"), option.env, option.help));
        }
        text.append(String.format("  %-25s %-27s %s%n", "-h, --help", "", "show this help"));
        text.append("\nWith --concurrency C and --service-time-ms S, /sum serves at most C requests at a time,"
                + " each taking S ms,\nso capacity is C*1000/S requests per second; extra requests wait in a"
                + " FIFO queue.\n");
        return text.toString();
    }

    /** Picks each setting's raw value (flag over environment) and parses it, recording failures. */
    private static final class Resolver {
        private final Map<Option, String> flagValues;
        private final Map<String, String> env;
        private final List<String> problems;
        private final Set<Option> failed = EnumSet.noneOf(Option.class);

        Resolver(Map<Option, String> flagValues, Map<String, String> env, List<String> problems) {
            this.flagValues = flagValues;
            this.env = env;
            this.problems = problems;
        }

        /** The raw value, or null when neither the flag nor a non-blank environment variable is set. */
        String text(Option option) {
            if (flagValues.containsKey(option)) {
                return flagValues.get(option).strip();
            }
            String fromEnv = env.get(option.env);
            return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
        }

        Integer integer(Option option) {
            String raw = text(option);
            if (raw == null) {
                return null;
            }
            try {
                return Integer.valueOf(raw);
            } catch (NumberFormatException e) {
                String source = flagValues.containsKey(option) ? option.flag : option.env;
                problems.add(source + ": must be an integer, got \"" + raw + "\"");
                failed.add(option);
                return null;
            }
        }

        boolean failed(Option option) {
            return failed.contains(option);
        }
    }
}
