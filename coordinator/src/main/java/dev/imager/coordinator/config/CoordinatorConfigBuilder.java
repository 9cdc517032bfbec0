package dev.imager.coordinator.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Mutable builder of {@link CoordinatorConfig}, starting from every default. Setters are named after
 * the record components; optional settings also have a setter taking the plain value. Building does
 * not validate (see {@link CoordinatorConfig#problems()}).
 */
public final class CoordinatorConfigBuilder {

    private int listenPort = CoordinatorConfig.DEFAULT_LISTEN_PORT;
    private TargetMode targetMode = CoordinatorConfig.DEFAULT_TARGET_MODE;
    private String targetNamespace = CoordinatorConfig.DEFAULT_TARGET_NAMESPACE;
    private String targetDeployment = CoordinatorConfig.DEFAULT_TARGET_DEPLOYMENT;
    private String targetService = CoordinatorConfig.DEFAULT_TARGET_SERVICE;
    private String targetUrl = CoordinatorConfig.DEFAULT_TARGET_URL;
    private String targetPortName = CoordinatorConfig.DEFAULT_TARGET_PORT_NAME;
    private String targetScheme = CoordinatorConfig.DEFAULT_TARGET_SCHEME;
    private String requestSourceType = CoordinatorConfig.DEFAULT_REQUEST_SOURCE_TYPE;
    private String requestSourceFile = CoordinatorConfig.DEFAULT_REQUEST_SOURCE_FILE;
    private String randomSumPath = CoordinatorConfig.DEFAULT_RANDOM_SUM_PATH;
    private long randomSumMin = CoordinatorConfig.DEFAULT_RANDOM_SUM_MIN;
    private long randomSumMax = CoordinatorConfig.DEFAULT_RANDOM_SUM_MAX;
    private String loadCalculator = CoordinatorConfig.DEFAULT_LOAD_CALCULATOR;
    private long minRps = CoordinatorConfig.DEFAULT_MIN_RPS;
    private long maxRps = CoordinatorConfig.DEFAULT_MAX_RPS;
    private long stepRps = CoordinatorConfig.DEFAULT_STEP_RPS;
    private long adaptiveMaxLatencyMs = CoordinatorConfig.DEFAULT_ADAPTIVE_MAX_LATENCY_MS;
    private Duration scheduleInterval = CoordinatorConfig.DEFAULT_SCHEDULE_INTERVAL;
    private Duration jobDuration = CoordinatorConfig.DEFAULT_JOB_DURATION;
    private Duration metricsPollInterval = CoordinatorConfig.DEFAULT_METRICS_POLL_INTERVAL;
    private boolean inCluster = CoordinatorConfig.DEFAULT_IN_CLUSTER;
    private String kubeconfig = CoordinatorConfig.DEFAULT_KUBECONFIG;
    private String natsUrl = CoordinatorConfig.DEFAULT_NATS_URL;
    private String subjectPrefix = CoordinatorConfig.DEFAULT_SUBJECT_PREFIX;
    private Optional<String> natsUser = Optional.empty();
    private Optional<String> natsPassword = Optional.empty();
    private Optional<String> natsToken = Optional.empty();
    private Optional<Path> natsCreds = Optional.empty();
    private boolean natsTls = false;
    private Optional<Path> natsTlsCa = Optional.empty();
    private Optional<Path> natsTlsCert = Optional.empty();
    private Optional<Path> natsTlsKey = Optional.empty();
    private Duration natsConnectTimeout = CoordinatorConfig.DEFAULT_NATS_CONNECT_TIMEOUT;
    private int minWorkers = CoordinatorConfig.DEFAULT_MIN_WORKERS;
    private Duration workerWaitTimeout = CoordinatorConfig.DEFAULT_WORKER_WAIT_TIMEOUT;
    private Optional<Duration> duration = Optional.empty();
    private Arrival arrival = CoordinatorConfig.DEFAULT_ARRIVAL;
    private Duration requestTimeout = CoordinatorConfig.DEFAULT_REQUEST_TIMEOUT;
    private int maxJobSize = CoordinatorConfig.DEFAULT_MAX_JOB_SIZE;
    private Duration planAhead = CoordinatorConfig.DEFAULT_PLAN_AHEAD;
    private Duration warmup = CoordinatorConfig.DEFAULT_WARMUP;
    private OptionalLong seed = OptionalLong.empty();
    private int localWorkers = CoordinatorConfig.DEFAULT_LOCAL_WORKERS;
    private Optional<Path> reportDir = Optional.empty();
    private List<String> thresholds = List.of();
    private ProgressMode progress = CoordinatorConfig.DEFAULT_PROGRESS;
    private String coordinatorId = null;

    CoordinatorConfigBuilder() {
    }

    CoordinatorConfigBuilder(CoordinatorConfig c) {
        this.listenPort = c.listenPort();
        this.targetMode = c.targetMode();
        this.targetNamespace = c.targetNamespace();
        this.targetDeployment = c.targetDeployment();
        this.targetService = c.targetService();
        this.targetUrl = c.targetUrl();
        this.targetPortName = c.targetPortName();
        this.targetScheme = c.targetScheme();
        this.requestSourceType = c.requestSourceType();
        this.requestSourceFile = c.requestSourceFile();
        this.randomSumPath = c.randomSumPath();
        this.randomSumMin = c.randomSumMin();
        this.randomSumMax = c.randomSumMax();
        this.loadCalculator = c.loadCalculator();
        this.minRps = c.minRps();
        this.maxRps = c.maxRps();
        this.stepRps = c.stepRps();
        this.adaptiveMaxLatencyMs = c.adaptiveMaxLatencyMs();
        this.scheduleInterval = c.scheduleInterval();
        this.jobDuration = c.jobDuration();
        this.metricsPollInterval = c.metricsPollInterval();
        this.inCluster = c.inCluster();
        this.kubeconfig = c.kubeconfig();
        this.natsUrl = c.natsUrl();
        this.subjectPrefix = c.subjectPrefix();
        this.natsUser = c.natsUser();
        this.natsPassword = c.natsPassword();
        this.natsToken = c.natsToken();
        this.natsCreds = c.natsCreds();
        this.natsTls = c.natsTls();
        this.natsTlsCa = c.natsTlsCa();
        this.natsTlsCert = c.natsTlsCert();
        this.natsTlsKey = c.natsTlsKey();
        this.natsConnectTimeout = c.natsConnectTimeout();
        this.minWorkers = c.minWorkers();
        this.workerWaitTimeout = c.workerWaitTimeout();
        this.duration = c.duration();
        this.arrival = c.arrival();
        this.requestTimeout = c.requestTimeout();
        this.maxJobSize = c.maxJobSize();
        this.planAhead = c.planAhead();
        this.warmup = c.warmup();
        this.seed = c.seed();
        this.localWorkers = c.localWorkers();
        this.reportDir = c.reportDir();
        this.thresholds = c.thresholds();
        this.progress = c.progress();
        this.coordinatorId = c.coordinatorId();
    }

    public CoordinatorConfigBuilder listenPort(int listenPort) {
        this.listenPort = listenPort;
        return this;
    }

    public CoordinatorConfigBuilder targetMode(TargetMode targetMode) {
        this.targetMode = targetMode;
        return this;
    }

    public CoordinatorConfigBuilder targetNamespace(String targetNamespace) {
        this.targetNamespace = targetNamespace;
        return this;
    }

    public CoordinatorConfigBuilder targetDeployment(String targetDeployment) {
        this.targetDeployment = targetDeployment;
        return this;
    }

    public CoordinatorConfigBuilder targetService(String targetService) {
        this.targetService = targetService;
        return this;
    }

    public CoordinatorConfigBuilder targetUrl(String targetUrl) {
        this.targetUrl = targetUrl;
        return this;
    }

    public CoordinatorConfigBuilder targetPortName(String targetPortName) {
        this.targetPortName = targetPortName;
        return this;
    }

    public CoordinatorConfigBuilder targetScheme(String targetScheme) {
        this.targetScheme = targetScheme;
        return this;
    }

    public CoordinatorConfigBuilder requestSourceType(String requestSourceType) {
        this.requestSourceType = requestSourceType;
        return this;
    }

    public CoordinatorConfigBuilder requestSourceFile(String requestSourceFile) {
        this.requestSourceFile = requestSourceFile;
        return this;
    }

    public CoordinatorConfigBuilder randomSumPath(String randomSumPath) {
        this.randomSumPath = randomSumPath;
        return this;
    }

    public CoordinatorConfigBuilder randomSumMin(long randomSumMin) {
        this.randomSumMin = randomSumMin;
        return this;
    }

    public CoordinatorConfigBuilder randomSumMax(long randomSumMax) {
        this.randomSumMax = randomSumMax;
        return this;
    }

    public CoordinatorConfigBuilder loadCalculator(String loadCalculator) {
        this.loadCalculator = loadCalculator;
        return this;
    }

    public CoordinatorConfigBuilder minRps(long minRps) {
        this.minRps = minRps;
        return this;
    }

    public CoordinatorConfigBuilder maxRps(long maxRps) {
        this.maxRps = maxRps;
        return this;
    }

    public CoordinatorConfigBuilder stepRps(long stepRps) {
        this.stepRps = stepRps;
        return this;
    }

    public CoordinatorConfigBuilder adaptiveMaxLatencyMs(long adaptiveMaxLatencyMs) {
        this.adaptiveMaxLatencyMs = adaptiveMaxLatencyMs;
        return this;
    }

    public CoordinatorConfigBuilder scheduleInterval(Duration scheduleInterval) {
        this.scheduleInterval = scheduleInterval;
        return this;
    }

    public CoordinatorConfigBuilder jobDuration(Duration jobDuration) {
        this.jobDuration = jobDuration;
        return this;
    }

    public CoordinatorConfigBuilder metricsPollInterval(Duration metricsPollInterval) {
        this.metricsPollInterval = metricsPollInterval;
        return this;
    }

    public CoordinatorConfigBuilder inCluster(boolean inCluster) {
        this.inCluster = inCluster;
        return this;
    }

    public CoordinatorConfigBuilder kubeconfig(String kubeconfig) {
        this.kubeconfig = kubeconfig;
        return this;
    }

    public CoordinatorConfigBuilder natsUrl(String natsUrl) {
        this.natsUrl = natsUrl;
        return this;
    }

    public CoordinatorConfigBuilder subjectPrefix(String subjectPrefix) {
        this.subjectPrefix = subjectPrefix;
        return this;
    }

    public CoordinatorConfigBuilder natsUser(Optional<String> natsUser) {
        this.natsUser = natsUser;
        return this;
    }

    public CoordinatorConfigBuilder natsUser(String natsUser) {
        this.natsUser = Optional.ofNullable(natsUser);
        return this;
    }

    public CoordinatorConfigBuilder natsPassword(Optional<String> natsPassword) {
        this.natsPassword = natsPassword;
        return this;
    }

    public CoordinatorConfigBuilder natsPassword(String natsPassword) {
        this.natsPassword = Optional.ofNullable(natsPassword);
        return this;
    }

    public CoordinatorConfigBuilder natsToken(Optional<String> natsToken) {
        this.natsToken = natsToken;
        return this;
    }

    public CoordinatorConfigBuilder natsToken(String natsToken) {
        this.natsToken = Optional.ofNullable(natsToken);
        return this;
    }

    public CoordinatorConfigBuilder natsCreds(Optional<Path> natsCreds) {
        this.natsCreds = natsCreds;
        return this;
    }

    public CoordinatorConfigBuilder natsCreds(Path natsCreds) {
        this.natsCreds = Optional.ofNullable(natsCreds);
        return this;
    }

    public CoordinatorConfigBuilder natsTls(boolean natsTls) {
        this.natsTls = natsTls;
        return this;
    }

    public CoordinatorConfigBuilder natsTlsCa(Optional<Path> natsTlsCa) {
        this.natsTlsCa = natsTlsCa;
        return this;
    }

    public CoordinatorConfigBuilder natsTlsCa(Path natsTlsCa) {
        this.natsTlsCa = Optional.ofNullable(natsTlsCa);
        return this;
    }

    public CoordinatorConfigBuilder natsTlsCert(Optional<Path> natsTlsCert) {
        this.natsTlsCert = natsTlsCert;
        return this;
    }

    public CoordinatorConfigBuilder natsTlsCert(Path natsTlsCert) {
        this.natsTlsCert = Optional.ofNullable(natsTlsCert);
        return this;
    }

    public CoordinatorConfigBuilder natsTlsKey(Optional<Path> natsTlsKey) {
        this.natsTlsKey = natsTlsKey;
        return this;
    }

    public CoordinatorConfigBuilder natsTlsKey(Path natsTlsKey) {
        this.natsTlsKey = Optional.ofNullable(natsTlsKey);
        return this;
    }

    public CoordinatorConfigBuilder natsConnectTimeout(Duration natsConnectTimeout) {
        this.natsConnectTimeout = natsConnectTimeout;
        return this;
    }

    public CoordinatorConfigBuilder minWorkers(int minWorkers) {
        this.minWorkers = minWorkers;
        return this;
    }

    public CoordinatorConfigBuilder workerWaitTimeout(Duration workerWaitTimeout) {
        this.workerWaitTimeout = workerWaitTimeout;
        return this;
    }

    public CoordinatorConfigBuilder duration(Optional<Duration> duration) {
        this.duration = duration;
        return this;
    }

    public CoordinatorConfigBuilder duration(Duration duration) {
        this.duration = Optional.ofNullable(duration);
        return this;
    }

    public CoordinatorConfigBuilder arrival(Arrival arrival) {
        this.arrival = arrival;
        return this;
    }

    public CoordinatorConfigBuilder requestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        return this;
    }

    public CoordinatorConfigBuilder maxJobSize(int maxJobSize) {
        this.maxJobSize = maxJobSize;
        return this;
    }

    public CoordinatorConfigBuilder warmup(Duration warmup) {
        this.warmup = warmup;
        return this;
    }

    public CoordinatorConfigBuilder planAhead(Duration planAhead) {
        this.planAhead = planAhead;
        return this;
    }

    public CoordinatorConfigBuilder seed(OptionalLong seed) {
        this.seed = seed;
        return this;
    }

    public CoordinatorConfigBuilder seed(long seed) {
        this.seed = OptionalLong.of(seed);
        return this;
    }

    public CoordinatorConfigBuilder localWorkers(int localWorkers) {
        this.localWorkers = localWorkers;
        return this;
    }

    public CoordinatorConfigBuilder reportDir(Optional<Path> reportDir) {
        this.reportDir = reportDir;
        return this;
    }

    public CoordinatorConfigBuilder reportDir(Path reportDir) {
        this.reportDir = Optional.ofNullable(reportDir);
        return this;
    }

    public CoordinatorConfigBuilder thresholds(List<String> thresholds) {
        this.thresholds = thresholds;
        return this;
    }

    public CoordinatorConfigBuilder progress(ProgressMode progress) {
        this.progress = progress;
        return this;
    }

    public CoordinatorConfigBuilder coordinatorId(String coordinatorId) {
        this.coordinatorId = coordinatorId;
        return this;
    }

    /**
     * The config. When no coordinator id was set, a new one is generated ({@link #generateCoordinatorId()}).
     */
    public CoordinatorConfig build() {
        return new CoordinatorConfig(
                listenPort, targetMode, targetNamespace, targetDeployment, targetService, targetUrl,
                targetPortName, targetScheme, requestSourceType, requestSourceFile, randomSumPath,
                randomSumMin, randomSumMax, loadCalculator, minRps, maxRps, stepRps, adaptiveMaxLatencyMs,
                scheduleInterval, jobDuration, metricsPollInterval, inCluster, kubeconfig, natsUrl,
                subjectPrefix, natsUser, natsPassword, natsToken, natsCreds, natsTls, natsTlsCa, natsTlsCert,
                natsTlsKey, natsConnectTimeout, minWorkers, workerWaitTimeout, duration, arrival,
                requestTimeout, maxJobSize, planAhead, warmup, seed, localWorkers, reportDir, thresholds, progress,
                coordinatorId == null ? generateCoordinatorId() : coordinatorId);
    }

    /**
     * A fresh coordinator id: {@code coordinator-} and 12 random hex digits. It names this
     * coordinator's result subject, so two coordinators sharing one NATS never read each other's results.
     */
    public static String generateCoordinatorId() {
        return "coordinator-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
