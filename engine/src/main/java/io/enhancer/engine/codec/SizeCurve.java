package io.enhancer.engine.codec;

import java.util.function.IntToDoubleFunction;

/**
 * How one encoder's file size grows with quality, as a prior for {@link SizeTargetSearch}: within a regime,
 * {@code ln(size)} is close to linear in {@code position(quality)} with a slope near {@code typicalSlope}; only the
 * offset (how busy the image is) and the exact slope vary per image, and the trial encodes measure those. From
 * {@code regimeFrom} up the encoder switches settings (JPEG: 4:4:4 chroma), so sizes there sit about
 * {@code regimeJump} times above the lower curve and points on either side are not interpolated across.
 *
 * @param position     increasing in quality; ln(size) is near linear in it within a regime
 * @param typicalSlope d ln(size) / d position on typical photos, used until two trials in a regime give the real one
 * @param regimeFrom   first quality of the upper regime, or 101 for a single regime
 * @param regimeJump   typical size ratio between the regimes at the switch (1 when there is none)
 */
public record SizeCurve(IntToDoubleFunction position, double typicalSlope, int regimeFrom, double regimeJump) {
  private static final int NO_REGIME_SWITCH = 101;

  public SizeCurve {
    if (position == null) throw new IllegalArgumentException("position must be given");
    if (!(typicalSlope > 0)) throw new IllegalArgumentException("typical slope must be positive, got " + typicalSlope);
    if (regimeFrom < 2 || regimeFrom > NO_REGIME_SWITCH) {
      throw new IllegalArgumentException("regime switch must be at quality 2..100 (101 for none), got " + regimeFrom);
    }
    if (!(regimeJump >= 1)) throw new IllegalArgumentException("regime jump must be >= 1, got " + regimeJump);
  }

  /**
   * libjpeg's quality scaling: the quantisation tables are multiplied by 5000/q (q < 50) or 200 - 2q, and ln(size)
   * is linear in -ln(that factor) to within ~3 % over q30-89 (slopes 0.45-0.71 on Kodak24 and GroceryStore canvases,
   * 0.5 fits best). From {@code fullChromaFrom} the encoder writes 4:4:4, measured 1.23-1.41 times the 4:2:0 size.
   */
  public static SizeCurve jpeg(int fullChromaFrom) {
    return new SizeCurve(SizeCurve::libjpegPosition, 0.5, fullChromaFrom, 1.3);
  }

  /**
   * libwebp maps quality c to a quantiser index 127 (1 - v), v = cbrt(2c/3) below c = 0.75 and cbrt(2c - 1) above;
   * ln(size) is near linear in -ln(1 - v) over q30-95 (slopes 0.55-0.92 on the same canvases, 0.65 fits best).
   */
  public static SizeCurve webp() {
    return new SizeCurve(SizeCurve::libwebpPosition, 0.65, NO_REGIME_SWITCH, 1);
  }

  /** For an encoder we know nothing about: libjpeg's shape, the most common quality scale. */
  public static SizeCurve generic() {
    return new SizeCurve(SizeCurve::libjpegPosition, 0.5, NO_REGIME_SWITCH, 1);
  }

  boolean upperRegime(int quality) {
    return quality >= regimeFrom;
  }

  private static double libjpegPosition(int quality) {
    double scale = quality < 50 ? 5000.0 / quality : 200.0 - 2.0 * quality;
    return -Math.log(Math.max(scale, 1.0)); // libjpeg clamps table entries at 1, so q100 behaves like q99.5
  }

  private static double libwebpPosition(int quality) {
    double c = quality / 100.0;
    double linear = c < 0.75 ? c * (2.0 / 3.0) : 2.0 * c - 1.0;
    return -Math.log(Math.max(1.0 - Math.cbrt(linear), 1e-3)); // q100 would be log(0): it is lossless-like anyway
  }
}
