package io.enhancer.webhooks.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** A JSON node that knows its dotted path, so every validation error names the field (e.g. {@code asset.id}). */
record PayloadNode(JsonNode node, String path) {

    static PayloadNode root(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidPayloadException("body must be a JSON object");
        }
        return new PayloadNode(node, "");
    }

    private String child(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The dotted path of a child field, for error messages. */
    String fieldPath(String name) {
        return child(name);
    }

    PayloadNode requireObject() {
        if (node == null || !node.isObject()) {
            throw new InvalidPayloadException("field " + (path.isEmpty() ? "body" : path) + " must be a JSON object");
        }
        return this;
    }

    boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    PayloadNode object(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw InvalidPayloadException.missing(child(name));
        }
        if (!value.isObject()) {
            throw new InvalidPayloadException("field " + child(name) + " must be an object");
        }
        return new PayloadNode(value, child(name));
    }

    List<PayloadNode> array(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw InvalidPayloadException.missing(child(name));
        }
        if (!value.isArray()) {
            throw new InvalidPayloadException("field " + child(name) + " must be an array");
        }
        List<PayloadNode> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = child(name) + "[" + i + "]";
            if (!item.isObject()) {
                throw new InvalidPayloadException("field " + itemPath + " must be an object");
            }
            items.add(new PayloadNode(item, itemPath));
        }
        return items;
    }

    /** A non-blank string; numbers are accepted as ids (Strapi uses numeric ids). */
    String text(String name) {
        String value = optionalText(name);
        if (value == null) {
            throw InvalidPayloadException.missing(child(name));
        }
        return value;
    }

    String optionalText(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() && !value.isIntegralNumber()) {
            throw new InvalidPayloadException("field " + child(name) + " must be a string");
        }
        String text = value.asText().trim();
        if (text.isEmpty()) {
            throw new InvalidPayloadException("field " + child(name) + " must not be blank");
        }
        if (text.length() > 2048) {
            throw new InvalidPayloadException("field " + child(name) + " is longer than 2048 characters");
        }
        return text;
    }

    /** An ISO-8601 instant with offset, or null when absent. */
    Instant optionalInstant(String name) {
        String text = optionalText(name);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidPayloadException("field " + child(name) + " must be an ISO-8601 timestamp with offset");
        }
    }
}
