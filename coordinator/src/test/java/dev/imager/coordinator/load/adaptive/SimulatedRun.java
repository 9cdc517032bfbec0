package dev.imager.coordinator.load.adaptive;

import dev.imager.coordinator.load.AdaptiveProbe;
import dev.imager.coordinator.load.LoadCalculator;
import dev.imager.coordinator.load.RoundObservation;
import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.OutcomeCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * A run of a load calculator against a {@link QueueingTarget} on a simulated clock, with the run loop's
 * timing: a round is planned {@value #PLAN_AHEAD_MICROS} µs before it starts; its requests are spread evenly
 * over the round; results stream in every {@value #RESULT_INTERVAL_MICROS} µs (local workers) and reach the
 * calculator as partial observations; a round's complete observation arrives when its last request ended (or
 * timed out after {@value #TIMEOUT_MICROS} µs), in round order. The generator is sometimes late (a stretch of a
 * round's requests sent 20 ms late), as on a busy machine. Pure and deterministic for a given seed.
 */
final class SimulatedRun {

    static final long INTERVAL_MICROS = 1_000_000;
    static final long PLAN_AHEAD_MICROS = 250_000;
    static final long RESULT_INTERVAL_MICROS = 250_000;
    static final long TIMEOUT_MICROS = 2_000_000;
    /** Results reach the calculator at the next housekeeping tick of the run loop (every 100 ms). */
    static final long DELIVERY_MICROS = 50_000;

    /** What the run produced: the rates planned, round by round, and the calculator at the end. */
    record Result(List<Double> rates, LoadCalculator calculator) {
        List<AdaptiveProbe> probes() {
            return calculator.probes();
        }

        /** The probes as the issue writes them: rate and first letter of the verdict (R for recovery). */
        String trace() {
            StringBuilder sb = new StringBuilder();
            for (AdaptiveProbe p : calculator.probes()) {
                String v = p.phase().equals("recovery") ? "R" : p.verdict().name().substring(0, 1);
                sb.append(sb.length() == 0 ? "" : " ").append(p.round()).append(':').append(Math.round(p.rate())).append(v);
            }
            return sb.toString();
        }
    }

    private record Request(long planned, long done, long latency, boolean timeout, long sendLag) {
    }

    private record Round(long round, double rate, List<Request> requests, long completeAt) {
    }

    private record Event(long time, int kind, long round) implements Comparable<Event> {
        static final int PLAN = 0;
        static final int PARTIAL = 1;
        static final int COMPLETE = 2;

        @Override
        public int compareTo(Event o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Integer.compare(kind, o.kind);
        }
    }

    private final QueueingTarget target;
    private final double generatorLagRoundShare;
    private final SplittableRandom random;
    private final Map<Long, Integer> resizes = new HashMap<>();

    /**
     * @param generatorLagRoundShare the share of rounds in which the generator sends a stretch of requests late
     */
    SimulatedRun(QueueingTarget target, double generatorLagRoundShare, long seed) {
        this.target = target;
        this.generatorLagRoundShare = generatorLagRoundShare;
        this.random = new SplittableRandom(seed);
    }

    /** The target serves {@code slots} requests at a time from round {@code round} on. */
    SimulatedRun resizeAt(long round, int slots) {
        resizes.put(round, slots);
        return this;
    }

    Result run(LoadCalculator calc, int rounds) {
        PriorityQueue<Event> events = new PriorityQueue<>();
        List<Round> planned = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        double cumulative = 0;
        long lastComplete = Long.MIN_VALUE;
        events.add(new Event(-PLAN_AHEAD_MICROS, Event.PLAN, 0));
        while (!events.isEmpty()) {
            Event e = events.poll();
            if (e.kind() == Event.PLAN) {
                long k = e.round();
                double rate = calc.nextRate(k);
                rates.add(rate);
                long before = (long) Math.floor(cumulative);
                cumulative += rate * INTERVAL_MICROS / 1e6;
                int n = (int) ((long) Math.floor(cumulative) - before);
                Round round = plan(k, rate, n, Math.max(lastComplete, k * INTERVAL_MICROS));
                lastComplete = round.completeAt();
                planned.add(round);
                for (long t = k * INTERVAL_MICROS + RESULT_INTERVAL_MICROS; t < round.completeAt(); t += RESULT_INTERVAL_MICROS) {
                    events.add(new Event(t + DELIVERY_MICROS, Event.PARTIAL, k));
                }
                events.add(new Event(round.completeAt() + DELIVERY_MICROS, Event.COMPLETE, k));
                if (k + 1 < rounds) {
                    events.add(new Event((k + 1) * INTERVAL_MICROS - PLAN_AHEAD_MICROS, Event.PLAN, k + 1));
                }
            } else {
                Round round = planned.get((int) e.round());
                boolean complete = e.kind() == Event.COMPLETE;
                RoundObservation o = observe(round, complete ? Long.MAX_VALUE : e.time() - DELIVERY_MICROS);
                if (complete) {
                    calc.observe(o);
                } else if (calc.observesPartialRounds() && o.outcomes().total() > 0) {
                    calc.observePartial(o);
                }
            }
        }
        return new Result(rates, calc);
    }

    private Round plan(long k, double rate, int n, long notBefore) {
        List<Request> requests = new ArrayList<>(n);
        long start = k * INTERVAL_MICROS;
        if (resizes.containsKey(k)) {
            target.resize(resizes.get(k), start);
        }
        boolean lagging = random.nextDouble() < generatorLagRoundShare;
        int lagFrom = lagging ? random.nextInt(Math.max(1, n)) : -1;
        int lagTo = lagging ? lagFrom + Math.max(1, n / 20) : -1;
        long last = notBefore;
        for (int i = 0; i < n; i++) {
            long plannedAt = start + i * INTERVAL_MICROS / n;
            long sendLag = 200 + (i >= lagFrom && i < lagTo ? 20_000 : 0);
            long back = target.serve(plannedAt + sendLag);
            long latency = back - plannedAt;
            boolean timeout = latency > TIMEOUT_MICROS;
            long done = timeout ? plannedAt + TIMEOUT_MICROS : back;
            requests.add(new Request(plannedAt, done, timeout ? TIMEOUT_MICROS : latency, timeout, sendLag));
            last = Math.max(last, done);
        }
        return new Round(k, rate, requests, n == 0 ? Math.max(notBefore, start) : last);
    }

    /** The round as reported by {@code asOf} ({@link Long#MAX_VALUE}: complete). */
    private static RoundObservation observe(Round round, long asOf) {
        Histogram latency = LatencySnapshot.newHistogram();
        Histogram lag = LatencySnapshot.newHistogram();
        long ok = 0;
        long timeouts = 0;
        for (Request r : round.requests()) {
            if (r.done() > asOf) {
                continue;
            }
            LatencySnapshot.record(latency, r.latency());
            LatencySnapshot.record(lag, r.sendLag());
            if (r.timeout()) {
                timeouts++;
            } else {
                ok++;
            }
        }
        boolean complete = asOf == Long.MAX_VALUE;
        LatencySnapshot lat = LatencySnapshot.copyOf(latency);
        return ShapedRounds.observation(round.round(), round.rate(), round.requests().size(),
                new OutcomeCounts(ok, 0, 0, timeouts, 0, 0, 0), Map.of(200, ok), lat,
                complete ? serviceTime(round) : LatencySnapshot.empty(), LatencySnapshot.copyOf(lag));
    }

    private static LatencySnapshot serviceTime(Round round) {
        Histogram h = LatencySnapshot.newHistogram();
        for (Request r : round.requests()) {
            LatencySnapshot.record(h, r.latency() - r.sendLag());
        }
        return LatencySnapshot.copyOf(h);
    }
}
