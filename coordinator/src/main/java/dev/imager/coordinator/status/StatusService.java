package dev.imager.coordinator.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.service.Service;
import io.nats.service.ServiceEndpoint;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator as a NATS micro service named {@value #NAME}: {@code nats micro info imager} lists it and
 * {@code nats req imager.status ''} answers with the run's {@link RunStatus} as JSON.
 */
public final class StatusService implements AutoCloseable {

    /** The micro service name. */
    public static final String NAME = "imager";

    private static final Logger LOG = LoggerFactory.getLogger(StatusService.class);

    private final Service service;

    /**
     * Registers and starts the service.
     *
     * @param subject the status subject ({@code <prefix>.status})
     * @param version the imager version, as semantic version text
     * @param noReplySubject told of each request without a reply subject, which is ignored
     */
    public StatusService(Connection connection, String subject, String version, String coordinatorId,
            Supplier<RunStatus> status, Runnable noReplySubject) {
        ObjectMapper json = new ObjectMapper();
        ServiceEndpoint endpoint = ServiceEndpoint.builder()
                .endpointName("status")
                .endpointSubject(subject)
                .handler(message -> {
                    if (message.getReplyTo() == null || message.getReplyTo().isEmpty()) {
                        // Nobody to answer: counted, not logged (a flood of them must not flood the log).
                        noReplySubject.run();
                        return;
                    }
                    try {
                        message.respond(connection, json.writeValueAsBytes(status.get()));
                    } catch (JsonProcessingException | RuntimeException e) {
                        LOG.warn("cannot answer a status request: {}", e.toString());
                    }
                })
                .build();
        service = Service.builder()
                .connection(connection)
                .name(NAME)
                .version(semver(version))
                .description("imager coordinator: distributed HTTP load test status")
                .metadata(Map.of("coordinator", coordinatorId))
                .addServiceEndpoint(endpoint)
                .build();
        service.startService();
        LOG.info("status service '{}' answering on {}", NAME, subject);
    }

    /** The micro service API needs semantic versions; development builds report 0.0.0-dev. */
    static String semver(String version) {
        return version != null && version.matches("\\d+\\.\\d+\\.\\d+([-+].*)?") ? version : "0.0.0-dev";
    }

    @Override
    public void close() {
        service.stop();
    }
}
