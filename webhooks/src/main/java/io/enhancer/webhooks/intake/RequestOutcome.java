package io.enhancer.webhooks.intake;

import io.enhancer.webhooks.signing.AuthenticationException;
import io.enhancer.webhooks.signing.SnsVerificationException;
import java.util.Locale;

/** How one webhook request ended, in the words a metric label uses ({@link #label()}: {@code rejected_auth}, ...). */
public enum RequestOutcome {
    /** 202: at least one event handed to the sink. */
    ACCEPTED,
    /** 200: every event was taken before. */
    DUPLICATE,
    /** 202: valid, but nothing for us (non-image, unsupported event). */
    IGNORED,
    /** 200: an SNS subscription confirmation was recorded. */
    SUBSCRIPTION_PENDING,
    /** 200: a verified SNS subscription was confirmed by the host. */
    SUBSCRIPTION_CONFIRMED,
    /** 401: missing, malformed, stale or wrong signature or token. */
    REJECTED_AUTH,
    /** 403: an SNS message not proven to be from SNS (signature, certificate, cert URL, timestamp, topic). */
    REJECTED_SNS,
    /** 400: not JSON or a field missing or mistyped. */
    INVALID,
    /** 413: body over the limit. */
    TOO_LARGE,
    /** 404: no such source. */
    UNKNOWN_SOURCE,
    /** 503: the sink or the idempotency store failed. */
    UNAVAILABLE,
    /** 500: a bug. */
    ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RequestOutcome of(IntakeOutcome outcome) {
        if (outcome instanceof IntakeOutcome.Accepted) {
            return ACCEPTED;
        }
        if (outcome instanceof IntakeOutcome.Duplicate) {
            return DUPLICATE;
        }
        if (outcome instanceof IntakeOutcome.Ignored) {
            return IGNORED;
        }
        if (outcome instanceof IntakeOutcome.SubscriptionConfirmed) {
            return SUBSCRIPTION_CONFIRMED;
        }
        return SUBSCRIPTION_PENDING;
    }

    static RequestOutcome of(RuntimeException failure) {
        if (failure instanceof AuthenticationException) {
            return REJECTED_AUTH;
        }
        if (failure instanceof SnsVerificationException sns) {
            return sns.reason() == SnsVerificationException.Reason.CERTIFICATE_UNAVAILABLE ? UNAVAILABLE : REJECTED_SNS;
        }
        if (failure instanceof InvalidPayloadException) {
            return INVALID;
        }
        if (failure instanceof PayloadTooLargeException) {
            return TOO_LARGE;
        }
        if (failure instanceof UnknownSourceException) {
            return UNKNOWN_SOURCE;
        }
        if (failure instanceof EventQueueUnavailableException) {
            return UNAVAILABLE;
        }
        return ERROR;
    }
}
