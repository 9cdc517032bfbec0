package dev.imager.protocol.testing;

/** What the processes' log lines look like (their simplelogger.properties): for tests that read a process log. */
public final class LogLines {

    /** A logged line: ISO-8601 date and time with milliseconds and offset, then the level and the rest. */
    public static final String TIMESTAMPED =
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) (TRACE|DEBUG|INFO|WARN|ERROR) .*";

    private LogLines() {
    }
}
