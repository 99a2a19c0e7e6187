package io.enhancer.webhooks.intake;

/** 413: the body is (or announces it is) larger than the configured limit. */
public final class PayloadTooLargeException extends IntakeException {
    public PayloadTooLargeException(long limitBytes) {
        super("body exceeds " + limitBytes + " bytes", null);
    }

    @Override
    public String errorCode() {
        return "payload_too_large";
    }
}
