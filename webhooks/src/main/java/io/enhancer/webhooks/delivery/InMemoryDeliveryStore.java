package io.enhancer.webhooks.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** For unit tests only: one lock around two maps. Share one instance between dispatchers to simulate a restart. */
public final class InMemoryDeliveryStore implements DeliveryStore {
    private final Map<DeliveryKey, Delivery> deliveries = new LinkedHashMap<>();
    private final Map<DeliveryKey, List<DeliveryAttempt>> attempts = new HashMap<>();

    @Override
    public synchronized boolean create(Delivery delivery) {
        return deliveries.putIfAbsent(delivery.key(), delivery) == null;
    }

    @Override
    public synchronized Optional<Delivery> find(DeliveryKey key) {
        return Optional.ofNullable(deliveries.get(key));
    }

    @Override
    public synchronized List<Delivery> findDue(Instant now, int limit) {
        return deliveries.values().stream()
                .filter(d -> d.state() == DeliveryState.PENDING && !d.nextAttemptAt().isAfter(now))
                .sorted(Comparator.comparing(Delivery::nextAttemptAt))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized boolean claim(DeliveryKey key, int expectedAttempts, Instant now, Instant leaseUntil) {
        Delivery current = deliveries.get(key);
        if (current == null || current.state() != DeliveryState.PENDING || current.attempts() != expectedAttempts
                || current.nextAttemptAt().isAfter(now)) {
            return false;
        }
        deliveries.put(key, new Delivery(current.event(), current.endpoint(), DeliveryState.PENDING,
                current.attempts(), leaseUntil, now));
        return true;
    }

    @Override
    public synchronized void recordAttempt(DeliveryAttempt attempt, Delivery updated) {
        attempts.computeIfAbsent(attempt.key(), k -> new ArrayList<>()).add(attempt);
        deliveries.put(updated.key(), updated);
    }

    @Override
    public synchronized List<DeliveryAttempt> attempts(DeliveryKey key) {
        return List.copyOf(attempts.getOrDefault(key, List.of()));
    }

    @Override
    public synchronized List<Delivery> findByState(DeliveryState state, int limit) {
        return deliveries.values().stream()
                .filter(d -> d.state() == state)
                .sorted(Comparator.comparing(Delivery::updatedAt).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized boolean redeliver(DeliveryKey key, Instant at) {
        Delivery current = deliveries.get(key);
        if (current == null || current.state() == DeliveryState.PENDING) {
            return false;
        }
        deliveries.put(key, new Delivery(current.event(), current.endpoint(), DeliveryState.PENDING, 0, at, at));
        return true;
    }
}
