package io.enhancer.webhooks.intake;

import io.enhancer.webhooks.signing.AwsSnsUrls;
import io.enhancer.webhooks.signing.SnsCertificateSource;
import io.enhancer.webhooks.signing.SnsVerificationException;
import io.enhancer.webhooks.signing.SnsMessageVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the intake needs: the sources with their authentication, the body limit, the replay tolerance and
 * the clock. Built once by the host, e.g. {@code WebhookIntakeConfig.builder().fromEnvironment(System.getenv())}.
 */
public final class WebhookIntakeConfig {
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    private final Map<String, SourceSettings> sources;
    private final long maxBodyBytes;
    private final Duration signatureTolerance;
    private final Duration jwtClockSkew;
    private final Clock clock;
    private final SnsSubscriptions snsSubscriptions;
    private final IntakeObserver observer;
    private final IntakeTransaction transaction;
    private final SnsCertificateSource snsCertificateSource;
    private final List<String> snsTopicArns;
    private final Duration snsMaxMessageAge;

    private WebhookIntakeConfig(Builder builder) {
        if (builder.sources.isEmpty()) {
            throw new IllegalArgumentException("at least one webhook source must be configured");
        }
        this.sources = Map.copyOf(builder.sources);
        this.maxBodyBytes = builder.maxBodyBytes;
        this.signatureTolerance = builder.signatureTolerance;
        this.jwtClockSkew = builder.jwtClockSkew;
        this.clock = builder.clock;
        this.snsSubscriptions = builder.snsSubscriptions;
        this.observer = builder.observer;
        this.transaction = builder.transaction;
        this.snsCertificateSource = builder.snsCertificateSource;
        this.snsTopicArns = List.copyOf(builder.snsTopicArns);
        this.snsMaxMessageAge = builder.snsMaxMessageAge;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<SourceSettings> source(String name) {
        return Optional.ofNullable(sources.get(name));
    }

    public List<String> sourceNames() {
        return sources.keySet().stream().sorted().toList();
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    public Duration signatureTolerance() {
        return signatureTolerance;
    }

    public Duration jwtClockSkew() {
        return jwtClockSkew;
    }

    public Clock clock() {
        return clock;
    }

    public SnsSubscriptions snsSubscriptions() {
        return snsSubscriptions;
    }

    public IntakeObserver observer() {
        return observer;
    }

    public IntakeTransaction transaction() {
        return transaction;
    }

    public SnsCertificateSource snsCertificateSource() {
        return snsCertificateSource;
    }

    /** The SNS topics whose messages the s3 source takes; empty = any topic. */
    public List<String> snsTopicArns() {
        return snsTopicArns;
    }

    public Duration snsMaxMessageAge() {
        return snsMaxMessageAge;
    }

    @Override
    public String toString() {
        return "WebhookIntakeConfig[sources=" + sources.values() + ", maxBodyBytes=" + maxBodyBytes
                + ", snsTopicArns=" + snsTopicArns + "]";
    }

    public static final class Builder {
        private final Map<String, SourceSettings> sources = new LinkedHashMap<>();
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Duration signatureTolerance = io.enhancer.webhooks.signing.SignatureVerifier.DEFAULT_TOLERANCE;
        private Duration jwtClockSkew = io.enhancer.webhooks.signing.Hs256JwtVerifier.DEFAULT_CLOCK_SKEW;
        private Clock clock = Clock.systemUTC();
        private SnsSubscriptions snsSubscriptions = new PendingSnsSubscriptions();
        private IntakeObserver observer = IntakeObserver.NONE;
        private IntakeTransaction transaction = IntakeTransaction.NONE;
        private SnsCertificateSource snsCertificateSource = SnsCertificateSource.unconfigured();
        private List<String> snsTopicArns = List.of();
        private Duration snsMaxMessageAge = SnsMessageVerifier.DEFAULT_MAX_AGE;

        private Builder() {
        }

        public Builder source(SourceSettings settings) {
            if (sources.putIfAbsent(settings.name(), settings) != null) {
                throw new IllegalArgumentException("source '" + settings.name() + "' configured twice");
            }
            return this;
        }

        public Builder maxBodyBytes(long bytes) {
            if (bytes < 1024 || bytes > 64L * 1024 * 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be 1024..67108864, got " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        public Builder signatureTolerance(Duration tolerance) {
            if (tolerance.isNegative() || tolerance.isZero() || tolerance.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("signatureTolerance must be within (0, 1h], got " + tolerance);
            }
            this.signatureTolerance = tolerance;
            return this;
        }

        public Builder jwtClockSkew(Duration skew) {
            if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("jwtClockSkew must be within [0, 10 min], got " + skew);
            }
            this.jwtClockSkew = skew;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Who hears about SNS subscription confirmations; by default they are only recorded, never fetched. */
        public Builder snsSubscriptions(SnsSubscriptions handler) {
            this.snsSubscriptions = Objects.requireNonNull(handler, "snsSubscriptions");
            return this;
        }

        /**
         * Where SNS signing certificates come from (an https fetch bounded in time and size, no redirects). By
         * default none: every SNS message is then refused (503), since an unverified one is never trusted.
         */
        public Builder snsCertificateSource(SnsCertificateSource source) {
            this.snsCertificateSource = Objects.requireNonNull(source, "snsCertificateSource");
            return this;
        }

        /** The only SNS topics whose messages are taken ({@code ENHANCER_SNS_TOPIC_ARNS}); empty = any topic. */
        public Builder snsTopicArns(Collection<String> topicArns) {
            List<String> arns = List.copyOf(topicArns);
            for (String arn : arns) {
                try {
                    AwsSnsUrls.topicRegion(arn);
                } catch (SnsVerificationException e) {
                    throw new IllegalArgumentException("ENHANCER_SNS_TOPIC_ARNS entries must be SNS topic ARNs "
                            + "(arn:aws:sns:<region>:<12-digit account>:<topic>), got '" + arn + "'");
                }
            }
            this.snsTopicArns = arns;
            return this;
        }

        /** How old an SNS message's Timestamp may be (replay); default 1 h. */
        public Builder snsMaxMessageAge(Duration maxAge) {
            if (maxAge.isNegative() || maxAge.isZero() || maxAge.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("snsMaxMessageAge must be within (0, 1 day], got " + maxAge);
            }
            this.snsMaxMessageAge = maxAge;
            return this;
        }

        /** Who hears how each request ended (metrics); by default nobody. */
        public Builder observer(IntakeObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /** How one request's records and hand-offs are kept together; by default they are not (each on its own). */
        public Builder transaction(IntakeTransaction transaction) {
            this.transaction = Objects.requireNonNull(transaction, "transaction");
            return this;
        }

        /**
         * Adds the built-in sources configured in the environment: {@code WEBHOOK_SECRET} (HMAC for generic),
         * and for each of GENERIC, DIRECTUS, S3, STRAPI: {@code WEBHOOK_<S>_SECRET} (HMAC), {@code WEBHOOK_<S>_TOKEN}
         * with {@code WEBHOOK_<S>_TOKEN_HEADER} (default {@code X-Webhook-Token}), {@code WEBHOOK_<S>_JWT_SECRET},
         * {@code WEBHOOK_<S>_BASE_URL}; plus {@code WEBHOOK_MAX_BODY_BYTES} and {@code ENHANCER_SNS_TOPIC_ARNS}.
         * Lists are comma-separated (rotation).
         * A source without any credential is not added, so it answers 404.
         */
        public Builder fromEnvironment(Map<String, String> env) {
            for (PayloadFormat format : PayloadFormat.values()) {
                String prefix = "WEBHOOK_" + format.name() + "_";
                List<String> hmac = list(env.get(prefix + "SECRET"));
                if (format == PayloadFormat.GENERIC && hmac.isEmpty()) {
                    hmac = list(env.get("WEBHOOK_SECRET"));
                }
                List<String> tokens = list(env.get(prefix + "TOKEN"));
                List<String> jwt = list(env.get(prefix + "JWT_SECRET"));
                if (hmac.isEmpty() && tokens.isEmpty() && jwt.isEmpty()) {
                    continue;
                }
                SourceSettings.Builder source = SourceSettings.builder(format.name().toLowerCase(Locale.ROOT));
                source.hmacSecrets(hmac).jwtSecrets(jwt);
                if (!tokens.isEmpty()) {
                    source.staticToken(env.getOrDefault(prefix + "TOKEN_HEADER", "X-Webhook-Token"), tokens);
                }
                String baseUrl = env.get(prefix + "BASE_URL");
                if (baseUrl != null && !baseUrl.isBlank()) {
                    source.publicBaseUrl(baseUrl.trim());
                }
                source(source.build());
            }
            List<String> topics = list(env.get("ENHANCER_SNS_TOPIC_ARNS"));
            if (!topics.isEmpty()) {
                snsTopicArns(topics);
            }
            String maxBody = env.get("WEBHOOK_MAX_BODY_BYTES");
            if (maxBody != null && !maxBody.isBlank()) {
                try {
                    maxBodyBytes(Long.parseLong(maxBody.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("WEBHOOK_MAX_BODY_BYTES must be a number of bytes, got '"
                            + maxBody + "'");
                }
            }
            return this;
        }

        private static List<String> list(String value) {
            if (value == null || value.isBlank()) {
                return List.of();
            }
            return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }

        public WebhookIntakeConfig build() {
            return new WebhookIntakeConfig(this);
        }
    }
}
