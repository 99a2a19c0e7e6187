package io.enhancer.connector.jobs;

import java.time.Instant;

/** A row of processing_jobs: a batch of images enhanced with the same options. */
public record BatchJob(String id, String status, Integer total, String optionsJson, String createdBy,
                       Instant createdAt, Instant updatedAt) {}
