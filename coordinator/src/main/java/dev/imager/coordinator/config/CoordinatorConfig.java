package dev.imager.coordinator.config;

import dev.imager.protocol.cli.GoDuration;
import dev.imager.protocol.Subjects;
import dev.imager.protocol.transport.NatsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Every coordinator setting, immutable. Build one with {@link #builder()} (programmatic use, tests) or
 * from command-line flags with {@link CoordinatorCommand#parse(String...)}, which also validates.
 *
 * <p>Settings named after the original Go orchestrator's flags keep their names and defaults; the
 * {@code DEFAULT_*} constants below are the single source of those defaults (help text included).
 * Optional settings are {@link Optional}; absent string settings of the original (e.g.
 * {@code -target-url}) are empty strings, as they were there. A config obtained from this record's
 * constructor is not necessarily valid: call {@link #problems()}.
 *
 * @param listenPort {@code -listen-port}: port of the coordinator's HTTP server ({@code /metrics}, health)
 * @param targetMode {@code -target-mode}
 * @param targetNamespace {@code -target-namespace}: namespace of the target (pod and service modes)
 * @param targetDeployment {@code -target-deployment}: deployment whose pods are the target (pod mode)
 * @param targetService {@code -target-service}: service that is the target (service mode)
 * @param targetUrl {@code -target-url}: absolute http(s) base URL (url mode)
 * @param targetPortName {@code -target-port-name}: named container/service port; empty = first port
 * @param targetScheme {@code -target-scheme}: scheme of pod/service URLs; empty = http
 * @param requestSourceType {@code -request-source-type}: name of a request source (built-in or plug-in)
 * @param requestSourceFile {@code -request-source-file}: request file of the {@code file} source
 * @param randomSumPath {@code -random-sum-path}: path of the {@code random-sum} source; empty = /sum
 * @param randomSumMin {@code -random-sum-min}: inclusive lower bound of a and b
 * @param randomSumMax {@code -random-sum-max}: inclusive upper bound of a and b
 * @param loadCalculator {@code -load-calculator}: name of a load calculator (built-in or plug-in)
 * @param minRps {@code -min-rps}: starting / minimum total rate
 * @param maxRps {@code -max-rps}: maximum total rate; no round is planned above it
 * @param stepRps {@code -step-rps}: increment of the {@code step} calculator
 * @param adaptiveMaxLatencyMs {@code -adaptive-max-latency-ms}: p99 limit of the adaptive search; 0 = timeout mode
 * @param scheduleInterval {@code -schedule-interval}: one round per interval
 * @param jobDuration {@code -job-duration}: span of the requests of one round
 * @param metricsPollInterval {@code -metrics-poll-interval}: target pod CPU/memory poll period
 * @param inCluster {@code -in-cluster}: use the pod's service account for Kubernetes
 * @param kubeconfig {@code -kubeconfig}: kubeconfig file when not in cluster; empty = ~/.kube/config
 * @param natsUrl {@code --nats-url}: comma-separated NATS server URLs
 * @param subjectPrefix {@code --subject-prefix}: prefix of every NATS subject
 * @param natsUser {@code --nats-user}
 * @param natsPassword {@code --nats-password}
 * @param natsToken {@code --nats-token}
 * @param natsCreds {@code --nats-creds}: NATS credentials file
 * @param natsTls {@code --nats-tls}: require TLS
 * @param natsTlsCa {@code --nats-tls-ca}: PEM CA bundle
 * @param natsTlsCert {@code --nats-tls-cert}: PEM client certificate
 * @param natsTlsKey {@code --nats-tls-key}: PEM client key
 * @param natsConnectTimeout {@code --nats-connect-timeout}
 * @param minWorkers {@code --min-workers}: live workers to wait for before the first round
 * @param workerWaitTimeout {@code --worker-wait-timeout}: give up waiting for workers after this
 * @param duration {@code --duration}: run length; empty = until stopped, as the original
 * @param arrival {@code --arrival}
 * @param requestTimeout {@code --request-timeout}: per-request timeout
 * @param maxJobSize {@code --max-job-size}: most requests in one job
 * @param planAhead {@code --plan-ahead}: a round is published this long before its start
 * @param warmup {@code --warmup}: rounds at -min-rps before the run proper; judged by nobody, excluded from totals
 * @param seed {@code --seed}: seed for Poisson arrivals and random-sum; empty = not reproducible
 * @param localWorkers {@code --local-workers}: 0 = distributed over NATS, N = N in-process workers
 * @param reportDir {@code --report-dir}: where the final report files go; empty = none written
 * @param thresholds {@code --threshold}: pass/fail criteria, parsed by the thresholds component
 * @param progress {@code --progress}
 * @param coordinatorId {@code --coordinator-id}: this coordinator's id (a NATS subject token)
 */
public record CoordinatorConfig(
        int listenPort,
        TargetMode targetMode,
        String targetNamespace,
        String targetDeployment,
        String targetService,
        String targetUrl,
        String targetPortName,
        String targetScheme,
        String requestSourceType,
        String requestSourceFile,
        String randomSumPath,
        long randomSumMin,
        long randomSumMax,
        String loadCalculator,
        long minRps,
        long maxRps,
        long stepRps,
        long adaptiveMaxLatencyMs,
        Duration scheduleInterval,
        Duration jobDuration,
        Duration metricsPollInterval,
        boolean inCluster,
        String kubeconfig,
        String natsUrl,
        String subjectPrefix,
        Optional<String> natsUser,
        Optional<String> natsPassword,
        Optional<String> natsToken,
        Optional<Path> natsCreds,
        boolean natsTls,
        Optional<Path> natsTlsCa,
        Optional<Path> natsTlsCert,
        Optional<Path> natsTlsKey,
        Duration natsConnectTimeout,
        int minWorkers,
        Duration workerWaitTimeout,
        Optional<Duration> duration,
        Arrival arrival,
        Duration requestTimeout,
        int maxJobSize,
        Duration planAhead,
        Duration warmup,
        OptionalLong seed,
        int localWorkers,
        Optional<Path> reportDir,
        List<String> thresholds,
        ProgressMode progress,
        String coordinatorId) {

    /** The original's orchestrator port, serving the API and {@code /metrics}. */
    public static final int DEFAULT_LISTEN_PORT = 8099;
    /** The original's default: target the Running pods of a deployment. */
    public static final TargetMode DEFAULT_TARGET_MODE = TargetMode.POD;
    /** The original's default namespace. */
    public static final String DEFAULT_TARGET_NAMESPACE = "default";
    /** None: required in pod mode. */
    public static final String DEFAULT_TARGET_DEPLOYMENT = "";
    /** None: required in service mode. */
    public static final String DEFAULT_TARGET_SERVICE = "";
    /** None: required in url mode. */
    public static final String DEFAULT_TARGET_URL = "";
    /** The conventional name of an HTTP port in Kubernetes manifests. */
    public static final String DEFAULT_TARGET_PORT_NAME = "http";
    /** Plain HTTP to pods and services, as in the original. */
    public static final String DEFAULT_TARGET_SCHEME = "http";
    /** The original's default: requests from a file mounted from a ConfigMap. */
    public static final String DEFAULT_REQUEST_SOURCE_TYPE = "file";
    /** Where the original's manifests mount the request ConfigMap. */
    public static final String DEFAULT_REQUEST_SOURCE_FILE = "/config/requests.json";
    /** The demo sumservice's endpoint. */
    public static final String DEFAULT_RANDOM_SUM_PATH = "/sum";
    /** Inclusive lower bound of the random operands. */
    public static final long DEFAULT_RANDOM_SUM_MIN = 1;
    /** Inclusive upper bound of the random operands. */
    public static final long DEFAULT_RANDOM_SUM_MAX = 100;
    /** The original's default calculator: +1 rps per round. */
    public static final String DEFAULT_LOAD_CALCULATOR = "step";
    /** First (and smallest) total rate. */
    public static final long DEFAULT_MIN_RPS = 1;
    /** Highest total rate ever planned. */
    public static final long DEFAULT_MAX_RPS = 100;
    /** Increment of the step calculator per round. */
    public static final long DEFAULT_STEP_RPS = 1;
    /** 0 selects the adaptive search's timeout mode (fail when half the requests time out). */
    public static final long DEFAULT_ADAPTIVE_MAX_LATENCY_MS = 0;
    /** One round per second. */
    public static final Duration DEFAULT_SCHEDULE_INTERVAL = Duration.ofSeconds(1);
    /** Each round spans one second of requests. */
    public static final Duration DEFAULT_JOB_DURATION = Duration.ofSeconds(1);
    /** metrics-server refreshes every 15 s or so; 5 s keeps the report's CPU curve fresh enough. */
    public static final Duration DEFAULT_METRICS_POLL_INTERVAL = Duration.ofSeconds(5);
    /** The coordinator normally runs as a pod with its own service account. */
    public static final boolean DEFAULT_IN_CLUSTER = true;
    /** Empty: {@code ~/.kube/config}. */
    public static final String DEFAULT_KUBECONFIG = "";
    /** A NATS server on this machine. */
    public static final String DEFAULT_NATS_URL = NatsSettings.DEFAULT_URL;
    /** All subjects start with {@code imager.}. */
    public static final String DEFAULT_SUBJECT_PREFIX = Subjects.DEFAULT_PREFIX;
    /** How long the first NATS connection is retried. */
    public static final Duration DEFAULT_NATS_CONNECT_TIMEOUT = NatsSettings.DEFAULT_CONNECT_TIMEOUT;
    /** Start as soon as one worker is live. */
    public static final int DEFAULT_MIN_WORKERS = 1;
    /** A worker pod normally starts within a minute; after that, something is wrong. */
    public static final Duration DEFAULT_WORKER_WAIT_TIMEOUT = Duration.ofSeconds(60);
    /** Evenly spaced requests: the most reproducible load. */
    public static final Arrival DEFAULT_ARRIVAL = Arrival.UNIFORM;
    /** Longer than any healthy response, short enough to count a hung target within a round or two. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /** 2000 requests per job keeps a job message around 100-200 KiB with typical request specs. */
    public static final int DEFAULT_MAX_JOB_SIZE = 2000;
    /** Enough for a job to cross NATS and be acknowledged before its first planned instant. */
    public static final Duration DEFAULT_PLAN_AHEAD = Duration.ofMillis(250);
    /** No warm-up, as the original: the load profile starts at once. */
    public static final Duration DEFAULT_WARMUP = Duration.ZERO;
    /** Distributed mode: workers connect over NATS. */
    public static final int DEFAULT_LOCAL_WORKERS = 0;
    /** A live status line on terminals, plain lines in logs. */
    public static final ProgressMode DEFAULT_PROGRESS = ProgressMode.AUTO;

    public CoordinatorConfig {
        Objects.requireNonNull(targetMode, "targetMode");
        Objects.requireNonNull(arrival, "arrival");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(coordinatorId, "coordinatorId");
        targetNamespace = Objects.requireNonNullElse(targetNamespace, "");
        targetDeployment = Objects.requireNonNullElse(targetDeployment, "");
        targetService = Objects.requireNonNullElse(targetService, "");
        targetUrl = Objects.requireNonNullElse(targetUrl, "");
        targetPortName = Objects.requireNonNullElse(targetPortName, "");
        targetScheme = Objects.requireNonNullElse(targetScheme, "");
        requestSourceType = Objects.requireNonNullElse(requestSourceType, "");
        requestSourceFile = Objects.requireNonNullElse(requestSourceFile, "");
        randomSumPath = Objects.requireNonNullElse(randomSumPath, "");
        loadCalculator = Objects.requireNonNullElse(loadCalculator, "");
        kubeconfig = Objects.requireNonNullElse(kubeconfig, "");
        natsUrl = Objects.requireNonNullElse(natsUrl, "");
        subjectPrefix = Objects.requireNonNullElse(subjectPrefix, "");
        natsUser = Objects.requireNonNullElse(natsUser, Optional.empty());
        natsPassword = Objects.requireNonNullElse(natsPassword, Optional.empty());
        natsToken = Objects.requireNonNullElse(natsToken, Optional.empty());
        natsCreds = Objects.requireNonNullElse(natsCreds, Optional.empty());
        natsTlsCa = Objects.requireNonNullElse(natsTlsCa, Optional.empty());
        natsTlsCert = Objects.requireNonNullElse(natsTlsCert, Optional.empty());
        natsTlsKey = Objects.requireNonNullElse(natsTlsKey, Optional.empty());
        duration = Objects.requireNonNullElse(duration, Optional.empty());
        seed = Objects.requireNonNullElse(seed, OptionalLong.empty());
        reportDir = Objects.requireNonNullElse(reportDir, Optional.empty());
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
        Objects.requireNonNull(scheduleInterval, "scheduleInterval");
        Objects.requireNonNull(jobDuration, "jobDuration");
        Objects.requireNonNull(metricsPollInterval, "metricsPollInterval");
        Objects.requireNonNull(natsConnectTimeout, "natsConnectTimeout");
        Objects.requireNonNull(workerWaitTimeout, "workerWaitTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(planAhead, "planAhead");
        Objects.requireNonNull(warmup, "warmup");
    }

    /** A builder holding every default (and a freshly generated coordinator id). */
    public static CoordinatorConfigBuilder builder() {
        return new CoordinatorConfigBuilder();
    }

    /** Every default; note that the default pod mode still needs {@code -target-deployment}. */
    public static CoordinatorConfig defaults() {
        return builder().build();
    }

    /** A builder initialised from this config, to derive a variant. */
    public CoordinatorConfigBuilder toBuilder() {
        return new CoordinatorConfigBuilder(this);
    }

    /** Every validation problem, each starting with its flag name; empty when the config is usable. */
    public List<String> problems() {
        return ConfigValidator.validate(this);
    }

    /** True in local mode ({@code --local-workers} > 0): in-process workers, no NATS. */
    public boolean localMode() {
        return localWorkers > 0;
    }

    /**
     * The NATS connection settings for the transport, from the {@code --nats-*} flags. The connection
     * name is {@code imager-coordinator-<coordinatorId>}, so {@code nats server report connections}
     * shows which coordinator is which. Meaningful in distributed mode only.
     */
    public NatsSettings natsSettings() {
        return NatsSettings.of(natsUrl)
                .withConnectionName("imager-coordinator-" + coordinatorId)
                .withConnectTimeout(natsConnectTimeout)
                .withTls(natsTls, natsTlsCa.orElse(null), natsTlsCert.orElse(null), natsTlsKey.orElse(null))
                .withAuth(natsUser.orElse(null), natsPassword.orElse(null), natsToken.orElse(null),
                        natsCreds.orElse(null));
    }

    /**
     * The NATS subjects under {@code --subject-prefix}.
     *
     * @throws IllegalArgumentException when the prefix is invalid (validation reports that first)
     */
    public Subjects subjects() {
        return Subjects.withPrefix(subjectPrefix);
    }

    /** Like the record's, but never prints the NATS password or token. */
    @Override
    public String toString() {
        return "CoordinatorConfig[listenPort=" + listenPort + ", targetMode=" + targetMode.flagValue()
                + ", targetNamespace=" + targetNamespace + ", targetDeployment=" + targetDeployment
                + ", targetService=" + targetService + ", targetUrl=" + targetUrl
                + ", targetPortName=" + targetPortName + ", targetScheme=" + targetScheme
                + ", requestSourceType=" + requestSourceType + ", requestSourceFile=" + requestSourceFile
                + ", randomSumPath=" + randomSumPath + ", randomSumMin=" + randomSumMin
                + ", randomSumMax=" + randomSumMax + ", loadCalculator=" + loadCalculator
                + ", minRps=" + minRps + ", maxRps=" + maxRps + ", stepRps=" + stepRps
                + ", adaptiveMaxLatencyMs=" + adaptiveMaxLatencyMs
                + ", scheduleInterval=" + GoDuration.format(scheduleInterval)
                + ", jobDuration=" + GoDuration.format(jobDuration)
                + ", metricsPollInterval=" + GoDuration.format(metricsPollInterval)
                + ", inCluster=" + inCluster + ", kubeconfig=" + kubeconfig
                + ", natsUrl=" + natsUrl + ", subjectPrefix=" + subjectPrefix
                + ", natsUser=" + natsUser.orElse("") + ", natsPassword=" + (natsPassword.isPresent() ? "***" : "")
                + ", natsToken=" + (natsToken.isPresent() ? "***" : "")
                + ", natsCreds=" + natsCreds.map(Path::toString).orElse("") + ", natsTls=" + natsTls
                + ", natsTlsCa=" + natsTlsCa.map(Path::toString).orElse("")
                + ", natsTlsCert=" + natsTlsCert.map(Path::toString).orElse("")
                + ", natsTlsKey=" + natsTlsKey.map(Path::toString).orElse("")
                + ", natsConnectTimeout=" + GoDuration.format(natsConnectTimeout)
                + ", minWorkers=" + minWorkers + ", workerWaitTimeout=" + GoDuration.format(workerWaitTimeout)
                + ", duration=" + duration.map(GoDuration::format).orElse("")
                + ", arrival=" + arrival.flagValue() + ", requestTimeout=" + GoDuration.format(requestTimeout)
                + ", maxJobSize=" + maxJobSize + ", planAhead=" + GoDuration.format(planAhead)
                + ", warmup=" + GoDuration.format(warmup)
                + ", seed=" + (seed.isPresent() ? Long.toString(seed.getAsLong()) : "")
                + ", localWorkers=" + localWorkers + ", reportDir=" + reportDir.map(Path::toString).orElse("")
                + ", thresholds=" + thresholds + ", progress=" + progress.flagValue()
                + ", coordinatorId=" + coordinatorId + "]";
    }
}
