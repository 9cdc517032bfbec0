package dev.imager.worker.engine;

import dev.imager.protocol.cpu.CpuPinning;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.UsersJob;
import dev.imager.worker.metrics.WorkerMetrics;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import dev.imager.protocol.message.HttpVersionChoice;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP engine: runs open-model jobs by firing each request at its planned instant, and closed-model jobs by
 * running their virtual users, on Netty event loops (epoll where available, NIO elsewhere), over per-loop connection pools: HTTP/1.1 keep-alive, or HTTP/2
 * with many streams per connection, as each job asks ({@link HttpVersionChoice}).
 */
public final class HttpEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEngine.class);

    /** A target's connection pool unused this long is closed (its connections too) and forgotten. */
    public static final Duration IDLE_POOL_RELEASE = Duration.ofSeconds(30);

    private final EngineSettings settings;
    private final EventLoopGroup group;
    private final LoopPinning pinning;
    private final List<LoopContext> contexts = new ArrayList<>();
    private final AtomicInteger nextLoop = new AtomicInteger();

    /** An engine whose redirects may lead anywhere. */
    public HttpEngine(EngineSettings settings, WorkerMetrics metrics) {
        this(settings, metrics, TargetPolicy.ANY);
    }

    /**
     * @param redirects where a redirect may lead; a refused one fails its request
     */
    public HttpEngine(EngineSettings settings, WorkerMetrics metrics, TargetPolicy redirects) {
        this(settings, metrics, redirects, IDLE_POOL_RELEASE);
    }

    /** An engine that releases a target's pool after {@code idlePoolRelease} unused (tests make it short). */
    HttpEngine(EngineSettings settings, WorkerMetrics metrics, TargetPolicy redirects, Duration idlePoolRelease) {
        this.settings = settings;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends SocketChannel> channelClass = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        this.group = new MultiThreadIoEventLoopGroup(settings.eventLoops(), new DefaultThreadFactory("imager-http", true), io);
        try {
            this.pinning = LoopPinning.apply(settings.cpuPinning(), group, settings.eventLoops());
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
        ConnectionSetup setup = new ConnectionSetup(sslContext(settings.insecureSkipVerify(), null),
                sslContext(settings.insecureSkipVerify(), HttpVersionChoice.HTTP_2),
                sslContext(settings.insecureSkipVerify(), HttpVersionChoice.AUTO), settings.proxies(),
                settings.maxStreamsPerConnection(), settings.userAgent(), redirects);
        Bootstrap template = new Bootstrap()
                .channel(channelClass)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        settings.connectTimeout().toMillis()));
        int loops = settings.eventLoops();
        int inFlightPerLoop = ceilDiv(settings.maxInFlight(), loops);
        int connectionsPerLoop = ceilDiv(settings.maxConnectionsPerTarget(), loops);
        for (EventExecutor executor : group) {
            contexts.add(new LoopContext((EventLoop) executor, template, setup, inFlightPerLoop, connectionsPerLoop,
                    metrics));
        }
        long idleNanos = idlePoolRelease.toNanos();
        for (LoopContext context : contexts) {
            context.loop().scheduleAtFixedRate(context::refreshViews, 100, 100, TimeUnit.MILLISECONDS);
            long sweep = Math.max(10, Math.min(1_000, idlePoolRelease.toMillis() / 4));
            context.loop().scheduleAtFixedRate(() -> context.releaseIdlePools(idleNanos), sweep, sweep,
                    TimeUnit.MILLISECONDS);
        }
        LOG.info("HTTP engine: {} event loop(s) ({}), max in-flight {}, max connections per target {}, max HTTP/2 "
                + "streams per connection {}, proxy: {}{}", loops, epoll ? "epoll" : "nio", settings.maxInFlight(),
                settings.maxConnectionsPerTarget(), settings.maxStreamsPerConnection(), settings.proxies(),
                settings.insecureSkipVerify() ? ", TLS verification OFF" : "");
    }

    // HTTP/1.1 connections keep the plain context (no ALPN); HTTP/2 offers h2 only; auto offers h2, then http/1.1.
    private static SslContext sslContext(boolean insecure, HttpVersionChoice alpn) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            if (alpn != null) {
                String[] protocols = alpn == HttpVersionChoice.HTTP_2 ? new String[] {ApplicationProtocolNames.HTTP_2}
                        : new String[] {ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1};
                builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocols));
            }
            if (insecure) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            } else {
                builder.endpointIdentificationAlgorithm("HTTPS");
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot create the TLS client context: " + e.getMessage(), e);
        }
    }

    /**
     * Prepares {@code job} to run: request {@code i} will fire at {@code startNanos + offsetsMicros[i]} on the
     * monotonic clock once {@link JobRun#launch()} is called.
     *
     * @param replyTo where its results go (kept on the run for the streamer)
     * @param startNanos the job's start on {@link System#nanoTime()}'s clock
     * @throws IllegalArgumentException when a target is not an absolute http(s) URL
     */
    public JobRun prepare(Job job, String replyTo, String workerId, long startNanos, JobRunListener listener) {
        JobRun run = new JobRun(job, replyTo, workerId, startNanos, parse(job.targets()), listener);
        addLanes(run, job.size(), (context, lane, laneCount) -> new JobLane(run, context, lane, laneCount));
        return run;
    }

    /**
     * Prepares a closed-model job: its users split over the loops, starting at {@code startNanos} (monotonic) and
     * starting no request at or after {@code startNanos + spanMicros}, once {@link JobRun#launch()} is called.
     *
     * @throws IllegalArgumentException when a target is not an absolute http(s) URL
     */
    public JobRun prepare(UsersJob job, String replyTo, String workerId, long startNanos, JobRunListener listener) {
        JobRun run = new JobRun(job, replyTo, workerId, startNanos, parse(job.targets()), listener);
        long spanEndNanos = startNanos + job.spanMicros() * 1_000L;
        addLanes(run, job.users(), (context, lane, laneCount) -> new UserLane(run, context, job, lane, laneCount,
                spanEndNanos));
        return run;
    }

    private static List<TargetAddress> parse(List<String> urls) {
        List<TargetAddress> targets = new ArrayList<>(urls.size());
        for (String url : urls) {
            targets.add(TargetAddress.parse(url));
        }
        return targets;
    }

    /** Makes one lane of lane k of n for {@code run} on a loop. */
    private interface LaneFactory {
        RequestLane lane(LoopContext context, int lane, int laneCount);
    }

    /** Splits {@code work} (requests or users) over the loops, one lane each, starting at the next loop in turn. */
    private void addLanes(JobRun run, int work, LaneFactory factory) {
        int laneCount = Math.min(contexts.size(), work);
        int base = Math.floorMod(nextLoop.getAndIncrement(), contexts.size());
        for (int lane = 0; lane < laneCount; lane++) {
            run.addLane(factory.lane(contexts.get((base + lane) % contexts.size()), lane, laneCount));
        }
    }

    /** Requests in flight (approximate: refreshed by each loop as it works). */
    public int inFlight() {
        int sum = 0;
        for (LoopContext c : contexts) {
            sum += c.inFlightView();
        }
        return sum;
    }

    /** Open connections (refreshed every 100 ms). */
    public int openConnections() {
        int sum = 0;
        for (LoopContext c : contexts) {
            sum += c.openView();
        }
        return sum;
    }

    /** Target pools kept by all event loops (refreshed every 100 ms). */
    public int pools() {
        int sum = 0;
        for (LoopContext c : contexts) {
            sum += c.poolView();
        }
        return sum;
    }

    /** Where the event loops run: the CPUs they were pinned to, or why they were not ({@link CpuPinning}). */
    public String cpuPlacement() {
        return pinning.description();
    }

    public EngineSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        for (LoopContext context : contexts) {
            if (!context.loop().isShuttingDown()) {
                context.loop().execute(context::closeIdle);
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        pinning.close();
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
