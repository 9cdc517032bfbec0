package dev.imager.coordinator.source;

import dev.imager.coordinator.config.ConfigProblems;
import dev.imager.coordinator.config.InvalidConfigException;
import dev.imager.coordinator.config.RequestFlags;
import dev.imager.coordinator.config.RequestSettings;
import dev.imager.coordinator.config.RunSettings;
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
    public RequestSource create(RequestSettings requests, RunSettings run) {
        ConfigProblems problems = new ConfigProblems();
        requests.checkSourceFile(problems);
        problems.throwIfAny();
        String file = requests.sourceFile();
        try {
            return new FileRequestSource(Path.of(file));
        } catch (InvalidConfigException e) {
            // Name the flag whose value is wrong; the caller would otherwise name -request-source-type.
            throw new InvalidConfigException(RequestFlags.REQUEST_SOURCE_FILE + ": " + e.getMessage(), e);
        } catch (InvalidPathException e) {
            throw new InvalidConfigException(RequestFlags.REQUEST_SOURCE_FILE + ": invalid path \"" + file + "\": "
                    + e.getReason(), e);
        }
    }
}
