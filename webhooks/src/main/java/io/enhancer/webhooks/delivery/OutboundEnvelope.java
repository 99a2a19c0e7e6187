package io.enhancer.webhooks.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body every receiver gets: {@code {"id":"<deliveryId>","type":"rendition.ready","created_at":"<ISO>",
 * "data":<payloadJson>}}. Identical bytes on every attempt; only the signature timestamp changes.
 */
final class OutboundEnvelope {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OutboundEnvelope() {
    }

    static JsonNode parsePayload(String payloadJson) {
        try {
            JsonNode data = JSON.readTree(payloadJson);
            if (data == null || !data.isObject()) {
                throw new IllegalArgumentException("payloadJson must be a JSON object");
            }
            return data;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payloadJson is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static byte[] body(OutboundEvent event) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("id", event.deliveryId());
        envelope.put("type", event.eventType());
        envelope.put("created_at", event.createdAt().toString());
        envelope.set("data", parsePayload(event.payloadJson()));
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("envelope serialisation failed", e);
        }
    }
}
