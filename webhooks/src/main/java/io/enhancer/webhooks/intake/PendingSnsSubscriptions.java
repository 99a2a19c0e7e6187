package io.enhancer.webhooks.intake;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records subscription confirmations for an operator to act on; bounded so a noisy sender cannot grow it. */
public final class PendingSnsSubscriptions implements SnsSubscriptions {
    private static final int MAX_PENDING = 100;
    private final CopyOnWriteArrayList<SnsSubscriptionRequest> pending = new CopyOnWriteArrayList<>();

    @Override
    public boolean confirmationRequested(SnsSubscriptionRequest request) {
        pending.removeIf(existing -> existing.topicArn().equals(request.topicArn()));
        if (pending.size() >= MAX_PENDING) {
            pending.remove(0);
        }
        pending.add(request);
        return false;
    }

    public List<SnsSubscriptionRequest> pending() {
        return List.copyOf(pending);
    }
}
