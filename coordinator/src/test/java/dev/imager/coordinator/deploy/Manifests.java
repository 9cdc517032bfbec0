package dev.imager.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes YAML parsed into fabric8's typed model, strictly: every document must become a typed object (not a
 * {@link GenericKubernetesResource}, except for the kinds in {@link #CUSTOM_KINDS}) and no object anywhere in it
 * may carry a field the model does not know (a misspelt or misplaced key lands in {@code additionalProperties}
 * and the API server would reject or silently drop it).
 */
final class Manifests {

    /** Custom resources fabric8 has no typed model for in this classpath. */
    static final Set<String> CUSTOM_KINDS = Set.of("ServiceMonitor");

    /** fabric8's serializer (what the deprecated {@code Serialization.unmarshal} delegates to). */
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Pattern SOURCE = Pattern.compile("^# Source: (.+)$", Pattern.MULTILINE);
    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    /** One parsed document: where it came from (file or helm's "# Source:"), and the object. */
    record Doc(String origin, HasMetadata object) {
        String kind() {
            return object.getKind();
        }

        String name() {
            return object.getMetadata().getName();
        }

        @Override
        public String toString() {
            return kind() + "/" + name() + " (" + origin + ")";
        }
    }

    private final List<Doc> docs;

    private Manifests(List<Doc> docs) {
        this.docs = List.copyOf(docs);
    }

    /**
     * Parses a multi-document YAML stream and checks every document (typed, no unknown fields).
     *
     * @param origin what to call the stream in messages (a file name); helm's "# Source:" lines refine it
     */
    static Manifests parse(String yaml, String origin) {
        List<Doc> docs = new ArrayList<>();
        for (String text : yaml.split("(?m)^---\\s*$")) {
            if (text.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
                continue;
            }
            Matcher source = SOURCE.matcher(text);
            String where = source.find() ? source.group(1) : origin;
            Object parsed;
            try {
                parsed = SERIALIZATION.unmarshal(text);
            } catch (RuntimeException e) {
                return fail(where + ": does not parse into the Kubernetes model: " + e.getMessage() + "\n" + text);
            }
            if (!(parsed instanceof HasMetadata object)) {
                return fail(where + ": not one Kubernetes object but " + parsed);
            }
            Doc doc = new Doc(where, object);
            if (CUSTOM_KINDS.contains(object.getKind())) {
                assertThat(object).as("%s", doc).isInstanceOf(GenericKubernetesResource.class);
            } else {
                assertThat(object).as("%s: a kind fabric8 knows, with a matching apiVersion", doc)
                        .isNotInstanceOf(GenericKubernetesResource.class);
                List<String> unknown = new ArrayList<>();
                collectUnknownFields(object, object.getKind(), unknown);
                assertThat(unknown).as("%s: fields the Kubernetes model does not know", doc).isEmpty();
            }
            assertThat(object.getMetadata()).as("%s: metadata", doc).isNotNull();
            assertThat(object.getMetadata().getName()).as("%s: metadata.name", doc).isNotBlank();
            docs.add(doc);
        }
        return new Manifests(docs);
    }

    List<Doc> docs() {
        return docs;
    }

    List<HasMetadata> objects() {
        return docs.stream().map(Doc::object).toList();
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return docs.stream().map(Doc::object).filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseGet(() -> fail("no " + type.getSimpleName() + " named " + name + " in "
                + docs));
    }

    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).toList();
    }

    /** Pod templates of the Deployments and Jobs, with the object they belong to. */
    Map<HasMetadata, PodTemplateSpec> podTemplates() {
        Map<HasMetadata, PodTemplateSpec> templates = new java.util.LinkedHashMap<>();
        all(Deployment.class).forEach(d -> templates.put(d, d.getSpec().getTemplate()));
        all(Job.class).forEach(j -> templates.put(j, j.getSpec().getTemplate()));
        return templates;
    }

    /** The one container named {@code name} among all pod templates. */
    Container container(String name) {
        List<Container> found = podTemplates().values().stream()
                .flatMap(t -> t.getSpec().getContainers().stream()).filter(c -> c.getName().equals(name)).toList();
        assertThat(found).as("containers named %s", name).hasSize(1);
        return found.get(0);
    }

    /** The pod template holding the container named {@code name}. */
    PodTemplateSpec podOf(String container) {
        return podTemplates().values().stream()
                .filter(t -> t.getSpec().getContainers().stream().anyMatch(c -> c.getName().equals(container)))
                .findFirst().orElseGet(() -> fail("no pod template with a container " + container));
    }

    /**
     * Walks a fabric8 model object through its Jackson properties and collects every non-empty
     * {@code additionalProperties} with its path: those are keys the model does not know.
     */
    static void collectUnknownFields(Object node, String path, List<String> out) {
        if (node == null) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknownFields(v, path + "." + k, out));
            return;
        }
        if (node instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                collectUnknownFields(item, path + "[" + i++ + "]", out);
            }
            return;
        }
        Class<?> type = node.getClass();
        if (!type.getName().startsWith(MODEL_PACKAGE)) {
            return;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                boolean extra = field.getName().equals("additionalProperties");
                JsonProperty property = field.getAnnotation(JsonProperty.class);
                if (!extra && property == null) {
                    continue;
                }
                Object value = read(field, node);
                if (extra) {
                    if (value instanceof Map<?, ?> m && !m.isEmpty()) {
                        out.add(path + ": " + m.keySet());
                    }
                } else {
                    String name = property.value().isEmpty() ? field.getName() : property.value();
                    collectUnknownFields(value, path + "." + name, out);
                }
            }
        }
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return fail("cannot read " + field + ": " + e);
        }
    }
}
