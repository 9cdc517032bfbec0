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
}
