package io.enhancer.engine.api;

/**
 * The encoded result as the report shows it.
 *
 * @param fitsTarget false when a size target was set and even the quality floor could not meet it
 */
public record OutputInfo(int width, int height, long bytes, String format, int quality, boolean fitsTarget) {}
