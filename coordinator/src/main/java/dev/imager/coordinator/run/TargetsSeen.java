package dev.imager.coordinator.run;

import dev.imager.coordinator.target.PodRef;
import dev.imager.coordinator.target.TargetResolutionException;
import dev.imager.coordinator.target.TargetResolver;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A target resolver that remembers every base URL it handed out: what local mode's in-process workers may send
 * requests to, so that they load exactly the target the coordinator was configured with (its URL, or the pods and
 * service it resolved). Remembers at most {@link #MAX_REMEMBERED} URLs, the oldest forgotten first. Thread-safe.
 */
final class TargetsSeen implements TargetResolver {

    /** Base URLs remembered at most (pods come and go over a long run). */
    static final int MAX_REMEMBERED = 1_024;

    private final TargetResolver delegate;
    private final Set<String> seen = new LinkedHashSet<>();

    TargetsSeen(TargetResolver delegate) {
        this.delegate = delegate;
    }

    /** Every base URL handed out so far (up to the bound). */
    synchronized List<String> urls() {
        return List.copyOf(seen);
    }

    @Override
    public void start() throws TargetResolutionException {
        delegate.start();
    }

    @Override
    public List<String> resolve() throws TargetResolutionException {
        List<String> urls = delegate.resolve();
        synchronized (this) {
            for (String url : urls) {
                seen.remove(url);
                seen.add(url);
            }
            while (seen.size() > MAX_REMEMBERED) {
                seen.remove(seen.iterator().next());
            }
        }
        return urls;
    }

    @Override
    public List<PodRef> metricsPods() {
        return delegate.metricsPods();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
