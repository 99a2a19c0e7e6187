package io.enhancer.engine.pipeline.steps;

/** The sRGB transfer curve: gains that model light (white balance, exposure) act on linear values. */
final class SrgbCurve {
  private static final double[] LINEAR = new double[256];

  static {
    for (int v = 0; v < 256; v++) LINEAR[v] = toLinearExact(v / 255.0);
  }

  private SrgbCurve() {}

  /** Linear light 0..1 of an 8-bit encoded value. */
  static double toLinear(int encoded8) {
    return LINEAR[encoded8];
  }

  static double toLinearExact(double encoded) {
    return encoded <= 0.04045 ? encoded / 12.92 : Math.pow((encoded + 0.055) / 1.055, 2.4);
  }

  /** Encoded 0..1 of a linear value (clipped to 0..1). */
  static double toEncoded(double linear) {
    double v = Math.max(0, Math.min(1, linear));
    return v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
  }

  static int toByte(double linear) {
    return (int) Math.round(255 * toEncoded(linear));
  }
}
