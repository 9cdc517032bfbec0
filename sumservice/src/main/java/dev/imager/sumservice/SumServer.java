package dev.imager.sumservice;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running service: a Netty HTTP/1.1 server bound to one address, with its event loops, metrics and
 * optional capacity simulation. {@link #start} binds (port 0 picks a free port, see {@link #port()}),
 * {@link #close} stops everything and may be called from any thread, repeatedly.
 *
 * <p>Uses epoll where the native transport loads (Linux, x86_64) and NIO elsewhere. Threads: one acceptor,
 * Netty's default number of I/O loops (two per core), and, when the simulation is on, one extra thread
 * that owns the simulation's state (see {@link CapacitySimulator}).
 */
public final class SumServer implements AutoCloseable {

    /** Longest request line (method, target, version) accepted; beyond it the answer is 414. */
    static final int MAX_REQUEST_LINE_BYTES = 8 * 1024;

    /** Largest header block accepted; beyond it the answer is 431. */
    static final int MAX_HEADER_BYTES = 16 * 1024;

    /** How long {@link #close} waits for the event loops to finish. */
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 5_000;

    private final SumServiceConfig config;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final EventExecutor simulatorThread;
    private final CapacitySimulator simulator;
    private final ServiceMetrics metrics;
    private final String transport;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Channel serverChannel;

    private SumServer(SumServiceConfig config) {
        this.config = config;
        boolean epoll = Epoll.isAvailable();
        this.transport = epoll ? "epoll" : "nio";
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.acceptors = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("sumservice-accept"), io);
        this.workers = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("sumservice-io"), io);
        if (config.simulationEnabled()) {
            this.simulatorThread = new DefaultEventExecutor(new DefaultThreadFactory("sumservice-simulator"));
            this.simulator = new CapacitySimulator(config.concurrency(),
                    TimeUnit.MILLISECONDS.toNanos(config.serviceTimeMs()), config.maxQueue(),
                    SimulationScheduler.on(simulatorThread));
            this.metrics = new ServiceMetrics(simulator::inflight, simulator::queueDepth, config.capacityRps());
        } else {
            this.simulatorThread = null;
            this.simulator = null;
            this.metrics = ServiceMetrics.withoutSimulation();
        }
    }

    /**
     * Binds and starts serving.
     *
     * @throws IllegalArgumentException if {@code config} has problems
     * @throws IOException if the address cannot be bound (e.g. the port is taken)
     */
    public static SumServer start(SumServiceConfig config) throws IOException {
        if (!config.problems().isEmpty()) {
            throw new IllegalArgumentException("invalid sumservice config: " + String.join("; ", config.problems()));
        }
        SumServer server = new SumServer(config);
        try {
            server.bind();
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void bind() throws IOException {
        Class<? extends ServerChannel> channelType =
                "epoll".equals(transport) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        HttpDecoderConfig decoderConfig = new HttpDecoderConfig()
                                .setMaxInitialLineLength(MAX_REQUEST_LINE_BYTES)
                                .setMaxHeaderSize(MAX_HEADER_BYTES);
                        ch.pipeline()
                                .addLast("codec", new HttpServerCodec(decoderConfig))
                                .addLast("aggregator", new BoundedRequestAggregator())
                                .addLast("handler", new SumHttpHandler(metrics, simulator));
                    }
                });
        try {
            serverChannel = bootstrap.bind(config.host(), config.port()).sync().channel();
        } catch (Exception e) {
            // sync() rethrows the bind failure as is, e.g. a BindException, even though it is checked.
            if (e instanceof IOException io) {
                throw io;
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("cannot bind " + config.host() + ":" + config.port() + ": " + e, e);
        }
    }

    /** The bound address; with port 0 in the config, the port the OS picked. */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The bound port. */
    public int port() {
        return address().getPort();
    }

    /** {@code "epoll"} or {@code "nio"}. */
    public String transport() {
        return transport;
    }

    /** The live metrics, also served at {@code /metrics}. */
    public ServiceMetrics metrics() {
        return metrics;
    }

    /** The configuration this server runs with. */
    public SumServiceConfig config() {
        return config;
    }

    /** Blocks until {@link #close} has closed the listening socket. */
    public void awaitClosed() {
        if (serverChannel != null) {
            serverChannel.closeFuture().awaitUninterruptibly();
        }
    }

    /**
     * Stops accepting, closes every connection (responses still queued in the simulation are dropped) and
     * stops all threads, waiting up to a few seconds for them.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS);
        }
        var acceptorsDone = acceptors.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        var workersDone = workers.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        var simulatorDone = simulatorThread == null ? null
                : simulatorThread.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        acceptorsDone.awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS);
        workersDone.awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS);
        if (simulatorDone != null) {
            simulatorDone.awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS);
        }
    }
}
