package dev.imager.coordinator.config;

import java.util.Set;

/**
 * The coordinator's flag names as they appear in problem messages. Flags kept from the original Go
 * orchestrator are written with one dash, flags new in imager with two; the command line accepts both
 * spellings of every flag.
 */
public final class FlagNames {

    public static final String LISTEN_PORT = "-listen-port";
    public static final String TARGET_MODE = "-target-mode";
    public static final String TARGET_NAMESPACE = "-target-namespace";
    public static final String TARGET_DEPLOYMENT = "-target-deployment";
    public static final String TARGET_SERVICE = "-target-service";
    public static final String TARGET_URL = "-target-url";
    public static final String TARGET_PORT_NAME = "-target-port-name";
    public static final String TARGET_SCHEME = "-target-scheme";
    public static final String REQUEST_SOURCE_TYPE = "-request-source-type";
    public static final String REQUEST_SOURCE_FILE = "-request-source-file";
    public static final String RANDOM_SUM_PATH = "-random-sum-path";
    public static final String RANDOM_SUM_MIN = "-random-sum-min";
    public static final String RANDOM_SUM_MAX = "-random-sum-max";
    public static final String LOAD_CALCULATOR = "-load-calculator";
    public static final String MIN_RPS = "-min-rps";
    public static final String MAX_RPS = "-max-rps";
    public static final String STEP_RPS = "-step-rps";
    public static final String ADAPTIVE_MAX_LATENCY_MS = "-adaptive-max-latency-ms";
    public static final String SCHEDULE_INTERVAL = "-schedule-interval";
    public static final String JOB_DURATION = "-job-duration";
    public static final String METRICS_POLL_INTERVAL = "-metrics-poll-interval";
    public static final String IN_CLUSTER = "-in-cluster";
    public static final String KUBECONFIG = "-kubeconfig";

    public static final String NATS_URL = "--nats-url";
    public static final String SUBJECT_PREFIX = "--subject-prefix";
    public static final String NATS_USER = "--nats-user";
    public static final String NATS_PASSWORD = "--nats-password";
    public static final String NATS_TOKEN = "--nats-token";
    public static final String NATS_CREDS = "--nats-creds";
    public static final String NATS_TLS = "--nats-tls";
    public static final String NATS_TLS_CA = "--nats-tls-ca";
    public static final String NATS_TLS_CERT = "--nats-tls-cert";
    public static final String NATS_TLS_KEY = "--nats-tls-key";
    public static final String NATS_CONNECT_TIMEOUT = "--nats-connect-timeout";
    public static final String MIN_WORKERS = "--min-workers";
    public static final String WORKER_WAIT_TIMEOUT = "--worker-wait-timeout";
    public static final String DURATION = "--duration";
    public static final String ARRIVAL = "--arrival";
    public static final String REQUEST_TIMEOUT = "--request-timeout";
    public static final String MAX_JOB_SIZE = "--max-job-size";
    public static final String PLAN_AHEAD = "--plan-ahead";
    public static final String WARMUP = "--warmup";
    public static final String SEED = "--seed";
    public static final String LOCAL_WORKERS = "--local-workers";
    public static final String REPORT_DIR = "--report-dir";
    public static final String THRESHOLD = "--threshold";
    public static final String PROGRESS = "--progress";
    public static final String COORDINATOR_ID = "--coordinator-id";

    // Names (without dashes) of the flags the original Go orchestrator had.
    private static final Set<String> ORIGINAL = Set.of(
            "listen-port", "target-mode", "target-namespace", "target-deployment", "target-service", "target-url",
            "target-port-name", "target-scheme", "request-source-type", "request-source-file", "random-sum-path",
            "random-sum-min", "random-sum-max", "load-calculator", "min-rps", "max-rps", "step-rps",
            "adaptive-max-latency-ms", "schedule-interval", "job-duration", "metrics-poll-interval", "in-cluster",
            "kubeconfig");

    private FlagNames() {
    }

    /** True when {@code flag} (any spelling: {@code min-rps}, {@code -min-rps}, {@code --min-rps}) is the original's. */
    public static boolean isOriginal(String flag) {
        return ORIGINAL.contains(stripDashes(flag));
    }

    /** {@code flag} as problem messages spell it: one dash for the original's flags, two for new ones. */
    public static String display(String flag) {
        String name = stripDashes(flag);
        return (ORIGINAL.contains(name) ? "-" : "--") + name;
    }

    private static String stripDashes(String flag) {
        int i = 0;
        while (i < flag.length() && flag.charAt(i) == '-') {
            i++;
        }
        return flag.substring(i);
    }
}
