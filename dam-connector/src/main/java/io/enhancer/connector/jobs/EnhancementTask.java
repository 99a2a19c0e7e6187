package io.enhancer.connector.jobs;

import java.time.Instant;
import java.util.Map;

/**
 * The Kafka message of one enhancement (topic enhancer.jobs, key = image id). The task id names this attempt at
 * the image; a rendition records its task id, which is how a redelivered task is recognised as done.
 *
 * @param batchId null for single images (webhooks, inbox)
 * @param preset  preset name, or null to use the image's SKU / product group preset if any
 * @param options request options on top of the preset (snake_case keys)
 */
public record EnhancementTask(String taskId, long imageId, String batchId, String preset, Map<String, Object> options,
                              Instant enqueuedAt) {}
