package io.enhancer.webhooks.intake;

import java.util.List;

/** What a payload adapter made of a verified body. */
sealed interface AdapterResult {
    /** One or more asset events to record and hand on. */
    record Events(List<AssetEvent> events) implements AdapterResult {
        public Events {
            if (events.isEmpty()) {
                throw new IllegalArgumentException("use Ignored for a payload without events");
            }
            events = List.copyOf(events);
        }
    }

    /** A valid payload that carries nothing for us (non-image, unsupported event type). */
    record Ignored(String reason) implements AdapterResult {
    }

    /** An SNS subscription that an operator (or a host that allows it) must confirm. */
    record SubscriptionConfirmation(SnsSubscriptionRequest request) implements AdapterResult {
    }
}
