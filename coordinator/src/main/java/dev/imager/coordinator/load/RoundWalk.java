package dev.imager.coordinator.load;

/**
 * A profile walked one step per round sent: what the fixed profiles ({@link RateProfile}) and the load shape
 * ({@link StagesCalculator}) share. A call of {@link #nextRate} for a new round takes the next {@link #step()}; a
 * repeated call for the same round returns the same rate; a round that could not be sent ({@link #roundNotSent})
 * does not count: the profile pauses, and the next round gets its rate again, as the original did (it did not
 * advance its profile on a tick without executors or targets).
 */
abstract class RoundWalk implements LoadCalculator {

    private long lastRound = Long.MIN_VALUE;
    private double lastRate;
    /** True while the last rate returned stands for a round that was not sent: the next round repeats it. */
    private boolean paused;

    /** The rate of the next step; called once per step, in order. Never negative. */
    abstract double step();

    @Override
    public final double nextRate(long round) {
        if (round == lastRound) {
            return lastRate;
        }
        lastRound = round;
        if (paused) {
            paused = false;
            return lastRate;
        }
        lastRate = step();
        return lastRate;
    }

    @Override
    public final void roundNotSent(long round) {
        if (round == lastRound) {
            paused = true;
        }
    }

    /** True while the round planned last was not sent, so the next round repeats its step. */
    final boolean repeating() {
        return paused;
    }

    /** True once a first rate has been planned. */
    final boolean started() {
        return lastRound != Long.MIN_VALUE;
    }
}
