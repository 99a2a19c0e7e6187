package io.enhancer.webhooks.intake;

/** 503: the host's sink or idempotency store failed; nothing was kept, the sender should retry. */
public final class EventQueueUnavailableException extends IntakeException {
    public EventQueueUnavailableException(Throwable cause) {
        super("event queue unavailable, retry later", cause);
    }

    @Override
    public String errorCode() {
        return "unavailable";
    }
}
