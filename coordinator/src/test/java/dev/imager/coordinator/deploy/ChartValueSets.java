package dev.imager.coordinator.deploy;

import java.util.Map;

/** Value sets the chart tests render: the demo, each target mode, a Job, your own NATS, TLS, Prometheus. */
final class ChartValueSets {

    private ChartValueSets() {
    }

    /** The chart's defaults: the demo. */
    static final String DEFAULTS = "{}\n";

    static final String REQUESTS = """
            {"method": "GET", "path": "/"}
            {"method": "GET", "path": "/status"}
            {"method": "GET", "path": "/anything", "headers": {"X-Imager-Run": ["true"]}}
            """;

    static final String POD_MODE = """
            demo:
              enabled: false
            coordinator:
              target:
                mode: pod
                namespace: shop
                deployment: checkout
              requestSource:
                type: file
                requests: |
            %s
              load:
                calculator: step
                minRps: 5
                maxRps: 50
                stepRps: 5
            worker:
              replicas: 4
            """.formatted(REQUESTS.indent(6).stripTrailing());

    static final String SERVICE_MODE = """
            demo:
              enabled: false
            coordinator:
              target:
                mode: service
                namespace: shop
                service: checkout-svc
                portName: web
                scheme: https
              load:
                calculator: exponential
                minRps: 1
                maxRps: 2000
            """;

    static final String URL_MODE = """
            demo:
              enabled: false
            coordinator:
              target:
                mode: url
                url: http://checkout.shop.svc:8080/api
              requestSource:
                type: file
            """;

    static final String JOB = """
            coordinator:
              kind: Job
              duration: 2m
              thresholds: ["p99<250ms", "error-rate<1%"]
              report:
                enabled: true
              job:
                ttlSecondsAfterFinished: 3600
            """;

    /** Your own NATS, its passwords in your Secret. */
    static final String EXTERNAL_NATS = """
            nats:
              enabled: false
            natsUrl: nats://nats.messaging.svc:4222
            subjectPrefix: team-a.imager
            natsAuth:
              existingSecret: imager-nats
              users:
                coordinator: loader
                worker: load-worker
            """;

    static final String EXTERNAL_NATS_CREDS = """
            nats:
              enabled: false
            natsUrl: tls://nats.messaging.svc:4222
            natsAuth:
              type: creds
              existingSecret: imager-nats-creds
            """;

    static final String EXTERNAL_NATS_TOKEN = """
            nats:
              enabled: false
            natsUrl: nats://nats.messaging.svc:4222
            natsAuth:
              type: token
              existingSecret: imager-nats-token
              tokenKey: t
            """;

    static final String EXTERNAL_NATS_OPEN = """
            nats:
              enabled: false
            natsUrl: nats://nats.messaging.svc:4222
            natsAuth:
              type: none
            """;

    static final String TLS = """
            natsTls:
              enabled: true
              existingSecret: nats-ca
            """;

    /** One run of a named load shape as a Job: no duration needed, the shape ends the run. */
    static final String PRESET = """
            coordinator:
              kind: Job
              load:
                preset: spike
            """;

    static final String SERVICE_MONITOR = """
            serviceMonitor:
              enabled: true
              labels:
                release: prometheus
            """;

    static final Map<String, String> VALUE_SETS = Map.ofEntries(Map.entry("defaults", DEFAULTS),
            Map.entry("pod", POD_MODE), Map.entry("service", SERVICE_MODE), Map.entry("url", URL_MODE),
            Map.entry("job", JOB), Map.entry("external-nats", EXTERNAL_NATS),
            Map.entry("external-nats-creds", EXTERNAL_NATS_CREDS), Map.entry("external-nats-token", EXTERNAL_NATS_TOKEN),
            Map.entry("external-nats-open", EXTERNAL_NATS_OPEN), Map.entry("tls", TLS),
            Map.entry("service-monitor", SERVICE_MONITOR), Map.entry("preset", PRESET));
}
