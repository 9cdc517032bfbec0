package dev.imager.protocol.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lets every option be set from the environment, as containers prefer: option {@code --max-inflight} reads
 * {@code IMAGER_MAX_INFLIGHT}. A flag on the command line wins over the variable; the variable wins over the
 * built-in default. {@code --help} shows the variable next to each option.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {

    /** Prefix of every variable. */
    public static final String PREFIX = "IMAGER_";

    private final Map<String, String> environment;

    public EnvironmentDefaults() {
        this(System.getenv());
    }

    /** For tests: a fixed environment. */
    public EnvironmentDefaults(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The variable for an option name: {@code --max-inflight} or {@code -max-inflight} → {@code IMAGER_MAX_INFLIGHT}. */
    public static String variableFor(String optionName) {
        String bare = optionName.replaceFirst("^-+", "");
        return PREFIX + bare.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option) {
            String value = environment.get(variableFor(option.longestName()));
            if (value != null) {
                return value;
            }
        }
        return argSpec.defaultValue();
    }
}
