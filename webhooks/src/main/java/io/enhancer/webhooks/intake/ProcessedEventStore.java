package io.enhancer.webhooks.intake;

import java.time.Instant;

/** Remembers which events were taken, so a redelivered webhook creates nothing. The connector backs it with MySQL. */
public interface ProcessedEventStore {
    /** Records the event; true only for the first caller with this (source, eventId), even under concurrency. */
    boolean recordIfNew(String source, String eventId, Instant receivedAt);

    /** Undoes {@link #recordIfNew} when the sink failed, so the sender's retry is not taken for a duplicate. */
    void forget(String source, String eventId);
}
