package dev.imager.coordinator.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * RBAC rules reduced to comparable "apiGroup resource verb" grants, and the reference Roles of docs/rbac/.
 * Public for {@code target.RbacDocsTest}, which checks those Roles against the requests the code makes.
 */
public final class Rbac {

    private Rbac() {
    }

    /** Every (apiGroup, resource, verb) a Role grants, as "group/resource:verb" ("core" for the core group). */
    public static Set<String> grants(Role role) {
        Set<String> grants = new TreeSet<>();
        for (PolicyRule rule : role.getRules()) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        grants.add((group.isEmpty() ? "core" : group) + "/" + resource + ":" + verb);
                    }
                }
            }
            if (!rule.getResourceNames().isEmpty() || !rule.getNonResourceURLs().isEmpty()) {
                grants.add("unexpected: " + rule);
            }
        }
        return grants;
    }

    /** The grants of the Role in docs/rbac/{@code <mode>}-mode.yaml: the least privilege RbacDocsTest proves. */
    public static Set<String> documented(String mode) {
        return grants(documentedRole(mode));
    }

    /** The one Role in docs/rbac/{@code <mode>}-mode.yaml. */
    public static Role documentedRole(String mode) {
        return documentedOnly(Role.class, mode);
    }

    /** The one RoleBinding in docs/rbac/{@code <mode>}-mode.yaml. */
    public static RoleBinding documentedBinding(String mode) {
        return documentedOnly(RoleBinding.class, mode);
    }

    /** The one object of {@code type} in docs/rbac/{@code <mode>}-mode.yaml, parsed strictly by {@link Manifests}. */
    private static <T extends HasMetadata> T documentedOnly(Class<T> type, String mode) {
        String file = "docs/rbac/" + mode + "-mode.yaml";
        List<T> found = Manifests.parse(RepoFiles.read(RepoFiles.resolve(file)), file).all(type);
        if (found.size() != 1) {
            throw new AssertionError(file + " should hold exactly one " + type.getSimpleName() + ", has "
                    + found.size());
        }
        return found.get(0);
    }

    /**
     * The RBAC permission a request needs, in {@link #grants}' form:
     * {@code GET /apis/apps/v1/namespaces/ns/deployments/x} is "apps/deployments:get",
     * {@code GET /api/v1/namespaces/ns/pods} is "core/pods:list".
     */
    public static String permission(String method, String pathAndQuery) {
        String path = pathAndQuery.split("\\?", 2)[0];
        String query = pathAndQuery.contains("?") ? pathAndQuery.split("\\?", 2)[1] : "";
        String[] s = path.substring(1).split("/");
        // api/v1/namespaces/ns/res[/name] or apis/group/version/namespaces/ns/res[/name]
        int base = s[0].equals("api") ? 2 : 3;
        String group = s[0].equals("api") ? "core" : s[1];
        String resource = s[base + 2];
        boolean named = s.length > base + 3;
        if (s.length > base + 4) {
            resource += "/" + s[base + 4]; // a subresource: loadtests/status
        }
        String verb = switch (method) {
            case "GET" -> named ? "get" : (query.contains("watch=true") ? "watch" : "list");
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> method;
        };
        return group + "/" + resource + ":" + verb;
    }
}
