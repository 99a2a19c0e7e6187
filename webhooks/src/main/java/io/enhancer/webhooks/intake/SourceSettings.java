package io.enhancer.webhooks.intake;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One webhook source ({@code POST /webhooks/<name>}): its payload format and how its sender authenticates. At least
 * one of HMAC secrets, static tokens or JWT secrets is required; when several are set, any one passing is enough.
 * {@link #toString()} never shows secrets.
 */
public final class SourceSettings {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    private final String name;
    private final PayloadFormat format;
    private final List<String> hmacSecrets;
    private final String tokenHeader;
    private final List<String> tokens;
    private final List<String> jwtSecrets;
    private final Duration jwtMaxLifetime;
    private final URI publicBaseUrl;

    private SourceSettings(Builder builder) {
        this.name = builder.name;
        this.format = builder.format != null ? builder.format : PayloadFormat.named(builder.name).orElseThrow(() ->
                new IllegalArgumentException("source '" + builder.name
                        + "' is not a built-in format name (generic, directus, s3, strapi): set its format"));
        this.hmacSecrets = List.copyOf(builder.hmacSecrets);
        this.tokenHeader = builder.tokenHeader;
        this.tokens = List.copyOf(builder.tokens);
        this.jwtSecrets = List.copyOf(builder.jwtSecrets);
        this.jwtMaxLifetime = builder.jwtMaxLifetime;
        this.publicBaseUrl = builder.publicBaseUrl;
        if (hmacSecrets.isEmpty() && tokens.isEmpty() && jwtSecrets.isEmpty()) {
            throw new IllegalArgumentException("source '" + name
                    + "' has no authentication: set HMAC secrets, a static token or JWT secrets");
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public PayloadFormat format() {
        return format;
    }

    List<String> hmacSecrets() {
        return hmacSecrets;
    }

    String tokenHeader() {
        return tokenHeader;
    }

    List<String> tokens() {
        return tokens;
    }

    List<String> jwtSecrets() {
        return jwtSecrets;
    }

    Duration jwtMaxLifetime() {
        return jwtMaxLifetime;
    }

    public URI publicBaseUrl() {
        return publicBaseUrl;
    }

    @Override
    public String toString() {
        return "SourceSettings[name=" + name + ", format=" + format + ", hmacSecrets=" + hmacSecrets.size()
                + ", tokenHeader=" + tokenHeader + ", tokens=" + tokens.size() + ", jwtSecrets=" + jwtSecrets.size()
                + ", publicBaseUrl=" + publicBaseUrl + "]";
    }

    public static final class Builder {
        private final String name;
        private PayloadFormat format;
        private final List<String> hmacSecrets = new ArrayList<>();
        private String tokenHeader;
        private final List<String> tokens = new ArrayList<>();
        private final List<String> jwtSecrets = new ArrayList<>();
        private Duration jwtMaxLifetime = io.enhancer.webhooks.signing.Hs256JwtVerifier.DEFAULT_MAX_LIFETIME;
        private URI publicBaseUrl;

        private Builder(String name) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("source name must match " + NAME.pattern() + ", got '" + name + "'");
            }
            this.name = name;
        }

        public Builder format(PayloadFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /** HMAC-SHA256 secrets for {@code X-Enhancer-Signature}; list old and new while rotating. */
        public Builder hmacSecrets(List<String> secrets) {
            hmacSecrets.addAll(nonBlank(secrets, "HMAC secret"));
            return this;
        }

        public Builder hmacSecrets(String... secrets) {
            return hmacSecrets(List.of(secrets));
        }

        /** A fixed token the sender puts in {@code header} (e.g. {@code X-Webhook-Token}, or {@code Authorization}). */
        public Builder staticToken(String header, List<String> acceptedTokens) {
            if (header == null || header.isBlank()) {
                throw new IllegalArgumentException("static token header must not be blank");
            }
            this.tokenHeader = header;
            tokens.addAll(nonBlank(acceptedTokens, "static token"));
            return this;
        }

        public Builder staticToken(String header, String... acceptedTokens) {
            return staticToken(header, List.of(acceptedTokens));
        }

        /** Secrets for short-lived HS256 JWTs in {@code Authorization: Bearer}. */
        public Builder jwtSecrets(List<String> secrets) {
            jwtSecrets.addAll(nonBlank(secrets, "JWT secret"));
            return this;
        }

        public Builder jwtSecrets(String... secrets) {
            return jwtSecrets(List.of(secrets));
        }

        public Builder jwtMaxLifetime(Duration maxLifetime) {
            this.jwtMaxLifetime = Objects.requireNonNull(maxLifetime, "jwtMaxLifetime");
            return this;
        }

        /** Base for relative asset URLs (Strapi's local uploads, Directus {@code /assets/<id>}). */
        public Builder publicBaseUrl(String baseUrl) {
            URI uri = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new IllegalArgumentException("public base URL must be http(s), got " + baseUrl);
            }
            this.publicBaseUrl = uri;
            return this;
        }

        public SourceSettings build() {
            return new SourceSettings(this);
        }

        private static List<String> nonBlank(List<String> values, String what) {
            for (String value : values) {
                if (value == null || value.isBlank()) {
                    throw new IllegalArgumentException(what + " must not be blank");
                }
            }
            return values;
        }
    }
}
