package io.enhancer.webhooks.intake;

import java.net.URI;
import java.time.Instant;

/** What an adapter needs besides the body: the source name, the receive time, and the base for relative URLs. */
record AdapterContext(String source, Instant receivedAt, URI publicBaseUrl) {

    /** An absolute http(s) URL as given, a relative one resolved against the base, or null. */
    String absoluteUrl(String url, String field) {
        if (url == null) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidPayloadException("field " + field + " is not a valid URL");
        }
        if (uri.isAbsolute()) {
            String scheme = uri.getScheme().toLowerCase();
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new InvalidPayloadException("field " + field + " must be an http or https URL");
            }
            return uri.toString();
        }
        return publicBaseUrl == null ? null : publicBaseUrl.resolve(uri).toString();
    }
}
