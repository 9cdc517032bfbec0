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
        assertThat(c.run().listenPort()).isEqualTo(8099);
        assertThat(c.target().mode()).isEqualTo(TargetMode.POD);
        assertThat(c.target().namespace()).isEqualTo("default");
        assertThat(c.target().deployment()).isEqualTo("app");
        assertThat(c.target().service()).isEmpty();
        assertThat(c.target().url()).isEmpty();
        assertThat(c.target().portName()).isEqualTo("http");
        assertThat(c.target().scheme()).isEqualTo("http");
        assertThat(c.requests().sourceType()).isEqualTo("file");
        assertThat(c.requests().sourceFile()).isEqualTo("/config/requests.json");
        assertThat(c.requests().randomSumPath()).isEqualTo("/sum");
        assertThat(c.requests().randomSumMin()).isEqualTo(1);
        assertThat(c.requests().randomSumMax()).isEqualTo(100);
        assertThat(c.load().calculator()).isEqualTo("step");
        assertThat(c.load().minRps()).isEqualTo(1);
        assertThat(c.load().maxRps()).isEqualTo(100);
        assertThat(c.load().stepRps()).isEqualTo(1);
        assertThat(c.load().adaptiveMaxLatencyMs()).isZero();
        assertThat(c.load().scheduleInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.load().jobDuration()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.target().metricsPollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.target().inCluster()).isTrue();
        assertThat(c.target().kubeconfig()).isEmpty();
        assertThat(c.nats().servers()).isEqualTo("nats://localhost:4222");
        assertThat(c.nats().subjectPrefix()).isEqualTo("imager");
        assertThat(c.nats().user()).isNull();
        assertThat(c.nats().password()).isNull();
        assertThat(c.nats().token()).isNull();
        assertThat(c.nats().credentialsFile()).isNull();
        assertThat(c.nats().tls()).isFalse();
        assertThat(c.nats().tlsCaFile()).isNull();
        assertThat(c.nats().tlsCertFile()).isNull();
        assertThat(c.nats().tlsKeyFile()).isNull();
        assertThat(c.nats().connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.run().minWorkers()).isEqualTo(1);
        assertThat(c.run().workerWaitTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.run().duration()).isEmpty();
        assertThat(c.load().arrival()).isEqualTo(Arrival.UNIFORM);
        assertThat(c.requests().timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.load().maxJobSize()).isEqualTo(2000);
        assertThat(c.load().planAhead()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.run().seed()).isEmpty();
        assertThat(c.run().localWorkers()).isZero();
        assertThat(c.output().reportDir()).isEmpty();
        assertThat(c.output().reportHold()).isZero();
        assertThat(c.output().thresholds()).isEmpty();
        assertThat(c.output().junitReport()).isEmpty();
        assertThat(c.output().summaryJson()).isEmpty();
        assertThat(c.output().progress()).isEqualTo(ProgressMode.AUTO);
        assertThat(c.run().coordinatorId()).matches("coordinator-[0-9a-f]{12}");
    }

    @Test
    void parsedDefaultsEqualTheSectionsDefaults() {
        CoordinatorConfig parsed = valid(DEPLOYMENT);
        CoordinatorConfig built = CoordinatorConfig.defaults()
                .withTarget(Sections.target("-target-deployment=app"))
                .withRun(Sections.run("--coordinator-id=" + parsed.run().coordinatorId()));
        assertThat(parsed).isEqualTo(built);
    }

    @Test
    void generatedCoordinatorIdsDiffer() {
        assertThat(valid(DEPLOYMENT).run().coordinatorId()).isNotEqualTo(valid(DEPLOYMENT).run().coordinatorId());
    }

    /** One row per flag: its name without dashes, a non-default value, and where that value lands. */
    static Stream<Arguments> everyFlag() {
        return Stream.of(
                flag("listen-port", "9000", c -> c.run().listenPort(), 9000),
                flag("target-mode", "service", c -> c.target().mode(), TargetMode.SERVICE),
                flag("target-namespace", "shop", c -> c.target().namespace(), "shop"),
                flag("target-deployment", "web", c -> c.target().deployment(), "web"),
                flag("target-service", "web-svc", c -> c.target().service(), "web-svc"),
                flag("target-url", "https://example.com", c -> c.target().url(), "https://example.com"),
                flag("target-port-name", "metrics", c -> c.target().portName(), "metrics"),
                flag("target-scheme", "https", c -> c.target().scheme(), "https"),
                flag("request-source-type", "random-sum", c -> c.requests().sourceType(), "random-sum"),
                flag("request-source-file", "/tmp/r.json", c -> c.requests().sourceFile(), "/tmp/r.json"),
                flag("random-sum-path", "/add", c -> c.requests().randomSumPath(), "/add"),
                flag("random-sum-min", "-5", c -> c.requests().randomSumMin(), -5L),
                flag("random-sum-max", "1000", c -> c.requests().randomSumMax(), 1000L),
                flag("load-calculator", "adaptive-exponential", c -> c.load().calculator(), "adaptive-exponential"),
                flag("min-rps", "10", c -> c.load().minRps(), 10L),
                flag("max-rps", "500", c -> c.load().maxRps(), 500L),
                flag("step-rps", "5", c -> c.load().stepRps(), 5L),
                flag("adaptive-max-latency-ms", "200", c -> c.load().adaptiveMaxLatencyMs(), 200L),
                flag("schedule-interval", "2s", c -> c.load().scheduleInterval(), Duration.ofSeconds(2)),
                flag("job-duration", "1500ms", c -> c.load().jobDuration(), Duration.ofMillis(1500)),
                flag("metrics-poll-interval", "1m", c -> c.target().metricsPollInterval(), Duration.ofMinutes(1)),
                flag("in-cluster", "false", c -> c.target().inCluster(), false),
                flag("kubeconfig", "/k/config", c -> c.target().kubeconfig(), "/k/config"),
                flag("nats-url", "nats://n1:4222,nats://n2:4222", c -> c.nats().servers(),
                        "nats://n1:4222,nats://n2:4222"),
                flag("subject-prefix", "team-a.imager", c -> c.nats().subjectPrefix(), "team-a.imager"),
                flag("nats-token", "s3cret", c -> c.nats().token(), "s3cret"),
                flag("nats-tls", "true", c -> c.nats().tls(), true),
                flag("nats-connect-timeout", "5s", c -> c.nats().connectTimeout(), Duration.ofSeconds(5)),
                flag("min-workers", "3", c -> c.run().minWorkers(), 3),
                flag("worker-wait-timeout", "2m", c -> c.run().workerWaitTimeout(), Duration.ofMinutes(2)),
                flag("duration", "10m", c -> c.run().duration(), Optional.of(Duration.ofMinutes(10))),
                flag("arrival", "poisson", c -> c.load().arrival(), Arrival.POISSON),
                flag("request-timeout", "500ms", c -> c.requests().timeout(), Duration.ofMillis(500)),
                flag("http-version", "2", c -> c.requests().httpVersion(),
                        dev.imager.protocol.message.HttpVersionChoice.HTTP_2),
                flag("follow-redirects", "false", c -> c.requests().redirectsPerRequest(), 0),
                flag("max-redirects", "3", c -> c.requests().redirectsPerRequest(), 3),
                flag("stages", "30s:100,2m:500,30s:0", c -> c.load().stages(), List.of(
                        new Stage(Duration.ofSeconds(30), 100), new Stage(Duration.ofMinutes(2), 500),
                        new Stage(Duration.ofSeconds(30), 0))),
                flag("preset", "spike", c -> c.load().preset(), Optional.of(Preset.SPIKE)),
                flag("max-job-size", "100", c -> c.load().maxJobSize(), 100),
                flag("plan-ahead", "100ms", c -> c.load().planAhead(), Duration.ofMillis(100)),
                flag("seed", "-42", c -> c.run().seed(), OptionalLong.of(-42)),
                flag("local-workers", "4", c -> c.run().localWorkers(), 4),
                flag("report-dir", "target/report", c -> c.output().reportDir(), Optional.of(Path.of("target/report"))),
                flag("report-hold", "90s", c -> c.output().reportHold(), Duration.ofSeconds(90)),
                flag("threshold", "p99<1s", c -> c.output().thresholds(), List.of("p99<1s")),
                flag("junit-report", "target/junit.xml", c -> c.output().junitReport(),
                        Optional.of(Path.of("target/junit.xml"))),
                flag("summary-json", "target/summary.json", c -> c.output().summaryJson(),
                        Optional.of(Path.of("target/summary.json"))),
                flag("progress", "plain", c -> c.output().progress(), ProgressMode.PLAIN),
                flag("coordinator-id", "coord-1", c -> c.run().coordinatorId(), "coord-1"));
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
    void aConstantUserCountIsTheStepCalculatorHeldThere() {
        LoadSettings load = valid(DEPLOYMENT, "--model", "closed", "--users", "20", "--think-time", "150ms").load();
        assertThat(load.model()).isEqualTo(new LoadModel(LoadModel.Kind.CLOSED, 20, Duration.ofMillis(150)));
        assertThat(load.calculator()).isEqualTo("step");
        assertThat(load.minRps()).isEqualTo(20);
        assertThat(load.maxRps()).isEqualTo(20);
        // without --users, the calculator's rates are user counts
        LoadSettings staged = valid(DEPLOYMENT, "--model=closed", "--stages=30s:10,1m:50").load();
        assertThat(staged.calculator()).isEqualTo("stages");
        assertThat(staged.model().users()).isZero();
        assertThat(valid(DEPLOYMENT).load().model()).isEqualTo(LoadModel.OPEN);
    }

    @Test
    void natsUserPasswordAndFilesBind() {
        CoordinatorConfig c = valid(DEPLOYMENT, "--nats-user", "u", "-nats-password=p", "--nats-tls-ca=pom.xml",
                "--nats-tls-cert", "pom.xml", "--nats-tls-key=pom.xml");
        assertThat(c.nats().user()).isEqualTo("u");
        assertThat(c.nats().password()).isEqualTo("p");
        assertThat(c.nats().tlsCaFile()).isEqualTo(Path.of("pom.xml"));
        assertThat(c.nats().tlsCertFile()).isEqualTo(Path.of("pom.xml"));
        assertThat(c.nats().tlsKeyFile()).isEqualTo(Path.of("pom.xml"));
        assertThat(valid(DEPLOYMENT, "--nats-creds=pom.xml").nats().credentialsFile()).isEqualTo(Path.of("pom.xml"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-in-cluster", "--in-cluster", "-in-cluster=true", "--in-cluster=true", "-in-cluster=1",
        "-in-cluster=t", "-in-cluster=TRUE", "-in-cluster=True", "-in-cluster true"})
    void booleanTrueForms(String arg) {
        List<String> args = new ArrayList<>(List.of("-in-cluster=false", DEPLOYMENT));
        args.addAll(Arrays.asList(arg.split(" ")));
        assertThat(valid(args.toArray(String[]::new)).target().inCluster()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-in-cluster=false", "--in-cluster=false", "-in-cluster=0", "-in-cluster=f",
        "-in-cluster=FALSE", "-in-cluster=False", "--in-cluster false"})
    void booleanFalseForms(String arg) {
        List<String> args = new ArrayList<>(List.of(DEPLOYMENT));
        args.addAll(Arrays.asList(arg.split(" ")));
        assertThat(valid(args.toArray(String[]::new)).target().inCluster()).isFalse();
    }

    @Test
    void valuelessBooleanDoesNotSwallowTheNextFlag() {
        CoordinatorConfig c = valid("--nats-tls", "-in-cluster", "-min-rps", "7", DEPLOYMENT);
        assertThat(c.nats().tls()).isTrue();
        assertThat(c.target().inCluster()).isTrue();
        assertThat(c.load().minRps()).isEqualTo(7);
    }

    @Test
    void lastOccurrenceWinsAsInGo() {
        assertThat(valid(DEPLOYMENT, "-min-rps=3", "--min-rps", "4").load().minRps()).isEqualTo(4);
    }

    @Test
    void thresholdIsRepeatable() {
        assertThat(valid(DEPLOYMENT, "--threshold", "a", "--threshold=b", "-threshold", "c").output().thresholds())
                .containsExactly("a", "b", "c");
    }

    @Test
    void negativeValueMayFollowAsSeparateArgument() {
        assertThat(valid(DEPLOYMENT, "-random-sum-min", "-10").requests().randomSumMin()).isEqualTo(-10);
        assertThat(valid(DEPLOYMENT, "--seed", "-1").run().seed()).hasValue(-1);
    }

    @Test
    void hexIntegersAreAccepted() {
        assertThat(valid(DEPLOYMENT, "-max-rps=0x100").load().maxRps()).isEqualTo(256);
    }

    @Test
    void emptyOptionalValuesMeanNotGiven() {
        CoordinatorConfig c = valid(DEPLOYMENT, "--nats-token=", "--report-dir=", "--nats-creds=");
        assertThat(c.nats().token()).isNull();
        assertThat(c.output().reportDir()).isEmpty();
        assertThat(c.nats().credentialsFile()).isNull();
    }

    @Test
    void originalManifestArgumentsParse() {
        // deploy/k8s orchestrator-pod-mode.yaml of the original.
        CoordinatorConfig c = valid("-listen-port=8099", "-target-mode=pod", "-target-namespace=imager",
                "-target-deployment=imager-test-service", "-target-port-name=http", "-target-scheme=http",
                "-request-source-file=/config/requests.json", "-load-calculator=step", "-min-rps=5", "-max-rps=50",
                "-step-rps=5", "-schedule-interval=1s", "-job-duration=1s", "-metrics-poll-interval=5s",
                "-in-cluster=true");
        assertThat(c.load().minRps()).isEqualTo(5);
        assertThat(c.load().maxRps()).isEqualTo(50);
        assertThat(c.load().stepRps()).isEqualTo(5);
        assertThat(c.target().namespace()).isEqualTo("imager");
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
            org.assertj.core.api.Assertions.assertThat(v.config().load().maxRps()).isEqualTo(300);   // the flag wins
            org.assertj.core.api.Assertions.assertThat(v.config().nats().password()).isEqualTo("pw");
            org.assertj.core.api.Assertions.assertThat(v.config().target().url()).isEqualTo("http://127.0.0.1:8080");
        });
    }

    @org.junit.jupiter.api.Test
    void aPresetAndItsPeakMayComeFromTheEnvironmentToo() {
        var env = new dev.imager.protocol.cli.EnvironmentDefaults(java.util.Map.of("IMAGER_PRESET", "heavy",
                "IMAGER_MAX_RPS", "40", "IMAGER_TARGET_MODE", "url", "IMAGER_TARGET_URL", "http://127.0.0.1:8080"));
        ParseResult result = CoordinatorCommand.parse(env);
        org.assertj.core.api.Assertions.assertThat(result).isInstanceOfSatisfying(ParseResult.Valid.class, v -> {
            org.assertj.core.api.Assertions.assertThat(v.config().load().calculator()).isEqualTo("stages");
            org.assertj.core.api.Assertions.assertThat(v.config().load().stages()).isEqualTo(Preset.HEAVY.stages(40));
        });
    }
}
