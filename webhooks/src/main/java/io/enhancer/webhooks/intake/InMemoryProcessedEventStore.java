package io.enhancer.webhooks.intake;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** For tests and single-process demos only: forgets everything on restart. */
public final class InMemoryProcessedEventStore implements ProcessedEventStore {
    private record Key(String source, String eventId) {
    }

    private final Map<Key, Instant> processed = new ConcurrentHashMap<>();

    @Override
    public boolean recordIfNew(String source, String eventId, Instant receivedAt) {
        return processed.putIfAbsent(new Key(source, eventId), receivedAt) == null;
    }

    @Override
    public void forget(String source, String eventId) {
        processed.remove(new Key(source, eventId));
    }

    public boolean contains(String source, String eventId) {
        return processed.containsKey(new Key(source, eventId));
    }

    public int size() {
        return processed.size();
    }
}
