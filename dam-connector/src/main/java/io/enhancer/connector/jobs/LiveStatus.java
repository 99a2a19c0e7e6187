package io.enhancer.connector.jobs;

import java.time.Instant;

/** The short-lived view of a task in flight (Redis or in-process); MySQL stays the source of truth. */
public record LiveStatus(long imageId, String taskId, String state, String stage, String message, Instant at) {}
