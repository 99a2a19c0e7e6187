package io.enhancer.connector.renditions;

import java.time.Instant;

/**
 * One enhanced variant of an image; several per image, numbered by version, at most one selected.
 *
 * @param preset        the preset its options came from, or null
 * @param presetVersion that preset's version when the rendition's task was queued (0 for a built-in preset); null
 *                      without a preset and for renditions made before versions were recorded
 */
public record Rendition(Long id, Long imageId, Integer version, String taskId, String storageKey, String mediaType,
                        Integer width, Integer height, Long bytes, Double qcScore, String qcStatus, String preset,
                        Integer presetVersion, Boolean selected, Instant createdAt) {}
