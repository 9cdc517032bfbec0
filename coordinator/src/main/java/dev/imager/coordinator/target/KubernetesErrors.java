package dev.imager.coordinator.target;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns fabric8 failures into {@link TargetResolutionException}s whose message reads
 * {@code <verb> <object>: <reason>}, e.g. {@code get deployments.apps imagerdemo/sumservice: not found}.
 * The verb and object are what RBAC rules are written in, so a "forbidden" tells the operator exactly
 * which rule is missing.
 */
final class KubernetesErrors {
    static final int HTTP_UNAUTHORIZED = 401;
    static final int HTTP_FORBIDDEN = 403;
    static final int HTTP_NOT_FOUND = 404;
    /** Where the least-privilege Roles are documented; named in every "forbidden" message. */
    static final String RBAC_DOC = "docs/targets.md#rbac";

    private KubernetesErrors() {
    }

    /** {@code verb object: reason}, with the original exception as cause. */
    static TargetResolutionException translate(String verb, String object, Throwable failure) {
        Throwable t = unwrap(failure);
        return new TargetResolutionException(verb + " " + object + ": " + reason(t), t);
    }

    /** The HTTP status of a Kubernetes API failure, or 0 when there was no HTTP answer. */
    static int statusCode(Throwable failure) {
        return unwrap(failure) instanceof KubernetesClientException e ? e.getCode() : 0;
    }

    private static String reason(Throwable t) {
        if (!(t instanceof KubernetesClientException e)) {
            return describe(t);
        }
        String detail = serverMessage(e);
        return switch (e.getCode()) {
            case HTTP_FORBIDDEN -> "forbidden" + parenthesised(detail) + "; grant the Role in " + RBAC_DOC;
            case HTTP_NOT_FOUND -> "not found";
            case HTTP_UNAUTHORIZED -> "unauthorized (the API server rejected the credentials)";
            default -> e.getCode() <= 0
                    ? "no answer from the API server (" + describe(rootCause(e)) + ")"
                    : "HTTP " + e.getCode() + parenthesised(detail);
        };
    }

    private static String serverMessage(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null && !e.getStatus().getMessage().isBlank()) {
            return e.getStatus().getMessage();
        }
        return "";
    }

    private static String parenthesised(String detail) {
        return detail.isEmpty() ? "" : " (" + detail + ")";
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable current = t;
        for (int depth = 0; depth < 16 && current.getCause() != null && current.getCause() != current; depth++) {
            current = current.getCause();
        }
        return current;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
