package io.enhancer.engine.limits;

import io.enhancer.engine.errors.InvalidOptionsException;
import java.time.Duration;

/**
 * Explicit limits on what one enhancement may consume. Bytes and pixels are checked from the header before any
 * pixel is decoded; the time limit is checked between pipeline steps.
 */
public record ImageLimits(long maxBytes, long maxPixels, Duration timeout) {

  public static final ImageLimits DEFAULT = new ImageLimits(50L * 1024 * 1024, 50_000_000L, Duration.ofSeconds(120));

  public ImageLimits {
    if (maxBytes < 1) throw new InvalidOptionsException("max_bytes must be positive, got " + maxBytes);
    if (maxPixels < 1) throw new InvalidOptionsException("max_pixels must be positive, got " + maxPixels);
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new InvalidOptionsException("timeout must be positive, got " + timeout);
    }
  }
}
