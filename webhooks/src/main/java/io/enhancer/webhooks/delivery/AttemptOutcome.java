package io.enhancer.webhooks.delivery;

public enum AttemptOutcome {
    /** 2xx */
    DELIVERED,
    /** Any other status; the status is recorded. */
    HTTP_ERROR,
    /** No response within the request timeout. */
    TIMEOUT,
    /** Connection refused, reset, TLS failure... */
    CONNECTION_FAILED,
    /** The delivery names an endpoint that is no longer configured; nothing was sent. */
    ENDPOINT_NOT_CONFIGURED
}
