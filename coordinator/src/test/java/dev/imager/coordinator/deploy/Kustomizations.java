package dev.imager.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The kustomizations of deploy/, read without a kustomize binary: their files parsed strictly ({@link Manifests}),
 * and what `kubectl apply -k` would apply: the listed files, the directories they include, and the ConfigMaps and
 * Secrets their generators make (under the generator's name; kustomize appends a content hash to ConfigMaps and
 * rewrites the references, which this does not need to).
 */
final class Kustomizations {

    private static final YAMLMapper YAML = new YAMLMapper();

    private Kustomizations() {
    }

    static Path dir(String name) {
        return RepoFiles.resolve("deploy/" + name);
    }

    /** Every object of every YAML file in deploy/{@code name}, kustomization.yaml excepted, by file name. */
    static Map<String, Manifests> files(String name) {
        Map<String, Manifests> files = new TreeMap<>();
        for (Path file : RepoFiles.list(dir(name), ".yaml")) {
            String fileName = file.getFileName().toString();
            if (!fileName.equals("kustomization.yaml")) {
                files.put(fileName, Manifests.parse(RepoFiles.read(file), name + "/" + fileName));
            }
        }
        return files;
    }

    static JsonNode kustomization(String name) {
        try {
            return YAML.readTree(dir(name).resolve("kustomization.yaml").toFile());
        } catch (IOException e) {
            return fail("deploy/" + name + "/kustomization.yaml: " + e);
        }
    }

    static List<String> resources(String name) {
        List<String> resources = new ArrayList<>();
        kustomization(name).path("resources").forEach(r -> resources.add(r.asText()));
        return resources;
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The objects `kubectl apply -k deploy/{@code name}` applies. */
    static Manifests applied(String name) {
        return Manifests.parse(appliedYaml(name), "deploy/" + name);
    }

    private static String appliedYaml(String name) {
        StringBuilder all = new StringBuilder();
        for (String resource : resources(name)) {
            Path path = dir(name).resolve(resource).normalize();
            if (Files.isDirectory(path)) {
                all.append(appliedYaml(RepoFiles.resolve("deploy").relativize(path).toString()));
            } else {
                all.append(RepoFiles.read(path)).append("\n---\n");
            }
        }
        for (JsonNode generator : kustomization(name).path("configMapGenerator")) {
            Map<String, String> data = new LinkedHashMap<>();
            generator.path("files").forEach(f -> data.put(f.asText(), RepoFiles.read(dir(name).resolve(f.asText()))));
            all.append(generated("ConfigMap", generator, data)).append("\n---\n");
        }
        for (JsonNode generator : kustomization(name).path("secretGenerator")) {
            assertThat(fieldNames(generator)).containsExactlyInAnyOrder("name", "namespace", "envs", "options");
            Map<String, String> data = new LinkedHashMap<>();
            // The env files hold passwords and are never in the repository: make one as a user would.
            generator.path("envs").forEach(f -> data.putAll(newPasswords(dir(name), f.asText())));
            data.replaceAll((k, v) -> Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
            all.append(generated("Secret", generator, data)).append("\n---\n");
        }
        return all.toString();
    }

    private static String generated(String kind, JsonNode generator, Map<String, String> data) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "v1");
        object.put("kind", kind);
        object.put("metadata", Map.of("name", generator.get("name").asText(), "namespace",
                generator.get("namespace").asText()));
        object.put("data", data);
        try {
            return YAML.writeValueAsString(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code new-passwords.sh} of {@code dir} into a scratch file and returns its KEY=VALUE lines. */
    static Map<String, String> newPasswords(Path dir, String envFile) {
        try {
            Path scratch = Files.createTempDirectory("passwords");
            Path file = scratch.resolve(envFile);
            runScript(dir.resolve("new-passwords.sh"), file.toString());
            Map<String, String> values = readEnv(file);
            RepoFiles.deleteTree(scratch);
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a bash script with arguments; fails the test unless it exits 0 within 30 s. Returns its output. */
    static String runScript(Path script, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s ends", command).isTrue();
            assertThat(p.exitValue()).as("%s: %s", command, output).isZero();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    /** KEY=VALUE lines of an env file, in order. */
    static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            assertThat(eq).as("KEY=VALUE line %s", line).isPositive();
            values.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return values;
    }
}
