package io.enhancer.connector.jobs;

import io.enhancer.connector.presets.ResolvedOptions;
import java.time.Instant;
import java.util.Map;

/**
 * The Kafka message of one enhancement (topic enhancer.jobs, key = image id). The task id names this attempt at
 * the image; a rendition records its task id, which is how a redelivered task is recognised as done.
 *
 * @param batchId  null for single images (webhooks, inbox)
 * @param preset   preset name as asked for, or null to use the image's SKU / product group preset if any
 * @param options  request options on top of the preset (snake_case keys), as asked for
 * @param resolved the options the task runs with, resolved when it was queued; null only in tasks queued before
 *                 tasks carried them, which are resolved from {@code preset} and {@code options} when they run
 *                 (the asked-for fields stay, so a worker of that older version can still run a newer task)
 */
public record EnhancementTask(String taskId, long imageId, String batchId, String preset, Map<String, Object> options,
                              Instant enqueuedAt, ResolvedOptions resolved) {}
