package dev.imager.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What docs/deploy.md says of the three Dockerfiles, checked on their text (the image check in
 * scripts/image-check.sh builds and starts them for real): base images as build arguments defaulting to
 * eclipse-temurin, one build stage shared word for word, the module's shaded jar run as uid 10001.
 */
class DockerfilesTest {

    private static final Map<String, Integer> PORTS = Map.of("coordinator", 8099, "worker", 9100, "sumservice", 8080);
    /** Images without a port: the operator only calls out (the API server, its coordinators). */
    private static final Set<String> PORTLESS = Set.of("operator");

    /** Dockerfile.&lt;module&gt; -> its text, for every Dockerfile at the repository root. */
    private static Map<String, String> dockerfiles() {
        Map<String, String> files = new TreeMap<>();
        for (Path file : RepoFiles.list(RepoFiles.root(), "")) {
            String name = file.getFileName().toString();
            if (name.startsWith("Dockerfile.")) {
                files.put(name.substring("Dockerfile.".length()), RepoFiles.read(file));
            }
        }
        return files;
    }

    @Test
    void oneDockerfilePerProgram() {
        Set<String> modules = new java.util.TreeSet<>(PORTS.keySet());
        modules.addAll(PORTLESS);
        assertThat(dockerfiles().keySet()).containsExactlyInAnyOrderElementsOf(modules);
        modules.forEach(m -> assertThat(Files.isDirectory(RepoFiles.resolve(m))).as("module %s", m).isTrue());
    }

    @Test
    void baseImagesAreBuildArgumentsWithTemurinDefaults() {
        dockerfiles().forEach((module, text) -> {
            List<String> froms = instructions(text).stream().filter(l -> l.startsWith("FROM ")).toList();
            assertThat(froms).as("Dockerfile.%s FROM lines", module)
                    .containsExactly("FROM ${BUILD_IMAGE} AS build", "FROM ${RUNTIME_IMAGE}");
            String beforeFirstFrom = text.substring(0, text.indexOf("\nFROM "));
            assertThat(instructions(beforeFirstFrom)).as("Dockerfile.%s global arguments", module)
                    .containsExactly("ARG BUILD_IMAGE=eclipse-temurin:17-jdk", "ARG RUNTIME_IMAGE=eclipse-temurin:17-jre");
        });
    }

    @Test
    void theBuildStageIsTheSameInAllThreeSoItIsBuiltOnce() {
        Map<String, List<String>> stages = new TreeMap<>();
        dockerfiles().forEach((module, text) -> stages.put(module, buildStage(text)));
        assertThat(stages.get("coordinator")).as("build stage")
                .containsExactly("FROM ${BUILD_IMAGE} AS build", "WORKDIR /src", "COPY . .",
                        "RUN --mount=type=cache,target=/root/.m2 \\", "./mvnw -B -q -DskipTests package");
        assertThat(stages.values()).as("build stages").allSatisfy(s -> assertThat(s).isEqualTo(stages.get("coordinator")));
    }

    @Test
    void eachImageRunsItsModulesJarAsNonRoot() {
        dockerfiles().forEach((module, text) -> assertThat(instructions(text)).as("Dockerfile.%s", module).contains(
                "COPY --from=build /src/" + module + "/target/imager-" + module + "-*-all.jar /app/imager-" + module
                        + ".jar",
                "USER 10001:10001", PORTLESS.contains(module) ? "USER 10001:10001" : "EXPOSE " + PORTS.get(module),
                "ENTRYPOINT [\"sh\", \"-c\", \"exec java -XX:+ExitOnOutOfMemoryError $JAVA_OPTS -jar /app/imager-" + module
                        + ".jar \\\"$@\\\"\", \"imager-" + module + "\"]"));
    }

    @Test
    void theLauncherRunsEveryJvmWithExitOnOutOfMemoryErrorAsTheImagesDo() {
        String launcher = RepoFiles.read(RepoFiles.resolve("imager"));
        assertThat(launcher).contains("JVM_FLAGS=(-XX:+ExitOnOutOfMemoryError)");
        List<String> javaRuns = launcher.lines().filter(l -> l.contains("\"$(java_bin)\"")).toList();
        assertThat(javaRuns).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(l -> assertThat(l).contains("\"$(java_bin)\" \"${JVM_FLAGS[@]}\""));
    }

    /** The stripped lines that are neither comments nor blank. */
    private static List<String> instructions(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** The instructions from {@code FROM ... AS build} up to the next FROM. */
    private static List<String> buildStage(String text) {
        List<String> all = instructions(text);
        int start = all.indexOf("FROM ${BUILD_IMAGE} AS build");
        assertThat(start).as("a build stage").isNotNegative();
        int end = start + 1;
        while (end < all.size() && !all.get(end).startsWith("FROM ")) {
            end++;
        }
        return all.subList(start, end);
    }
}
