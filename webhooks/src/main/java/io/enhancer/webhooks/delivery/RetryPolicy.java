package io.enhancer.webhooks.delivery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: after failed attempt n the next comes {@code min(maxDelay, initialDelay *
 * multiplier^(n-1))} later, scaled by a random factor in {@code [1 - jitter, 1 + jitter]}. The default makes 8
 * attempts over about 12.5 hours (1 min, 2.8 min, 7.8 min, 22 min, 61 min, 2.9 h, 8 h).
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay, double jitter) {
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(8, Duration.ofMinutes(1), 2.8, Duration.ofHours(8), 0.2);

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 50) {
            throw new IllegalArgumentException("maxAttempts must be 1..50, got " + maxAttempts);
        }
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initialDelay must be positive, got " + initialDelay);
        }
        if (!(multiplier >= 1.0 && multiplier <= 10.0)) {
            throw new IllegalArgumentException("multiplier must be 1..10, got " + multiplier);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must be >= initialDelay, got " + maxDelay);
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
        }
    }

    /** The delay before the next attempt, given how many attempts of this schedule have failed (>= 1). */
    public Duration delayAfter(int failedAttempts, RandomGenerator random) {
        double factor = jitter == 0 ? 1.0 : 1.0 - jitter + 2 * jitter * random.nextDouble();
        return Duration.ofMillis(Math.round(nominalDelayAfter(failedAttempts).toMillis() * factor));
    }

    /** The delay without jitter. */
    public Duration nominalDelayAfter(int failedAttempts) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis(Math.round(millis));
    }

    /** From the first attempt to the last, without jitter. */
    public Duration nominalSpan() {
        Duration total = Duration.ZERO;
        for (int n = 1; n < maxAttempts; n++) {
            total = total.plus(nominalDelayAfter(n));
        }
        return total;
    }
}
