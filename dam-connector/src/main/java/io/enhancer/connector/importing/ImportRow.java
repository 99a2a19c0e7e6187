package io.enhancer.connector.importing;

/** One image to import, as in {@code {"images":[{"sku_id","image_url","product_group_id","image_type"}]}}. */
public record ImportRow(String skuId, String imageUrl, String productGroupId, String imageType) {}
