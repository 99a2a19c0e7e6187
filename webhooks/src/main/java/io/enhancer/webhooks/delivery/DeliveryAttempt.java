package io.enhancer.webhooks.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * One recorded attempt: {@code number} within its schedule (1-based), HTTP status (0 when none), latency and the
 * first characters of the response body (or the error) for an operator to read.
 */
public record DeliveryAttempt(DeliveryKey key, int number, Instant startedAt, Duration latency, AttemptOutcome outcome,
        int httpStatus, String responseExcerpt) {
}
