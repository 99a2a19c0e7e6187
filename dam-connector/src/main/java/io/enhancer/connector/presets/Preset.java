package io.enhancer.connector.presets;

import java.time.Instant;

/** A row of enhancement_configs: named options for a category, SKU or product group. */
public record Preset(Long id, String name, String category, String skuId, String productGroupId, String optionsJson,
                     Instant createdAt, Instant updatedAt) {}
