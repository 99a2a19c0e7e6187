package io.enhancer.webhooks.delivery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Outbound settings. Only the endpoints listed here are ever contacted, and plain http is refused unless
 * {@code allowInsecureHttp} (for local tests and development only).
 */
public final class DeliveryConfig {
    private final Map<String, WebhookEndpoint> endpoints;
    private final RetryPolicy retryPolicy;
    private final Duration requestTimeout;
    private final Duration lease;
    private final Duration pollInterval;
    private final int batchSize;
    private final int maxConcurrentSends;
    private final int responseExcerptChars;

    private DeliveryConfig(Builder b) {
        this.endpoints = Map.copyOf(b.endpoints);
        this.retryPolicy = b.retryPolicy;
        this.requestTimeout = b.requestTimeout;
        this.lease = b.lease;
        this.pollInterval = b.pollInterval;
        this.batchSize = b.batchSize;
        this.maxConcurrentSends = b.maxConcurrentSends;
        this.responseExcerptChars = b.responseExcerptChars;
        for (WebhookEndpoint endpoint : endpoints.values()) {
            if (!b.allowInsecureHttp && !"https".equals(endpoint.url().getScheme())) {
                throw new IllegalArgumentException("endpoint " + endpoint.name() + " must use https, got "
                        + endpoint.url() + " (allowInsecureHttp is off)");
            }
        }
        if (lease.compareTo(requestTimeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("lease must be at least twice the request timeout, got " + lease
                    + " for timeout " + requestTimeout);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<WebhookEndpoint> endpoint(String name) {
        return Optional.ofNullable(endpoints.get(name));
    }

    public List<WebhookEndpoint> endpoints() {
        return endpoints.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration lease() {
        return lease;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public int batchSize() {
        return batchSize;
    }

    public int maxConcurrentSends() {
        return maxConcurrentSends;
    }

    public int responseExcerptChars() {
        return responseExcerptChars;
    }

    public static final class Builder {
        private final Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration lease = Duration.ofMinutes(2);
        private Duration pollInterval = Duration.ofSeconds(5);
        private int batchSize = 50;
        private int maxConcurrentSends = 4;
        private int responseExcerptChars = 512;
        private boolean allowInsecureHttp;

        private Builder() {
        }

        public Builder endpoint(WebhookEndpoint endpoint) {
            if (endpoints.putIfAbsent(endpoint.name(), endpoint) != null) {
                throw new IllegalArgumentException("endpoint '" + endpoint.name() + "' configured twice");
            }
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(2)) > 0) {
                throw new IllegalArgumentException("requestTimeout must be within (0, 2 min], got " + timeout);
            }
            this.requestTimeout = timeout;
            return this;
        }

        /** How long a claimed delivery is reserved for one attempt before another dispatcher may take it. */
        public Builder lease(Duration lease) {
            this.lease = Objects.requireNonNull(lease, "lease");
            return this;
        }

        public Builder pollInterval(Duration interval) {
            if (interval.toMillis() < 10) {
                throw new IllegalArgumentException("pollInterval must be at least 10 ms, got " + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        public Builder batchSize(int size) {
            if (size < 1 || size > 1000) {
                throw new IllegalArgumentException("batchSize must be 1..1000, got " + size);
            }
            this.batchSize = size;
            return this;
        }

        public Builder maxConcurrentSends(int sends) {
            if (sends < 1 || sends > 64) {
                throw new IllegalArgumentException("maxConcurrentSends must be 1..64, got " + sends);
            }
            this.maxConcurrentSends = sends;
            return this;
        }

        public Builder responseExcerptChars(int chars) {
            if (chars < 0 || chars > 4096) {
                throw new IllegalArgumentException("responseExcerptChars must be 0..4096, got " + chars);
            }
            this.responseExcerptChars = chars;
            return this;
        }

        /** Permit http:// endpoints: local development and tests only. */
        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        public DeliveryConfig build() {
            return new DeliveryConfig(this);
        }
    }
}
