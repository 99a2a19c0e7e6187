package io.enhancer.webhooks.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.enhancer.webhooks.signing.SnsMessageVerifier;
import java.util.Locale;
import java.util.Optional;

/** The payload shapes the intake understands; a source's format defaults to the one with its name. */
public enum PayloadFormat {
    GENERIC, DIRECTUS, S3, STRAPI;

    PayloadAdapter adapter(ObjectMapper json, SnsMessageVerifier sns) {
        return switch (this) {
            case GENERIC -> new GenericAdapter();
            case DIRECTUS -> new DirectusAdapter();
            case S3 -> new S3Adapter(json, sns);
            case STRAPI -> new StrapiAdapter();
        };
    }

    static Optional<PayloadFormat> named(String sourceName) {
        for (PayloadFormat format : values()) {
            if (format.name().toLowerCase(Locale.ROOT).equals(sourceName)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
