package io.enhancer.engine.api;

/** The encoded result as the report shows it. */
public record OutputInfo(int width, int height, long bytes, String format, int quality) {}
