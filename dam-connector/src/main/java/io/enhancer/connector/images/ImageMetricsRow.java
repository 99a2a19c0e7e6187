package io.enhancer.connector.images;

import java.time.Instant;

/** Key measurements before and after one enhancement, plus the engine's full report as JSON text. */
public record ImageMetricsRow(Long id, Long imageId, Long renditionId, Integer widthBefore, Integer heightBefore,
                              Integer widthAfter, Integer heightAfter, Double sharpnessBefore, Double sharpnessAfter,
                              Double noiseBefore, Double noiseAfter, Double contrastBefore, Double contrastAfter,
                              Double processingMs, String reportJson, Instant createdAt) {}
