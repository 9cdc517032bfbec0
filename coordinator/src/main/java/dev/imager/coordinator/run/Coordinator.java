package dev.imager.coordinator.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.config.LoadFlags;
import dev.imager.coordinator.config.RequestFlags;
import dev.imager.coordinator.config.RunFlags;
import dev.imager.coordinator.config.TargetMode;
import dev.imager.coordinator.config.TargetSettings;
import dev.imager.coordinator.inbox.MessageRefusal;
import dev.imager.coordinator.load.LoadCalculator;
import dev.imager.coordinator.load.LoadCalculators;
import dev.imager.coordinator.metrics.CoordinatorMetrics;
import dev.imager.coordinator.metrics.MicrometerCoordinatorMetrics;
import dev.imager.coordinator.report.LivePage;
import dev.imager.coordinator.report.LiveReport;
import dev.imager.coordinator.source.RequestSource;
import dev.imager.coordinator.source.RequestSources;
import dev.imager.coordinator.status.StatusService;
import dev.imager.coordinator.target.KubernetesClients;
import dev.imager.coordinator.target.LazyKubernetesClient;
import dev.imager.coordinator.target.PodMetricsPoller;
import dev.imager.coordinator.target.TargetResolutionException;
import dev.imager.coordinator.target.TargetResolvers;
import dev.imager.protocol.cli.GoDuration;
import dev.imager.protocol.process.ImagerVersion;
import dev.imager.protocol.process.MetricsServer;
import dev.imager.protocol.transport.InMemoryTransport;
import dev.imager.protocol.transport.NatsTransport;
import dev.imager.protocol.transport.Transport;
import dev.imager.protocol.transport.TransportException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedding API, as the original's {@code Run(ctx, cfg, options)}: sets up everything a run needs
 * (request source, load calculator, bus, workers in local mode, target, metrics and status endpoints),
 * runs it until it ends or {@link RunControl} stops it, and tears everything down again.
 */
public final class Coordinator {

    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);

    private Coordinator() {
    }

    /**
     * Runs a load test.
     *
     * @throws SetupException when the run cannot start: {@link SetupException.Kind} says whether the
     *     configuration or the infrastructure is at fault
     */
    public static FinishedRun run(CoordinatorConfig config, RunOptions options, RunControl control) {
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            return start(config, options, control, resources);
        } finally {
            while (!resources.isEmpty()) {
                try {
                    resources.pop().close();
                } catch (Exception e) {
                    LOG.warn("error while shutting down: {}", e.toString());
                }
            }
        }
    }

    private static FinishedRun start(CoordinatorConfig config, RunOptions options, RunControl control,
            Deque<AutoCloseable> resources) {
        String runId = "run-" + UUID.randomUUID().toString().substring(0, 8);
        RequestSource source = create(RequestFlags.REQUEST_SOURCE_TYPE, () ->
                RequestSources.discover(options.requestSources()).create(config.requests(), config.run()));
        LoadCalculator calculator = create(LoadFlags.LOAD_CALCULATOR, () ->
                LoadCalculators.discover(options.loadCalculators()).create(config.load()));

        CoordinatorMetrics metrics = options.metrics() != null ? options.metrics()
                : MicrometerCoordinatorMetrics.withOwnRegistry();

        Transport transport = options.transport();
        if (transport == null && config.localMode()) {
            InMemoryTransport bus = new InMemoryTransport();
            resources.push(bus);
            transport = bus;
        } else if (transport == null) {
            try {
                NatsTransport nats = NatsTransport.connect(config.natsSettings());
                resources.push(nats);
                transport = nats;
            } catch (TransportException e) {
                throw new SetupException(SetupException.Kind.INFRASTRUCTURE, e.getMessage(), e);
            }
        }
        metrics.bus(transport::droppedMessages, transport::slowConsumerEvents);
        Refusals refusals = new Refusals(metrics);

        TargetSettings target = config.target();
        LazyKubernetesClient kubernetes = KubernetesClients.lazy(target.inCluster(), target.kubeconfig());
        resources.push(kubernetes);
        TargetsSeen resolver = new TargetsSeen(TargetResolvers.create(target, kubernetes));
        resources.push(resolver);
        Supplier<String> scrape = metrics::scrape;
        Runnable whenListening = () -> { };
        if (config.localMode()) {
            LocalFleet fleet;
            try {
                fleet = new LocalFleet(config.run().localWorkers(), transport, config.subjects(), resolver::urls,
                        config.run().cpuPinning());
            } catch (IllegalArgumentException e) {
                // The proxy environment (HTTP_PROXY, ...), which local workers honour, cannot be used, or
                // --cpu-pinning on cannot pin.
                throw new SetupException(SetupException.Kind.INVALID_CONFIGURATION, e.getMessage(), e);
            }
            resources.push(fleet);
            whenListening = fleet::start;
            scrape = () -> metrics.scrape() + fleet.scrape();
            LOG.info("local mode: {} worker(s) in this process, no NATS; {}", config.run().localWorkers(),
                    fleet.cpuPlacement());
        } else {
            CpuStepAside stepAside = CpuStepAside.start(config.run().cpuPinning());
            if (stepAside != null) {
                resources.push(stepAside);
            }
        }
        try {
            resolver.start();
        } catch (TargetResolutionException e) {
            throw new SetupException(SetupException.Kind.INFRASTRUCTURE, "target: " + e.getMessage(), e);
        }
        LOG.info("target: {}", resolver.describe());
        if (target.mode() != TargetMode.URL) {
            PodMetricsPoller poller = new PodMetricsPoller(kubernetes.get(), resolver::metricsPods, metrics,
                    options.listener()::onPodMetrics, target.metricsPollInterval());
            resources.push(poller);
            poller.start();
        }

        // The live page's report follows the run with the embedder's listener; it reads the status the loop keeps.
        AtomicReference<RunLoop> running = new AtomicReference<>();
        LiveReport live = new LiveReport(config, ImagerVersion.current(), () -> running.get().status());
        RunLoop loop = new RunLoop(config, runId, transport, resolver, source, calculator, metrics,
                RunListener.all(live, options.listener()), control, options.clock(), refusals);
        running.set(loop);
        ObjectMapper json = new ObjectMapper();
        int listenPort = config.run().listenPort();
        if (listenPort >= 0) {
            try {
                Transport bus = transport;
                // Live while the bus is connected and the control thread does its housekeeping.
                MetricsServer server = new MetricsServer("0.0.0.0", listenPort, scrape,
                        () -> bus.isConnected() && loop.isResponsive())
                        .json("/status", () -> {
                            try {
                                return json.writeValueAsString(loop.status());
                            } catch (JsonProcessingException e) {
                                return "{}";
                            }
                        })
                        .route("/", "text/html; charset=utf-8", LivePage.HEADERS,
                                query -> LivePage.render(live.snapshot(-1)))
                        .route(LivePage.DATA_PATH, "application/json", Map.of("Cache-Control", "no-store"),
                                query -> live.snapshot(LivePage.afterRound(query)).toJson());
                resources.push(server);
                int port = server.port();
                LOG.info("live page on :{}/, metrics on :{}/metrics, status on :{}/status", port, port, port);
            } catch (IOException e) {
                String message = RunFlags.LISTEN_PORT + " " + listenPort + ": cannot listen: " + e.getMessage();
                if (!config.localMode()) {
                    throw new SetupException(SetupException.Kind.INFRASTRUCTURE, message, e);
                }
                LOG.warn("{}; running without /metrics (use {}=0 for any free port)", message, RunFlags.LISTEN_PORT);
            }
        }
        if (transport instanceof NatsTransport nats) {
            resources.push(new StatusService(nats.connection(), config.subjects().status(), ImagerVersion.current(),
                    config.run().coordinatorId(), loop::status,
                    () -> refusals.refuse(MessageRefusal.NO_REPLY_SUBJECT, "a status request without a reply subject")));
        }
        LOG.info("run {}: {} from {} via {}, rounds of {}", runId, config.load().calculator(), source.describe(),
                transport.describe(), GoDuration.format(config.load().scheduleInterval()));
        return loop.run(whenListening);
    }

    private static <T> T create(String flag, Supplier<T> creation) {
        try {
            return creation.get();
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new SetupException(SetupException.Kind.INVALID_CONFIGURATION,
                    message.startsWith("-") ? message : flag + ": " + message, e);
        }
    }
}
