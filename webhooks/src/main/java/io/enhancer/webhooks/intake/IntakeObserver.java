package io.enhancer.webhooks.intake;

/**
 * Hears how every webhook request ended, e.g. to count them in the host's metrics (this module has no metrics
 * library). Called once per request on the request's thread; whatever it throws is ignored, so counting can never
 * change an answer.
 */
@FunctionalInterface
public interface IntakeObserver {
    /** Observes nothing. */
    IntakeObserver NONE = (source, outcome) -> {
    };

    /**
     * @param source the configured source name, or {@code unknown} for a path that names no source (never the raw
     *               path segment, so a scanner cannot invent label values)
     */
    void requestHandled(String source, RequestOutcome outcome);
}
