package dev.imager.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/**
 * The build context the Dockerfiles get (the repository root, filtered by .dockerignore with Docker's rules): it
 * holds everything the Maven reactor builds from, and none of the build output or the rest of the repository.
 * A source file left out breaks every image build (as {@code **}{@code /target} once dropped the coordinator's
 * {@code target} package); build output let in makes the context slow and the images depend on the host's last
 * build.
 */
class DockerBuildContextTest {

    private static final Path ROOT = RepoFiles.root();
    private static final DockerIgnore CONTEXT = DockerIgnore.parse(RepoFiles.read(ROOT.resolve(".dockerignore")));

    @Test
    void holdsEveryFileTheReactorBuildsFrom() {
        List<String> inputs = reactorInputs();
        assertThat(inputs).as("the reactor's inputs").contains("pom.xml", "mvnw",
                ".mvn/wrapper/maven-wrapper.properties", "coordinator/pom.xml");
        assertThat(inputs).as("source packages named target are inputs too")
                .anyMatch(p -> p.startsWith("coordinator/src/main/java/dev/imager/coordinator/target/"));
        assertThat(inputs.stream().filter(CONTEXT::excludes).toList()).as("inputs .dockerignore leaves out")
                .isEmpty();
    }

    @Test
    void leavesOutBuildOutputAndWhatTheBuildDoesNotRead() {
        List<String> outside = new ArrayList<>(List.of("target/x", ".git/HEAD", "Dockerfile.worker", "README.md",
                "docs/deploy.md", "charts/imager/Chart.yaml", "deploy/k8s/worker.yaml", "bench/results/run.json",
                "reports/demo/report.html", "mvnw.cmd"));
        for (String module : modules()) {
            outside.add(module + "/target/classes/Main.class");
            outside.add(module + "/target/imager-" + module + "-0.1.0-SNAPSHOT-all.jar");
        }
        assertThat(outside.stream().filter(p -> !CONTEXT.excludes(p)).toList())
                .as("paths .dockerignore lets into the context").isEmpty();
    }

    /** The parent pom, the wrapper, and every module's pom and src/ tree. */
    private static List<String> reactorInputs() {
        List<String> inputs = new ArrayList<>(List.of("pom.xml", "mvnw"));
        inputs.addAll(filesUnder(ROOT.resolve(".mvn")));
        for (String module : modules()) {
            inputs.add(module + "/pom.xml");
            inputs.addAll(filesUnder(ROOT.resolve(module).resolve("src")));
        }
        return inputs;
    }

    /** The {@code <modules>} of the parent pom. */
    private static List<String> modules() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList nodes = factory.newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile())
                    .getElementsByTagName("module");
            List<String> modules = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                modules.add(nodes.item(i).getTextContent().strip());
            }
            assertThat(modules).as("modules of the parent pom").isNotEmpty();
            return modules;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the modules of " + ROOT.resolve("pom.xml"), e);
        }
    }

    /** Regular files under {@code dir}, relative to the repository root with {@code /} separators. */
    private static List<String> filesUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(f -> ROOT.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
