package io.enhancer.engine.codec;

import org.opencv.core.Core;
import org.opencv.core.Mat;

/**
 * The eight EXIF orientations and how to turn stored pixels upright. Applied by the decoder itself (OpenCV reads with
 * IMREAD_IGNORE_ORIENTATION) so every format and both decode paths (OpenCV, ImageIO) behave the same.
 */
enum ExifOrientation {
  NORMAL(1), MIRROR_HORIZONTAL(2), ROTATE_180(3), MIRROR_VERTICAL(4),
  TRANSPOSE(5), ROTATE_90_CW(6), TRANSVERSE(7), ROTATE_90_CCW(8);

  private final int tagValue;

  ExifOrientation(int tagValue) {
    this.tagValue = tagValue;
  }

  int tagValue() {
    return tagValue;
  }

  static ExifOrientation of(int tagValue) {
    return tagValue >= 1 && tagValue <= 8 ? values()[tagValue - 1] : NORMAL;
  }

  boolean swapsWidthAndHeight() {
    return tagValue >= 5;
  }

  /** A new upright Mat, or the same instance for {@link #NORMAL}. */
  Mat upright(Mat stored) {
    if (this == NORMAL) return stored;
    Mat out = new Mat();
    switch (this) {
      case MIRROR_HORIZONTAL -> Core.flip(stored, out, 1);
      case ROTATE_180 -> Core.rotate(stored, out, Core.ROTATE_180);
      case MIRROR_VERTICAL -> Core.flip(stored, out, 0);
      case TRANSPOSE -> Core.transpose(stored, out);
      case ROTATE_90_CW -> Core.rotate(stored, out, Core.ROTATE_90_CLOCKWISE);
      case TRANSVERSE -> {
        Mat transposed = new Mat();
        Core.transpose(stored, transposed);
        Core.flip(transposed, out, -1);
        transposed.release();
      }
      case ROTATE_90_CCW -> Core.rotate(stored, out, Core.ROTATE_90_COUNTERCLOCKWISE);
      default -> throw new IllegalStateException(name());
    }
    return out;
  }
}
