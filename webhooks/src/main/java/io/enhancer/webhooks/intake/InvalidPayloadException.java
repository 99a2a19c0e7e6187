package io.enhancer.webhooks.intake;

/** 400: not JSON, or a required field is missing or has the wrong type; the message names the field. */
public final class InvalidPayloadException extends IntakeException {
    public InvalidPayloadException(String publicMessage) {
        super(publicMessage, null);
    }

    public static InvalidPayloadException missing(String field) {
        return new InvalidPayloadException("missing field " + field);
    }

    @Override
    public String errorCode() {
        return "invalid_payload";
    }
}
