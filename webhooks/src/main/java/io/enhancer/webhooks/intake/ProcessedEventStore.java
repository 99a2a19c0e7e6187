package io.enhancer.webhooks.intake;

public interface ProcessedEventStore { boolean recordIfNew(String source, String eventId, java.time.Instant receivedAt); void forget(String source, String eventId); }
