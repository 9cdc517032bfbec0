package dev.imager.coordinator.config;

import dev.imager.protocol.cli.FlagChoice;
import java.util.ArrayList;
import java.util.List;

/**
 * Named load shapes ({@code --preset}): each expands to {@link Stage}s whose targets are percentages of a peak
 * rate. The peak is the preset's own unless {@code -max-rps} is given, which rescales every target; {@code
 * --duration} cuts the shape short like any other. The shapes are written here once, in the {@code --stages}
 * form with targets in percent of the peak; docs/models-and-shapes.md lists them expanded.
 */
public enum Preset implements FlagChoice {
    /** A short, gentle check: up in 30 s, 2 min at the peak, down in 30 s (3 min). */
    LIGHT("light", 50, "30s:100,2m:100,30s:0"),
    /** A high plateau: up in 1 min, 5 min at the peak, down in 1 min (7 min). */
    HEAVY("heavy", 1000, "1m:100,5m:100,1m:0"),
    /** A long plateau at a moderate rate: up in 1 min, 30 min at the peak, down in 1 min (32 min). */
    SUSTAINED("sustained", 200, "1m:100,30m:100,1m:0"),
    /** Three 10 s bursts at the peak out of a 10% base, 30 s apart, jumping both ways (2 min 30 s). */
    BURST("burst", 1000,
            "0s:10,30s:10,0s:100,10s:100,0s:10,30s:10,0s:100,10s:100,0s:10,30s:10,0s:100,10s:100,0s:10,30s:10"),
    /**
     * One spike: up to a 5% base in 30 s, 1 min there, to the peak in 10 s, 1 min there, back to the base in
     * 10 s, 1 min there to recover, down in 30 s (4 min 20 s).
     */
    SPIKE("spike", 2000, "30s:5,1m:5,10s:100,1m:100,10s:5,1m:5,30s:0"),
    /** Hours at a steady rate, for leaks and drift: up in 5 min, 4 h at the peak, down in 5 min (4 h 10 min). */
    SOAK("soak", 100, "5m:100,4h:100,5m:0");

    private final String flagValue;
    private final long defaultPeak;
    private final List<Stage> percentOfPeak;

    Preset(String flagValue, long defaultPeak, String percentOfPeak) {
        this.flagValue = flagValue;
        this.defaultPeak = defaultPeak;
        this.percentOfPeak = StageList.parse(percentOfPeak);
    }

    @Override
    public String flagValue() {
        return flagValue;
    }

    /** The peak rate (requests per second) when {@code -max-rps} is not given. */
    public long defaultPeak() {
        return defaultPeak;
    }

    /** The shape's stages with targets in percent of the peak. */
    public List<Stage> percentOfPeak() {
        return percentOfPeak;
    }

    /** The stages at {@code peak} rps: each target is its percentage of {@code peak}, rounded half up. */
    public List<Stage> stages(long peak) {
        if (peak < 0) {
            throw new IllegalArgumentException("peak must be >= 0, got " + peak);
        }
        List<Stage> stages = new ArrayList<>(percentOfPeak.size());
        for (Stage s : percentOfPeak) {
            // (peak / 100) * pct + rest, so no peak can overflow
            long target = peak / 100 * s.target() + (peak % 100 * s.target() + 50) / 100;
            stages.add(new Stage(s.duration(), target));
        }
        return List.copyOf(stages);
    }
}
