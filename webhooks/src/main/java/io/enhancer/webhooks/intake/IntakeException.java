package io.enhancer.webhooks.intake;

/** A request the intake refuses, by cause; {@link IntakeExceptionMapper} maps each to its status. */
public abstract sealed class IntakeException extends RuntimeException
        permits UnknownSourceException, PayloadTooLargeException, InvalidPayloadException, EventQueueUnavailableException {

    IntakeException(String publicMessage, Throwable cause) {
        super(publicMessage, cause, false, false);
    }

    /** The machine-readable {@code error} value in the JSON body. */
    public abstract String errorCode();
}
