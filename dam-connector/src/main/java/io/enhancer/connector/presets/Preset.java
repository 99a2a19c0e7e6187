package io.enhancer.connector.presets;

import java.time.Instant;

/**
 * A row of enhancement_configs: named options for a category, SKU or product group.
 *
 * @param version 1 when created, one more on every update; jobs record the version they were resolved from
 */
public record Preset(Long id, String name, String category, String skuId, String productGroupId, String optionsJson,
                     Integer version, Instant createdAt, Instant updatedAt) {}
