package dev.imager.protocol.cli;

import java.util.ArrayList;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lets every long option be written with one dash or two, as Go's {@code flag} package allowed: the
 * original imager's manifests pass {@code -min-rps=10} and {@code -metrics-port=9100}, newer ones
 * {@code --min-rps=10}. Install it with {@code @Command(modelTransformer = DashForms.class)}.
 *
 * <p>Each option is declared with one name only, the spelling help and problem messages use (one dash
 * for the original's flags, two for flags new in imager); this transformer adds the other spelling, so
 * no flag name is written twice. Single-letter options ({@code -h}, {@code -V}) are left alone, and so is
 * an option whose other spelling is already taken.
 */
public final class DashForms implements CommandLine.IModelTransformer {

    @Override
    public CommandSpec transform(CommandSpec spec) {
        for (OptionSpec option : new ArrayList<>(spec.options())) {
            String declared = option.names()[0];
            String bare = declared.replaceFirst("^-+", "");
            if (bare.length() < 2 || option.names().length > 1) {
                continue;
            }
            String other = declared.startsWith("--") ? "-" + bare : "--" + bare;
            if (spec.optionsMap().containsKey(other)) {
                continue;
            }
            String[] names = Arrays.copyOf(option.names(), 2);
            names[1] = other;
            // Options are immutable: replace it by a copy with both names (same field, same order).
            spec.remove(option);
            spec.addOption(option.toBuilder().names(names).build());
        }
        return spec;
    }

    /**
     * The spelling {@code option} was declared with, for messages: {@code -min-rps} for a flag of the
     * original, {@code --min-workers} for a new one.
     */
    public static String declaredName(OptionSpec option) {
        return option.names()[0];
    }
}
