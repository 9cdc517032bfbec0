package dev.imager.coordinator.config;

import static dev.imager.coordinator.config.CoordinatorCommandTest.problems;
import static dev.imager.coordinator.config.CoordinatorCommandTest.withDeployment;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad flag sets and exactly the problems they produce; every problem starts with its flag. */
class CoordinatorCommandProblemsTest {

    static Stream<Arguments> badFlagSets() {
        return Stream.of(
                // port beyond 16 bits
                row("-listen-port=70000", "-listen-port: must be a port in 0..65535 (0 = any free port), got 70000"),
                // negative port
                row("-listen-port=-1", "-listen-port: must be a port in 0..65535 (0 = any free port), got -1"),
                // unknown target mode
                row("-target-mode=cluster",
                        "-target-mode: unsupported value \"cluster\"; expected one of pod, service, url"),
                // target modes are case-sensitive like the original's
                row("-target-mode=POD", "-target-mode: unsupported value \"POD\"; expected one of pod, service, url"),
                // pod mode without deployment (the later empty value wins)
                row("-target-deployment=", "-target-deployment: is required in pod mode"),
                // a blank deployment is no deployment (the resolver would trim it to nothing)
                row("-target-deployment=\t", "-target-deployment: is required in pod mode"),
                // pod mode without namespace
                row("-target-namespace=", "-target-namespace: is required in pod mode"),
                // service mode without service
                row("-target-mode=service", "-target-service: is required in service mode"),
                // service mode without namespace nor service
                row("-target-mode=service -target-namespace=", "-target-namespace: is required in service mode",
                        "-target-service: is required in service mode"),
                // url mode without url
                row("-target-mode=url", "-target-url: is required in url mode"),
                // the original accepted this (localhost parsed as a scheme); imager wants http(s)://host
                row("-target-mode=url -target-url=localhost:8080", urlProblem("localhost:8080")),
                // not http(s)
                row("-target-mode=url -target-url=ftp://host/", urlProblem("ftp://host/")),
                // no host
                row("-target-mode=url -target-url=http:///x", urlProblem("http:///x")),
                // relative
                row("-target-mode=url -target-url=/api", urlProblem("/api")),
                // workers append request paths to the base URL, so a fragment cannot be kept
                row("-target-mode=url -target-url=http://127.0.0.1/x#f",
                        "-target-url: must not contain a #fragment, got \"http://127.0.0.1/x#f\""),
                // credentials in the URL would not be sent: refused rather than dropped
                row("-target-mode=url -target-url=http://u:p@127.0.0.1/",
                        "-target-url: must not contain user info (user:password@); send credentials in a request "
                                + "header, got \"http://u:p@127.0.0.1/\""),
                // unsupported scheme for pod URLs
                row("-target-scheme=grpc", "-target-scheme: must be http or https (empty = http), got \"grpc\""),
                // empty source type
                row("-request-source-type=", "-request-source-type: is required"),
                // file source without file
                row("-request-source-file=", "-request-source-file: is required when -request-source-type=file"),
                // random-sum bounds reversed, checked because random-sum is selected
                row("-request-source-type=random-sum -random-sum-min=10 -random-sum-max=5",
                        "-random-sum-max: must be >= -random-sum-min (10), got 5"),
                // empty calculator
                row("-load-calculator=", "-load-calculator: is required"),
                // users are the closed model's
                row("--users=5", "--users: needs --model closed (the open model plans requests per second, not users)"),
                row("--think-time=1s", "--think-time: needs --model closed"),
                row("--model=closed --users=1000001", "--users: must be within 1..1000000, got 1000001"),
                row("--model=closed --users=-3", "--users: must be within 1..1000000, got -3"),
                // 0 is no user count (it would run the default step calculator's 1..100 users instead)
                row("--model=closed --users=0", "--users: must be within 1..1000000, got 0"),
                row("--users=0", "--users: must be within 1..1000000, got 0"),
                // a constant count and a shape of counts cannot both hold
                row("--model=closed --users=5 --stages=10s:20", "--users: is a constant user count: give either it or "
                        + "--stages/--preset/-load-calculator (whose rates are then user counts)"),
                row("--model=closed --users=5 -load-calculator=adaptive-exponential", "--users: is a constant user "
                        + "count: give either it or --stages/--preset/-load-calculator (whose rates are then user "
                        + "counts)"),
                row("--model=closed --users=5 --think-time=11m", "--think-time: must be within 0s..10m0s, got 11m0s"),
                row("--model=queue", "--model: unsupported value \"queue\"; expected one of open, closed"),
                // negative min
                row("-min-rps=-1", "-min-rps: must be >= 0, got -1"),
                // negative max (also below min, but that is the same mistake)
                row("-max-rps=-1", "-max-rps: must be >= 0, got -1"),
                // max below min
                row("-min-rps=10 -max-rps=5", "-max-rps: must be >= -min-rps (10), got 5"),
                // step calculator needs a positive step
                row("-step-rps=0", "-step-rps: must be > 0 for -load-calculator=step, got 0"),
                // a stage without a target
                row("--stages=30s:100,2m", "--stages: entry 2 \"2m\": expected <duration>:<target rps>, e.g. 30s:100"),
                // a stage's duration without a unit
                row("--stages=30:100", "--stages: entry 1 \"30:100\": missing unit in duration \"30\" (write e.g. 5s "
                        + "or 500ms; units: ns, us, µs, ms, s, m, h)"),
                // a negative stage target
                row("--stages=30s:100,1m:-5", "--stages: entry 2 \"1m:-5\": target rps must be >= 0, got -5"),
                // a negative stage duration
                row("--stages=-30s:100", "--stages: entry 1 \"-30s:100\": duration must be >= 0, got -30s"),
                // a target that is no integer
                row("--stages=30s:1.5", "--stages: entry 1 \"30s:1.5\": target rps: invalid integer \"1.5\": expected "
                        + "base-10 digits (or a 0x hexadecimal literal)"),
                // only jumps: a shape that lasts no time
                row("--stages=0s:100", "--stages: the stages last 0s: at least one needs a duration"),
                // a target above an explicit -max-rps, named by its entry
                row("--stages=30s:100,2m:500,30s:0 -max-rps=400",
                        "--stages: entry 2 (2m0s:500) targets 500 rps, above -max-rps (400)"),
                // a target beyond what a stage may ask, even with -max-rps as high
                row("--stages=1s:20000000 -max-rps=20000000",
                        "--stages: entry 1 (1s:20000000) targets 20000000 rps, above the most a stage may target "
                                + "(10000000)"),
                // a preset's peak so high that its targets pass the bound
                row("--preset=heavy -max-rps=20000000", "--preset: entry 1 (1m0s:20000000) targets 20000000 rps, "
                        + "above the most a stage may target (10000000)",
                        "--preset: entry 2 (5m0s:20000000) targets 20000000 rps, above the most a stage may target "
                                + "(10000000)"),
                // the stages calculator without a shape
                row("-load-calculator=stages", "--stages: is required for -load-calculator=stages (or give --preset)"),
                // a shape with another calculator
                row("-load-calculator=step --stages=10s:10",
                        "--stages: applies only to -load-calculator=stages, got step"),
                // a preset with another calculator
                row("-load-calculator=exponential --preset=light",
                        "--preset: applies only to -load-calculator=stages, got exponential"),
                // a preset and stages at once
                row("--preset=light --stages=10s:10",
                        "--preset: cannot be combined with --stages (a preset is a list of stages): give one"),
                // an unknown preset
                row("--preset=huge", "--preset: unsupported value \"huge\"; expected one of light, heavy, sustained, "
                        + "burst, spike, soak"),
                // negative latency limit
                row("-adaptive-max-latency-ms=-1", "-adaptive-max-latency-ms: must be >= 0 (0 = timeout mode), got -1"),
                // zero interval (plan-ahead is then not compared with it)
                row("-schedule-interval=0", "-schedule-interval: must be > 0, got 0s"),
                // negative job duration
                row("-job-duration=-1s", "-job-duration: must be >= 1ms, got -1s"),
                // job duration shorter than a planned offset can resolve
                row("-job-duration=500us", "-job-duration: must be >= 1ms, got 500\u00b5s"),
                // job duration beyond 60 intervals (60 rounds open at once at most)
                row("-job-duration=61s", "-job-duration: must be <= 60 x -schedule-interval (1m0s), got 1m1s"),
                // ... and against the interval given
                row("-schedule-interval=100ms --plan-ahead=50ms -job-duration=7s",
                        "-job-duration: must be <= 60 x -schedule-interval (6s), got 7s"),
                // zero poll interval
                row("-metrics-poll-interval=0s", "-metrics-poll-interval: must be > 0, got 0s"),
                // duration without unit
                row("-schedule-interval=1", "-schedule-interval: missing unit in duration \"1\" (write e.g. 5s or "
                        + "500ms; units: ns, us, \u00b5s, ms, s, m, h)"),
                // duration with an unknown unit
                row("-job-duration=1sec", "-job-duration: unknown unit \"sec\" in duration \"1sec\" (units: ns, us, "
                        + "\u00b5s, ms, s, m, h)"),
                // not an integer
                row("-min-rps=ten", "-min-rps: invalid integer \"ten\": expected base-10 digits (or a 0x "
                        + "hexadecimal literal)"),
                // octal-looking integer
                row("-max-rps=010", "-max-rps: invalid integer \"010\": a leading zero is ambiguous (Go reads 010 "
                        + "as octal 8); write it in base 10"),
                // int overflow
                row("--max-job-size=3000000000", "--max-job-size: integer \"3000000000\" is out of range "
                        + "[-2147483648, 2147483647]"),
                // not a boolean
                row("-in-cluster=yes", "-in-cluster: invalid boolean \"yes\" (use true or false)"),
                // not a NATS URL
                row("--nats-url=http://x", "--nats-url: 'http://x' is not a NATS URL like nats://host:4222"),
                // no NATS URL
                row("--nats-url=", "--nats-url: at least one server URL is required"),
                // user without password
                row("--nats-user=u", "--nats-user: needs --nats-password"),
                // password without user
                row("--nats-password=p", "--nats-password: needs --nats-user"),
                // two authentication methods
                row("--nats-user=u --nats-password=p --nats-token=t",
                        "--nats-user, --nats-token, --nats-creds: choose one authentication method"),
                // unreadable credentials
                row("--nats-creds=/nonexistent/x.creds", "--nats-creds: cannot read file /nonexistent/x.creds"),
                // certificate without key
                row("--nats-tls-cert=pom.xml", "--nats-tls-cert, --nats-tls-key: give both or neither"),
                // negative connect timeout
                row("--nats-connect-timeout=-1s", "--nats-connect-timeout: must be >= 0"),
                // empty subject token
                row("--subject-prefix=a..b", prefixProblem("a..b")),
                // wildcard in prefix
                row("--subject-prefix=imager.*", prefixProblem("imager.*")),
                // zero workers to wait for
                row("--min-workers=0", "--min-workers: must be >= 1 (rounds planned with no live worker are never "
                        + "sent), got 0"),
                // negative local workers
                row("--local-workers=-1", "--local-workers: must be >= 0 (0 = distributed mode over NATS), got -1"),
                // an unknown pinning mode
                row("--local-workers=2 --cpu-pinning=always",
                        "--cpu-pinning: unsupported value \"always\"; expected one of auto, on, off"),
                // waiting for more local workers than are started
                row("--local-workers=2 --min-workers=3", "--min-workers: must be <= --local-workers (2) in local "
                        + "mode, got 3"),
                // zero wait
                row("--worker-wait-timeout=0", "--worker-wait-timeout: must be > 0, got 0s"),
                // zero run duration
                row("--duration=0", "--duration: must be > 0, got 0s"),
                // negative run duration
                row("--duration=-5m", "--duration: must be > 0, got -5m0s"),
                // unknown arrival
                row("--arrival=burst", "--arrival: unsupported value \"burst\"; expected one of uniform, poisson"),
                // zero request timeout
                row("--request-timeout=0s", "--request-timeout: must be > 0, got 0s"),
                // an HTTP version that does not exist
                row("--http-version=3", "--http-version: unsupported value \"3\"; expected one of 1.1, 2, auto"),
                // not a boolean
                row("--follow-redirects=sometimes", "--follow-redirects: invalid boolean \"sometimes\" (use true or false)"),
                // zero redirects is spelled --follow-redirects=false
                row("--max-redirects=0", "--max-redirects: must be 1..50 (to follow none, use --follow-redirects=false), "
                        + "got 0"),
                // more redirects than a job may carry
                row("--max-redirects=51", "--max-redirects: must be 1..50 (to follow none, use --follow-redirects=false), "
                        + "got 51"),
                // empty jobs
                row("--max-job-size=0", "--max-job-size: must be within 1..100000 (the most requests a worker takes in "
                        + "one job), got 0"),
                // workers refuse jobs of more requests
                row("--max-job-size=100001", "--max-job-size: must be within 1..100000 (the most requests a worker "
                        + "takes in one job), got 100001"),
                // workers refuse longer timeouts
                row("--request-timeout=6m", "--request-timeout: must be at most 5m0s (the longest a worker waits for "
                        + "a response), got 6m0s"),
                // workers refuse jobs that span longer than 10 minutes (a job spans -job-duration)
                row("-schedule-interval=11m -job-duration=11m --plan-ahead=1s", "-job-duration: must be at most 10m0s "
                        + "(the longest job a worker takes), got 11m0s"),
                // ids are bounded on the bus
                row("--coordinator-id=" + "c".repeat(129), "--coordinator-id: must be at most 128 characters, got 129"),
                // negative plan-ahead
                row("--plan-ahead=-1ms", "--plan-ahead: must be >= 0, got -1ms"),
                // plan-ahead of a whole interval would overlap rounds
                row("--plan-ahead=1s", "--plan-ahead: must be < -schedule-interval (1s), got 1s"),
                // seed not a number
                row("--seed=abc", "--seed: invalid integer \"abc\": expected base-10 digits (or a 0x hexadecimal "
                        + "literal)"),
                // unknown progress mode
                row("--progress=fancy", "--progress: unsupported value \"fancy\"; expected one of auto, plain, off"),
                // id with a dot cannot be a subject token
                row("--coordinator-id=a.b", idProblem("a.b")),
                // empty id
                row("--coordinator-id=", idProblem("")),
                // empty threshold
                row("--threshold=", "--threshold: must not be empty"),
                // report dir is a file
                row("--report-dir=pom.xml", "--report-dir: \"pom.xml\" exists and is not a directory"),
                // a report hold cannot be negative
                row("--report-hold=-1s", "--report-hold: must be >= 0, got -1s"),
                // CI outputs are files, not directories
                row("--junit-report=src", "--junit-report: \"src\" is a directory; name the file to write"),
                row("--summary-json=src", "--summary-json: \"src\" is a directory; name the file to write"),
                // unknown flag
                row("-bogus", "-bogus: unknown flag (see --help)"),
                // typo of a known flag, with a value after '='
                row("--min-rsp=5", "--min-rsp: unknown flag (see --help)"),
                // an unknown flag's separate value is not reported twice
                row("-bogus 5", "-bogus: unknown flag (see --help)"),
                // stray argument
                row("stray", "\"stray\": unexpected argument; flags are written -name=value or -name value"),
                // flag without value at the end
                row("-min-rps", "-min-rps: a value is required"),
                // new flag without value at the end
                row("--min-workers", "--min-workers: a value is required"));
    }

    static Arguments row(String args, String... expected) {
        return Arguments.of(args, List.of(expected));
    }

    static String urlProblem(String url) {
        return "-target-url: must be an absolute http:// or https:// URL with a host, e.g. "
                + "http://localhost:8080, got \"" + url + "\"";
    }

    static String prefixProblem(String prefix) {
        return "--subject-prefix: must be dot-separated tokens without spaces, '*' or '>' (e.g. imager or "
                + "team-a.imager), got \"" + prefix + "\"";
    }

    static String idProblem(String id) {
        return "--coordinator-id: must be non-empty without spaces, '.', '*' or '>' (it is a NATS subject token), "
                + "got \"" + id + "\"";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFlagSets")
    void reportsExactlyTheExpectedProblems(String args, List<String> expected) {
        List<String> problems = problems(withDeployment(args.split(" ")));
        assertThat(problems).containsExactlyElementsOf(expected);
        assertThat(problems).allSatisfy(p -> assertThat(p).matches("^(--?[a-z][a-z0-9-]*|\"[^\"]*\")[:,].*"));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        List<String> problems = problems("-target-mode=url", "-min-rps=20", "-max-rps=10", "-step-rps=0",
                "-schedule-interval=0", "--max-job-size=0", "--arrival=burst", "-unknown", "--nats-url=");
        assertThat(problems).containsExactlyInAnyOrder(
                "-unknown: unknown flag (see --help)",
                "--arrival: unsupported value \"burst\"; expected one of uniform, poisson",
                "-target-url: is required in url mode",
                "-max-rps: must be >= -min-rps (20), got 10",
                "-step-rps: must be > 0 for -load-calculator=step, got 0",
                "-schedule-interval: must be > 0, got 0s",
                "--nats-url: at least one server URL is required",
                "--max-job-size: must be within 1..100000 (the most requests a worker takes in one job), got 0");
    }

    @Test
    void aValueThatFailedToConvertIsNotComparedAsItsDefault() {
        // -min-rps stays at its default 1 internally; "-max-rps must be >= -min-rps (1)" would mislead.
        assertThat(problems(withDeployment("-min-rps=abc", "-max-rps=0")))
                .containsExactly("-min-rps: invalid integer \"abc\": expected base-10 digits (or a 0x hexadecimal "
                        + "literal)");
        // Likewise plan-ahead is not compared with a schedule interval that did not parse.
        assertThat(problems(withDeployment("-schedule-interval=x", "--plan-ahead=5s")))
                .hasSize(1).allMatch(p -> p.startsWith("-schedule-interval: invalid duration \"x\""));
    }

    @Test
    void rulesForOtherSelectionsDoNotApply() {
        // Like the original: step-rps only matters for step, random-sum bounds only for random-sum.
        CoordinatorCommandTest.valid(withDeployment("-load-calculator=exponential", "-step-rps=0"));
        CoordinatorCommandTest.valid(withDeployment("-random-sum-min=10", "-random-sum-max=5"));
        CoordinatorCommandTest.valid(withDeployment("-target-mode=url", "-target-url=http://h", "-target-deployment="));
    }

    @Test
    void unknownSourceAndCalculatorAreLeftToTheFactories() {
        CoordinatorConfig c = CoordinatorCommandTest.valid(withDeployment("-request-source-type=db",
                "-load-calculator=spike"));
        assertThat(c.requests().sourceType()).isEqualTo("db");
        assertThat(c.load().calculator()).isEqualTo("spike");
    }
}
