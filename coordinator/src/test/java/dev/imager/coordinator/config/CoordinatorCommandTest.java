package dev.imager.coordinator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CoordinatorCommandTest {

    /** The one flag the defaults lack: pod mode needs a deployment. */
    private static final String DEPLOYMENT = "-target-deployment=app";

    static CoordinatorConfig valid(String... args) {
        ParseResult result = CoordinatorCommand.parse(args);
        assertThat(result).as("parse %s", Arrays.toString(args)).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) result).config();
    }

    static List<String> problems(String... args) {
        ParseResult result = CoordinatorCommand.parse(args);
        assertThat(result).as("parse %s", Arrays.toString(args)).isInstanceOf(ParseResult.Invalid.class);
        return ((ParseResult.Invalid) result).problems();
    }

    static String[] withDeployment(String... args) {
        List<String> all = new ArrayList<>();
        all.add(DEPLOYMENT);
        all.addAll(Arrays.asList(args));
        return all.toArray(String[]::new);
    }

    @Test
    void defaultsAreTheOriginalsAndTheBriefs() {
        CoordinatorConfig c = valid(DEPLOYMENT);
        assertThat(c.listenPort()).isEqualTo(8099);
        assertThat(c.targetMode()).isEqualTo(TargetMode.POD);
        assertThat(c.targetNamespace()).isEqualTo("default");
        assertThat(c.targetDeployment()).isEqualTo("app");
        assertThat(c.targetService()).isEmpty();
        assertThat(c.targetUrl()).isEmpty();
        assertThat(c.targetPortName()).isEqualTo("http");
        assertThat(c.targetScheme()).isEqualTo("http");
        assertThat(c.requestSourceType()).isEqualTo("file");
        assertThat(c.requestSourceFile()).isEqualTo("/config/requests.json");
        assertThat(c.randomSumPath()).isEqualTo("/sum");
        assertThat(c.randomSumMin()).isEqualTo(1);
        assertThat(c.randomSumMax()).isEqualTo(100);
        assertThat(c.loadCalculator()).isEqualTo("step");
        assertThat(c.minRps()).isEqualTo(1);
        assertThat(c.maxRps()).isEqualTo(100);
        assertThat(c.stepRps()).isEqualTo(1);
        assertThat(c.adaptiveMaxLatencyMs()).isZero();
        assertThat(c.scheduleInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.jobDuration()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.metricsPollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.inCluster()).isTrue();
        assertThat(c.kubeconfig()).isEmpty();
        assertThat(c.natsUrl()).isEqualTo("nats://localhost:4222");
        assertThat(c.subjectPrefix()).isEqualTo("imager");
        assertThat(c.natsUser()).isEmpty();
        assertThat(c.natsPassword()).isEmpty();
        assertThat(c.natsToken()).isEmpty();
        assertThat(c.natsCreds()).isEmpty();
        assertThat(c.natsTls()).isFalse();
        assertThat(c.natsTlsCa()).isEmpty();
        assertThat(c.natsTlsCert()).isEmpty();
        assertThat(c.natsTlsKey()).isEmpty();
        assertThat(c.natsConnectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.minWorkers()).isEqualTo(1);
        assertThat(c.workerWaitTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.duration()).isEmpty();
        assertThat(c.arrival()).isEqualTo(Arrival.UNIFORM);
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.maxJobSize()).isEqualTo(2000);
        assertThat(c.planAhead()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.seed()).isEmpty();
        assertThat(c.localWorkers()).isZero();
        assertThat(c.reportDir()).isEmpty();
        assertThat(c.thresholds()).isEmpty();
        assertThat(c.progress()).isEqualTo(ProgressMode.AUTO);
        assertThat(c.coordinatorId()).matches("coordinator-[0-9a-f]{12}");
    }

    @Test
    void parsedDefaultsEqualTheBuildersDefaults() {
        CoordinatorConfig parsed = valid(DEPLOYMENT);
        CoordinatorConfig built = CoordinatorConfig.builder().targetDeployment("app")
                .coordinatorId(parsed.coordinatorId()).build();
        assertThat(parsed).isEqualTo(built);
    }

    @Test
    void generatedCoordinatorIdsDiffer() {
        assertThat(valid(DEPLOYMENT).coordinatorId()).isNotEqualTo(valid(DEPLOYMENT).coordinatorId());
    }

    /** One row per flag: its name without dashes, a non-default value, and where that value lands. */
    static Stream<Arguments> everyFlag() {
        return Stream.of(
                flag("listen-port", "9000", CoordinatorConfig::listenPort, 9000),
                flag("target-mode", "service", CoordinatorConfig::targetMode, TargetMode.SERVICE),
                flag("target-namespace", "shop", CoordinatorConfig::targetNamespace, "shop"),
                flag("target-deployment", "web", CoordinatorConfig::targetDeployment, "web"),
                flag("target-service", "web-svc", CoordinatorConfig::targetService, "web-svc"),
                flag("target-url", "https://example.com", CoordinatorConfig::targetUrl, "https://example.com"),
                flag("target-port-name", "metrics", CoordinatorConfig::targetPortName, "metrics"),
                flag("target-scheme", "https", CoordinatorConfig::targetScheme, "https"),
                flag("request-source-type", "random-sum", CoordinatorConfig::requestSourceType, "random-sum"),
                flag("request-source-file", "/tmp/r.json", CoordinatorConfig::requestSourceFile, "/tmp/r.json"),
                flag("random-sum-path", "/add", CoordinatorConfig::randomSumPath, "/add"),
                flag("random-sum-min", "-5", CoordinatorConfig::randomSumMin, -5L),
                flag("random-sum-max", "1000", CoordinatorConfig::randomSumMax, 1000L),
                flag("load-calculator", "adaptive-exponential", CoordinatorConfig::loadCalculator,
                        "adaptive-exponential"),
                flag("min-rps", "10", CoordinatorConfig::minRps, 10L),
                flag("max-rps", "500", CoordinatorConfig::maxRps, 500L),
                flag("step-rps", "5", CoordinatorConfig::stepRps, 5L),
                flag("adaptive-max-latency-ms", "200", CoordinatorConfig::adaptiveMaxLatencyMs, 200L),
                flag("schedule-interval", "2s", CoordinatorConfig::scheduleInterval, Duration.ofSeconds(2)),
                flag("job-duration", "1500ms", CoordinatorConfig::jobDuration, Duration.ofMillis(1500)),
                flag("metrics-poll-interval", "1m", CoordinatorConfig::metricsPollInterval, Duration.ofMinutes(1)),
                flag("in-cluster", "false", CoordinatorConfig::inCluster, false),
                flag("kubeconfig", "/k/config", CoordinatorConfig::kubeconfig, "/k/config"),
                flag("nats-url", "nats://n1:4222,nats://n2:4222", CoordinatorConfig::natsUrl,
                        "nats://n1:4222,nats://n2:4222"),
                flag("subject-prefix", "team-a.imager", CoordinatorConfig::subjectPrefix, "team-a.imager"),
                flag("nats-token", "s3cret", CoordinatorConfig::natsToken, Optional.of("s3cret")),
                flag("nats-tls", "true", CoordinatorConfig::natsTls, true),
                flag("nats-connect-timeout", "5s", CoordinatorConfig::natsConnectTimeout, Duration.ofSeconds(5)),
                flag("min-workers", "3", CoordinatorConfig::minWorkers, 3),
                flag("worker-wait-timeout", "2m", CoordinatorConfig::workerWaitTimeout, Duration.ofMinutes(2)),
                flag("duration", "10m", CoordinatorConfig::duration, Optional.of(Duration.ofMinutes(10))),
                flag("arrival", "poisson", CoordinatorConfig::arrival, Arrival.POISSON),
                flag("request-timeout", "500ms", CoordinatorConfig::requestTimeout, Duration.ofMillis(500)),
                flag("max-job-size", "100", CoordinatorConfig::maxJobSize, 100),
                flag("plan-ahead", "100ms", CoordinatorConfig::planAhead, Duration.ofMillis(100)),
                flag("seed", "-42", CoordinatorConfig::seed, OptionalLong.of(-42)),
                flag("local-workers", "4", CoordinatorConfig::localWorkers, 4),
                flag("report-dir", "target/report", CoordinatorConfig::reportDir, Optional.of(Path.of("target/report"))),
                flag("threshold", "p99<1s", CoordinatorConfig::thresholds, List.of("p99<1s")),
                flag("progress", "plain", CoordinatorConfig::progress, ProgressMode.PLAIN),
                flag("coordinator-id", "coord-1", CoordinatorConfig::coordinatorId, "coord-1"));
    }

    static Arguments flag(String name, String value, Function<CoordinatorConfig, Object> get, Object expected) {
        return Arguments.of(name, value, get, expected);
    }

    // The flags above need companions to be valid on their own (e.g. service mode needs a service).
    private static final List<String> COMPANIONS = List.of(
            "-target-service=s", "-target-url=http://t", DEPLOYMENT);

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFlag")
    void everyFlagAcceptsBothDashFormsWithEqualsOrSpace(String name, String value,
            Function<CoordinatorConfig, Object> get, Object expected) {
        List<List<String>> spellings = List.of(
                List.of("-" + name + "=" + value),
                List.of("--" + name + "=" + value),
                List.of("-" + name, value),
                List.of("--" + name, value));
        for (List<String> spelling : spellings) {
            List<String> args = new ArrayList<>(COMPANIONS);
            args.addAll(spelling);
            CoordinatorConfig c = valid(args.toArray(String[]::new));
            assertThat(get.apply(c)).as("%s", spelling).isEqualTo(expected);
        }
    }

    @Test
    void natsUserPasswordAndFilesBind() {
        CoordinatorConfig c = valid(DEPLOYMENT, "--nats-user", "u", "-nats-password=p", "--nats-tls-ca=pom.xml",
                "--nats-tls-cert", "pom.xml", "--nats-tls-key=pom.xml");
        assertThat(c.natsUser()).contains("u");
        assertThat(c.natsPassword()).contains("p");
        assertThat(c.natsTlsCa()).contains(Path.of("pom.xml"));
        assertThat(c.natsTlsCert()).contains(Path.of("pom.xml"));
        assertThat(c.natsTlsKey()).contains(Path.of("pom.xml"));
        assertThat(valid(DEPLOYMENT, "--nats-creds=pom.xml").natsCreds()).contains(Path.of("pom.xml"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-in-cluster", "--in-cluster", "-in-cluster=true", "--in-cluster=true", "-in-cluster=1",
        "-in-cluster=t", "-in-cluster=TRUE", "-in-cluster=True", "-in-cluster true"})
    void booleanTrueForms(String arg) {
        List<String> args = new ArrayList<>(List.of("-in-cluster=false", DEPLOYMENT));
        args.addAll(Arrays.asList(arg.split(" ")));
        assertThat(valid(args.toArray(String[]::new)).inCluster()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-in-cluster=false", "--in-cluster=false", "-in-cluster=0", "-in-cluster=f",
        "-in-cluster=FALSE", "-in-cluster=False", "--in-cluster false"})
    void booleanFalseForms(String arg) {
        List<String> args = new ArrayList<>(List.of(DEPLOYMENT));
        args.addAll(Arrays.asList(arg.split(" ")));
        assertThat(valid(args.toArray(String[]::new)).inCluster()).isFalse();
    }

    @Test
    void valuelessBooleanDoesNotSwallowTheNextFlag() {
        CoordinatorConfig c = valid("--nats-tls", "-in-cluster", "-min-rps", "7", DEPLOYMENT);
        assertThat(c.natsTls()).isTrue();
        assertThat(c.inCluster()).isTrue();
        assertThat(c.minRps()).isEqualTo(7);
    }

    @Test
    void lastOccurrenceWinsAsInGo() {
        assertThat(valid(DEPLOYMENT, "-min-rps=3", "--min-rps", "4").minRps()).isEqualTo(4);
    }

    @Test
    void thresholdIsRepeatable() {
        assertThat(valid(DEPLOYMENT, "--threshold", "a", "--threshold=b", "-threshold", "c").thresholds())
                .containsExactly("a", "b", "c");
    }

    @Test
    void negativeValueMayFollowAsSeparateArgument() {
        assertThat(valid(DEPLOYMENT, "-random-sum-min", "-10").randomSumMin()).isEqualTo(-10);
        assertThat(valid(DEPLOYMENT, "--seed", "-1").seed()).hasValue(-1);
    }

    @Test
    void hexIntegersAreAccepted() {
        assertThat(valid(DEPLOYMENT, "-max-rps=0x100").maxRps()).isEqualTo(256);
    }

    @Test
    void emptyOptionalValuesMeanNotGiven() {
        CoordinatorConfig c = valid(DEPLOYMENT, "--nats-token=", "--report-dir=", "--nats-creds=");
        assertThat(c.natsToken()).isEmpty();
        assertThat(c.reportDir()).isEmpty();
        assertThat(c.natsCreds()).isEmpty();
    }

    @Test
    void originalManifestArgumentsParse() {
        // deploy/k8s orchestrator-pod-mode.yaml of the original.
        CoordinatorConfig c = valid("-listen-port=8099", "-target-mode=pod", "-target-namespace=imager",
                "-target-deployment=imager-test-service", "-target-port-name=http", "-target-scheme=http",
                "-request-source-file=/config/requests.json", "-load-calculator=step", "-min-rps=5", "-max-rps=50",
                "-step-rps=5", "-schedule-interval=1s", "-job-duration=1s", "-metrics-poll-interval=5s",
                "-in-cluster=true");
        assertThat(c.minRps()).isEqualTo(5);
        assertThat(c.maxRps()).isEqualTo(50);
        assertThat(c.stepRps()).isEqualTo(5);
        assertThat(c.targetNamespace()).isEqualTo("imager");
    }

    @Test
    void localModeNeedsNoNatsAndNoKubernetes() {
        CoordinatorConfig c = valid("--local-workers=2", "-target-mode=url", "-target-url=http://127.0.0.1:8080",
                "--nats-url=not-a-url");
        assertThat(c.localMode()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void flagsNotGivenComeFromImagerEnvironmentVariables() {
        var env = new dev.imager.protocol.cli.EnvironmentDefaults(java.util.Map.of(
                "IMAGER_MAX_RPS", "250", "IMAGER_NATS_PASSWORD", "pw", "IMAGER_NATS_USER", "u",
                "IMAGER_TARGET_MODE", "url", "IMAGER_TARGET_URL", "http://127.0.0.1:8080"));
        ParseResult result = CoordinatorCommand.parse(env, "-max-rps", "300");
        org.assertj.core.api.Assertions.assertThat(result).isInstanceOfSatisfying(ParseResult.Valid.class, v -> {
            org.assertj.core.api.Assertions.assertThat(v.config().maxRps()).isEqualTo(300);   // the flag wins
            org.assertj.core.api.Assertions.assertThat(v.config().natsPassword()).contains("pw");
            org.assertj.core.api.Assertions.assertThat(v.config().targetUrl()).isEqualTo("http://127.0.0.1:8080");
        });
    }
}
