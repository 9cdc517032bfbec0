package dev.imager.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every process logs in one format with timestamps: their logging settings agree on every format key. */
class LogFormatTest {

    private static final List<String> FORMAT_KEYS = List.of("showDateTime", "dateTimeFormat", "showShortLogName",
            "showThreadName", "showLogName", "levelInBrackets");
    private static final List<String> FILES = List.of("coordinator/src/main/resources/simplelogger.properties",
            "worker/src/main/resources/simplelogger.properties", "sumservice/src/main/resources/simplelogger.properties");

    @Test
    void everyProcessLogsWithTheSameTimestampedFormat() throws IOException {
        Properties coordinator = load(FILES.get(0));
        assertThat(coordinator.getProperty("org.slf4j.simpleLogger.showDateTime")).isEqualTo("true");
        assertThat(coordinator.getProperty("org.slf4j.simpleLogger.dateTimeFormat")).contains("yyyy-MM-dd").contains("SSS");
        for (String file : FILES.subList(1, FILES.size())) {
            Properties other = load(file);
            for (String key : FORMAT_KEYS) {
                String name = "org.slf4j.simpleLogger." + key;
                assertThat(other.getProperty(name)).as(file + ": " + key).isEqualTo(coordinator.getProperty(name));
            }
        }
    }

    private static Properties load(String relative) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(RepoFiles.read(RepoFiles.resolve(relative))));
        return properties;
    }
}
