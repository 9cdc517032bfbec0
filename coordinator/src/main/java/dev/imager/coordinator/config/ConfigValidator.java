package dev.imager.coordinator.config;

import java.util.List;

/**
 * Checks a whole {@link CoordinatorConfig} and reports every problem at once, each starting with its
 * flag: every section's own rules ({@code problems()} of each section, in the order of the help's
 * sections), and the one rule that spans sections: in local mode ({@code --local-workers} > 0) the NATS
 * section is neither used nor checked.
 *
 * <p>The original orchestrator's rules (spec §2.2) are all in the sections, including those it only
 * checked when building the request source or calculator, and it reported only the first failure;
 * imager reports all. Unknown {@code -request-source-type} and {@code -load-calculator} values are not
 * problems here: a plug-in may claim them, and the factory lookups reject them later with the list of
 * known types.
 */
public final class ConfigValidator {

    private ConfigValidator() {
    }

    /** Every problem of {@code c}, section by section; empty when {@code c} is usable. */
    public static List<String> validate(CoordinatorConfig c) {
        ConfigProblems p = new ConfigProblems();
        p.addAll(c.target().problems());
        p.addAll(c.load().problems());
        p.addAll(c.requests().problems());
        if (!c.localMode()) {
            p.addAll(c.nats().problems());
        }
        p.addAll(c.run().problems());
        p.addAll(c.output().problems());
        return p.list();
    }
}
