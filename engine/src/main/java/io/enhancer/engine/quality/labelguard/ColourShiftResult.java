package io.enhancer.engine.quality.labelguard;

/**
 * How far the product's own colours moved, in CIEDE2000 units (1 ~ just noticeable, > 5 clearly different).
 *
 * @param meanDeltaE mean over product pixels
 * @param p95DeltaE  95th percentile over product pixels
 * @param pixels     how many (downscaled) pixels were compared
 * @param scope      {@code matte} when the product matte chose the pixels, {@code whole_frame} when none was known
 */
public record ColourShiftResult(double meanDeltaE, double p95DeltaE, int pixels, String scope) {}
