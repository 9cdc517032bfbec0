package dev.imager.coordinator.config;

import dev.imager.protocol.cli.FlagChoice;
import dev.imager.protocol.cli.GoDuration;
import dev.imager.protocol.message.UsersJob;
import java.time.Duration;
import java.util.Objects;

/**
 * How imager drives load ({@code --model}, {@code --users}, {@code --think-time}): the open model plans when each
 * request goes; the closed model runs virtual users, each sending its next request when the previous one ended and
 * its think time passed. In the closed model the load calculator's "rate" of a round is its user count, so
 * {@code --stages}, the adaptive search and the default {@code step} calculator work on users; {@code --users N} is
 * the step calculator held at N.
 *
 * @param kind the model
 * @param users {@code --users}: a constant user count, or 0 when not given (a shape or calculator gives the count)
 * @param thinkTime {@code --think-time}: each user's pause between an outcome and its next request
 */
public record LoadModel(Kind kind, long users, Duration thinkTime) {

    /** Most users a run may ask for: the coordinator splits them into jobs of at most {@link UsersJob#MAX_USERS}. */
    public static final long MAX_USERS = 1_000_000;

    /** The default: the open model. */
    public static final LoadModel OPEN = new LoadModel(Kind.OPEN, 0, Duration.ZERO);

    public LoadModel {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(thinkTime, "thinkTime");
    }

    public boolean closed() {
        return kind == Kind.CLOSED;
    }

    /**
     * What the load calculator's rates count under this model, as the status, the progress line and the adaptive
     * search's notes say it: {@code rps}, or {@code users} in the closed model.
     */
    public String rateUnit() {
        return closed() ? "users" : "rps";
    }

    /**
     * Every problem of these flags, added to {@code p}; {@code load} is the rest of the section: a constant
     * {@code --users N} is bound as the {@code step} calculator held at N, so any other calculator or shape there
     * means it was combined with one.
     */
    void check(ConfigProblems p, LoadSettings load) {
        if (!closed()) {
            if (users != 0) {
                p.add(LoadFlags.USERS, "needs --model closed (the open model plans requests per second, not users)");
            }
            if (!thinkTime.isZero()) {
                p.add(LoadFlags.THINK_TIME, "needs --model closed");
            }
            return;
        }
        if (users < 0 || users > MAX_USERS) {
            p.add(LoadFlags.USERS, "must be within 1.." + MAX_USERS + ", got " + users);
        } else if (users > 0 && !(load.calculator().equals("step") && load.minRps() == users
                && load.maxRps() == users && load.stages().isEmpty())) {
            p.add(LoadFlags.USERS, "is a constant user count: give either it or --stages/--preset/-load-calculator "
                    + "(whose rates are then user counts)");
        }
        if (thinkTime.isNegative() || thinkTime.toNanos() / 1_000 > UsersJob.MAX_THINK_TIME_MICROS) {
            p.add(LoadFlags.THINK_TIME, "must be within 0s.." + GoDuration.format(Duration.ofNanos(
                    UsersJob.MAX_THINK_TIME_MICROS * 1_000)) + ", got " + GoDuration.format(thinkTime));
        }
    }

    /** The load models ({@code --model}). */
    public enum Kind implements FlagChoice {
        /** Requests at planned instants, whatever the target's answers (the default). */
        OPEN("open"),
        /** Virtual users, each waiting for its response and its think time before its next request. */
        CLOSED("closed");

        private final String flagValue;

        Kind(String flagValue) {
            this.flagValue = flagValue;
        }

        @Override
        public String flagValue() {
            return flagValue;
        }
    }
}
