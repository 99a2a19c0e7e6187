package io.enhancer.connector.images;

import java.util.List;

/** One page of a listing. */
public record Page<T>(List<T> items, long total, int limit, int offset) {}
