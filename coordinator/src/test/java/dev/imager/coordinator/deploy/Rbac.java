package dev.imager.coordinator.deploy;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** RBAC rules reduced to comparable "apiGroup resource verb" grants, and the reference Roles of docs/rbac/. */
final class Rbac {

    private Rbac() {
    }

    /** Every (apiGroup, resource, verb) a Role grants, as "group/resource:verb" ("core" for the core group). */
    static Set<String> grants(Role role) {
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
    static Set<String> documented(String mode) {
        String file = "docs/rbac/" + mode + "-mode.yaml";
        List<Role> roles = Manifests.parse(RepoFiles.read(RepoFiles.resolve(file)), file).all(Role.class);
        if (roles.size() != 1) {
            throw new AssertionError(file + " should hold exactly one Role, has " + roles.size());
        }
        return grants(roles.get(0));
    }
}
