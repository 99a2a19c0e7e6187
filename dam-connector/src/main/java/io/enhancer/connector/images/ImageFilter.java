package io.enhancer.connector.images;

/** Filters and page of GET /images; null fields do not filter. */
public record ImageFilter(String skuId, String productGroupId, String status, String qcStatus, int limit, int offset) {}
