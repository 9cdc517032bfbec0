package dev.imager.coordinator.source;

import dev.imager.coordinator.config.ConfigProblems;
import dev.imager.coordinator.config.ConfigValidator;
import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.config.FlagNames;
import dev.imager.coordinator.config.InvalidConfigException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Built-in factory of the {@code file} source; public so custom factories can delegate to it. */
public final class FileRequestSourceFactory implements RequestSourceFactory {

    /** The {@code -request-source-type} value. */
    public static final String TYPE = "file";

    @Override
    public String type() {
        return TYPE;
    }

    /** Loads {@code -request-source-file}; see {@link FileRequestSource} for every check. */
    @Override
    public RequestSource create(CoordinatorConfig config) {
        ConfigProblems problems = new ConfigProblems();
        ConfigValidator.checkRequestSourceFile(config, problems);
        problems.throwIfAny();
        String file = config.requestSourceFile();
        try {
            return new FileRequestSource(Path.of(file));
        } catch (InvalidPathException e) {
            throw new InvalidConfigException(FlagNames.REQUEST_SOURCE_FILE + ": invalid path \"" + file + "\": "
                    + e.getReason(), e);
        }
    }
}
