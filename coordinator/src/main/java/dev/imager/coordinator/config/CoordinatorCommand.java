package dev.imager.coordinator.config;

import dev.imager.protocol.cli.DashForms;
import dev.imager.protocol.cli.EnvironmentDefaults;
import dev.imager.protocol.cli.FlagBinder;
import dev.imager.protocol.transport.NatsFlags;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The coordinator's command line. Parsing is separate from running: {@link #parse(String...)} turns
 * arguments into a {@link ParseResult} and never exits or starts anything.
 *
 * <p>Flag syntax follows the original's Go {@code flag} package: every flag may be written
 * {@code -name} or {@code --name}, with {@code =value} or a separate {@code value}; booleans as
 * {@code -in-cluster}, {@code -in-cluster=false}, {@code --in-cluster=true}; repeating a flag keeps the
 * last value ({@code --threshold} collects all). Differences from Go: an unknown flag or a stray
 * argument is a problem (Go stopped parsing at the first non-flag and ignored the rest); integers are
 * base 10 or {@code 0x} hex (see {@link dev.imager.protocol.cli.GoInteger}).
 *
 * <p>Each flag group is a mixin that binds straight into its section of {@link CoordinatorConfig}
 * ({@link TargetFlags} into {@link TargetSettings}, and so on; the NATS flags are the worker's too). Every
 * value is taken as text and converted by {@link FlagBinder}, so one run reports every bad value and
 * every rule violation together.
 */
@Command(name = "coordinator",
        mixinStandardHelpOptions = true,
        versionProvider = CoordinatorCommand.Version.class,
        modelTransformer = DashForms.class,
        sortOptions = false,
        usageHelpWidth = 100,
        customSynopsis = "coordinator [flags]",
        description = {
            "Plans rounds of HTTP requests, publishes them to workers and judges the target's answers.",
            "Every flag can be written -name or --name, with =value or a separate value."},
        footer = {
            "",
            "Durations use Go syntax: 300ms, 1.5s, 1m30s, 2h; units ns, us (or \u00b5s), ms, s, m, h.",
            "Integers are base 10 (or 0x hexadecimal). Booleans: true/false (also 1/0, t/f).",
            "Every flag can also come from the environment: -min-rps from IMAGER_MIN_RPS, --nats-password from",
            "IMAGER_NATS_PASSWORD; a flag on the command line wins.",
            "Exit code 2: invalid configuration (every problem is listed, each starting with its flag)."})
public final class CoordinatorCommand {

    /** Go's {@code flag} package also answered {@code -help}. */
    @Option(names = "-help", hidden = true)
    boolean goHelp;

    @Mixin(name = "target")
    TargetFlags target = new TargetFlags();

    @Mixin(name = "load")
    LoadFlags load = new LoadFlags();

    @Mixin(name = "requests")
    RequestFlags requests = new RequestFlags();

    @Mixin(name = "nats")
    NatsFlags nats = new NatsFlags();

    @Mixin(name = "run")
    RunFlags run = new RunFlags();

    @Mixin(name = "output")
    OutputFlags output = new OutputFlags();

    // Help sections: heading and mixin name, in the order shown. (Picocli's @ArgGroup would give
    // sections for free, but a repeated flag inside a group starts a new group instance and silently
    // resets the group's other flags, which breaks "the last occurrence wins".)
    private static final String[][] SECTIONS = {
        {"Target", "target"}, {"Load", "load"}, {"Requests", "requests"},
        {"NATS (distributed mode)", "nats"}, {"Run", "run"}, {"Output", "output"}};

    /**
     * Parses coordinator flags.
     *
     * @return {@link ParseResult.Valid} with a validated config, {@link ParseResult.Invalid} with every
     *     problem (unknown flags, unconvertible values, rule violations), or {@link ParseResult.Help}
     */
    public static ParseResult parse(String... args) {
        return parse(new EnvironmentDefaults(), args);
    }

    /**
     * Parses coordinator flags, taking flags not given from {@code environment} ({@code -min-rps} from
     * {@code IMAGER_MIN_RPS}, and so on; see {@link EnvironmentDefaults}).
     */
    public static ParseResult parse(EnvironmentDefaults environment, String... args) {
        CoordinatorCommand command = new CoordinatorCommand();
        CommandLine commandLine = commandLine(command);
        commandLine.setDefaultValueProvider(environment);
        try {
            commandLine.parseArgs(args);
        } catch (ParameterException e) {
            return new ParseResult.Invalid(List.of(describe(e)));
        }
        if (commandLine.isUsageHelpRequested() || command.goHelp) {
            return new ParseResult.Help(commandLine.getUsageMessage(CommandLine.Help.Ansi.OFF));
        }
        if (commandLine.isVersionHelpRequested()) {
            return new ParseResult.Help(String.join(System.lineSeparator(), commandLine.getCommandSpec().version()));
        }
        ConfigProblems problems = new ConfigProblems();
        reportUnmatched(commandLine.getUnmatchedArguments(), problems);
        FlagBinder binder = new FlagBinder();
        CoordinatorConfig config = new CoordinatorConfig(command.target.bind(binder), command.load.bind(binder),
                command.requests.bind(binder), command.nats.bind(binder), command.run.bind(binder),
                command.output.bind(binder));
        problems.addAll(binder.problems());
        List<String> all = new ArrayList<>(problems.list());
        for (String problem : config.problems()) {
            if (!binder.mentionsFailedFlag(problem)) {
                all.add(problem);
            }
        }
        return all.isEmpty() ? new ParseResult.Valid(config) : new ParseResult.Invalid(all);
    }

    /** The {@code --help} text, for docs and tests. */
    public static String usage() {
        return commandLine(new CoordinatorCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static CommandLine commandLine(CoordinatorCommand command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setUnmatchedArgumentsAllowed(true);   // collected and reported with every other problem
        commandLine.setOverwrittenOptionsAllowed(true);   // Go: the last occurrence wins
        commandLine.setExpandAtFiles(false);              // "@file" is a value, not an argument file
        commandLine.setPosixClusteredShortOptionsAllowed(false);
        commandLine.setCaseInsensitiveEnumValuesAllowed(false);
        commandLine.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, CoordinatorCommand::optionList);
        return commandLine;
    }

    // The option list in sections: standard options (-h, -V) first, then one section per flag group.
    private static String optionList(CommandLine.Help help) {
        CommandSpec spec = help.commandSpec();
        StringBuilder out = new StringBuilder();
        Set<OptionSpec> grouped = new HashSet<>();
        for (String[] section : SECTIONS) {
            grouped.addAll(sectionOptions(spec, section[1]));
        }
        out.append(layout(help, spec.options().stream().filter(o -> !grouped.contains(o)).toList()));
        for (String[] section : SECTIONS) {
            out.append(System.lineSeparator()).append(section[0]).append(':').append(System.lineSeparator());
            out.append(layout(help, sectionOptions(spec, section[1])));
        }
        return out.toString();
    }

    // The command's options of one mixin, in declaration order. The mixin's own list still holds the
    // options as declared; the command has them with both dash forms (DashForms).
    private static List<OptionSpec> sectionOptions(CommandSpec spec, String mixin) {
        return spec.mixins().get(mixin).options().stream()
                .map(declared -> spec.findOption(DashForms.declaredName(declared))).toList();
    }

    /** Every flag name as declared (the spelling of help and problem messages), in help order. */
    public static List<String> flagNames() {
        CommandSpec spec = commandLine(new CoordinatorCommand()).getCommandSpec();
        List<String> names = new ArrayList<>();
        for (String[] section : SECTIONS) {
            sectionOptions(spec, section[1]).forEach(o -> names.add(DashForms.declaredName(o)));
        }
        return names;
    }

    private static String layout(CommandLine.Help help, List<OptionSpec> options) {
        CommandLine.Help.Layout layout = help.createDefaultLayout();
        for (OptionSpec option : options) {
            if (!option.hidden()) {
                layout.addOption(option, help.parameterLabelRenderer());
            }
        }
        return layout.toString();
    }

    // Unknown "-x" / "-x=v" is a problem; a bare word right after an unknown flag is taken as its value
    // and not reported again; any other bare word is a stray argument.
    private static void reportUnmatched(List<String> unmatched, ConfigProblems problems) {
        boolean previousWasUnknownFlag = false;
        for (String arg : unmatched) {
            if (arg.startsWith("-") && arg.length() > 1 && !isNumber(arg)) {
                int eq = arg.indexOf('=');
                String flag = eq < 0 ? arg : arg.substring(0, eq);
                problems.add(flag, "unknown flag (see --help)");
                previousWasUnknownFlag = eq < 0;
            } else {
                if (!previousWasUnknownFlag) {
                    problems.add("\"" + arg + "\"", "unexpected argument; flags are written -name=value or -name value");
                }
                previousWasUnknownFlag = false;
            }
        }
    }

    private static boolean isNumber(String arg) {
        return arg.matches("-[0-9.].*");
    }

    private static String describe(ParameterException e) {
        ArgSpec spec = e.getArgSpec();
        if (e instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()) {
            spec = missing.getMissing().get(0);
        }
        if (spec instanceof OptionSpec option) {
            String flag = DashForms.declaredName(option);
            if (e instanceof CommandLine.MissingParameterException) {
                return flag + ": a value is required";
            }
            return flag + ": " + e.getMessage();
        }
        return e.getMessage();
    }

    /** {@code --version}: the jar's Implementation-Version, or "development build" when run from classes. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = CoordinatorCommand.class.getPackage().getImplementationVersion();
            return new String[] {"imager coordinator " + (version == null ? "(development build)" : version)};
        }
    }
}
