package io.enhancer.connector.review;

import java.time.Instant;

public record ReviewLog(Long id, Long imageId, String reviewerId, String decision, String previousQcStatus,
                        String reworkPreset, String notes, Instant createdAt) {}
