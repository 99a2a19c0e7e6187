package io.enhancer.webhooks.delivery;

import io.enhancer.webhooks.signing.WebhookSecret;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A receiver the operator configured. Every secret signs each request (one {@code v1} per secret), so a receiver
 * can rotate by accepting the new secret before the old one is removed here.
 */
public record WebhookEndpoint(String name, URI url, List<WebhookSecret> secrets, Set<String> eventTypes) {

    public WebhookEndpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("endpoint name must be 1..64 of [A-Za-z0-9_.-], got '" + name + "'");
        }
        if (!url.isAbsolute() || url.getHost() == null || url.getRawUserInfo() != null
                || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
            throw new IllegalArgumentException("endpoint " + name + " needs an absolute http(s) URL with a host and"
                    + " no credentials, got " + url);
        }
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("endpoint " + name + " needs at least one signing secret");
        }
        secrets = List.copyOf(secrets);
        eventTypes = eventTypes == null || eventTypes.isEmpty() ? OutboundEvent.TYPES : Set.copyOf(eventTypes);
        for (String type : eventTypes) {
            if (!OutboundEvent.TYPES.contains(type)) {
                throw new IllegalArgumentException("endpoint " + name + " subscribes to unknown event type '" + type
                        + "', known: " + OutboundEvent.TYPES);
            }
        }
    }

    /** An endpoint for every event type, signed with the given secrets. */
    public static WebhookEndpoint of(String name, String url, String... secrets) {
        return new WebhookEndpoint(name, URI.create(url), WebhookSecret.all(List.of(secrets)), Set.of());
    }

    public boolean subscribesTo(String eventType) {
        return eventTypes.contains(eventType);
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[name=" + name + ", url=" + url + ", secrets=" + secrets.size() + ", eventTypes="
                + eventTypes + "]";
    }
}
