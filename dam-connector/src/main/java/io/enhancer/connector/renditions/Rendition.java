package io.enhancer.connector.renditions;

import java.time.Instant;

/** One enhanced variant of an image; several per image, numbered by version, at most one selected. */
public record Rendition(Long id, Long imageId, Integer version, String taskId, String storageKey, String mediaType,
                        Integer width, Integer height, Long bytes, Double qcScore, String qcStatus, String preset,
                        Boolean selected, Instant createdAt) {}
