package io.enhancer.engine.quality;

import io.enhancer.engine.options.RgbColor;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The QC rules, one short method each, listed in {@link #ALL} in the order their reasons are reported. Thresholds
 * were set on the GroceryStore packshots and Kodak24 with added blur, noise, darkening, casts and JPEG compression.
 */
final class QcRules {
  static final double WHITE_BORDER_EXPECTED = 0.95;
  static final double FILL_SLACK = 0.15;
  static final double MIN_FILL_WITHOUT_CANVAS = 0.5;
  /** Sharpness (noise-compensated LoG variance at 1 MP) below which detail is visibly missing. */
  static final double BLURRY = 0.25;
  static final double NOISY_SIGMA = 4;
  static final double DARK_MEAN = 80;
  static final double DARK_PRODUCT = 80;
  static final double DIM_BACKDROP_MEAN = 130;
  static final double CLIPPED_PRODUCT = 0.10;
  static final double CAST = 5;
  static final double BLOCKY = 1.35;
  static final int LOW_RESOLUTION_SIDE = 500;
  static final double FLAT_CONTRAST = 15;

  static final List<QcRule> ALL = List.of(
      QcRules::backgroundNotUniform,
      QcRules::productFill,
      QcRules::blurry,
      QcRules::noisy,
      QcRules::underexposed,
      QcRules::overexposed,
      QcRules::colourCast,
      QcRules::lowContrast,
      QcRules::jpegArtefacts,
      QcRules::lowResolutionSource);

  private QcRules() {}

  static Optional<QcRule.Penalty> backgroundNotUniform(QcRule.Subject s) {
    if (s.options().transparent()) return Optional.empty();
    if (s.options().background().equals(RgbColor.WHITE)) {
      double white = s.after().borderWhiteness();
      if (white >= WHITE_BORDER_EXPECTED) return Optional.empty();
      return penalty(Math.min(25, 5 + (WHITE_BORDER_EXPECTED - white) * 40),
          "background not uniform (%.0f %% of border is white)", 100 * white);
    }
    double flat = s.after().borderUniformity();
    if (flat >= WHITE_BORDER_EXPECTED) return Optional.empty();
    return penalty(Math.min(25, 5 + (WHITE_BORDER_EXPECTED - flat) * 40),
        "background not uniform (%.0f %% of border is one colour)", 100 * flat);
  }

  static Optional<QcRule.Penalty> productFill(QcRule.Subject s) {
    if (s.after().productBox() == null) return penalty(15, "no product found");
    double fill = s.after().productFill();
    double wanted = s.options().canvas() != null ? s.options().fill() - FILL_SLACK : MIN_FILL_WITHOUT_CANVAS;
    if (fill >= wanted) return Optional.empty();
    return penalty(Math.min(15, 3 + (wanted - fill) * 40), "product fills %.0f %% of the frame", 100 * fill);
  }

  static Optional<QcRule.Penalty> blurry(QcRule.Subject s) {
    double sharpness = s.after().sharpness();
    if (sharpness >= BLURRY) return Optional.empty();
    return penalty(15, "image blurry (sharpness %.2f, want >= %.2f)", sharpness, BLURRY);
  }

  static Optional<QcRule.Penalty> noisy(QcRule.Subject s) {
    double sigma = s.after().noiseSigma();
    if (sigma < NOISY_SIGMA) return Optional.empty();
    return penalty(Math.min(20, 5 + 2 * (sigma - NOISY_SIGMA)), "noisy (noise sigma %.1f)", sigma);
  }

  static Optional<QcRule.Penalty> underexposed(QcRule.Subject s) {
    ImageMetrics m = s.after();
    // A dark product is fine on a bright backdrop (a black shoe on white); dark everywhere is not.
    boolean darkFrame = m.meanLuma() < DARK_MEAN;
    boolean darkProductOnDimBackdrop = m.productLuma() < DARK_PRODUCT && m.meanLuma() < DIM_BACKDROP_MEAN;
    if (!darkFrame && !darkProductOnDimBackdrop) return Optional.empty();
    return penalty(Math.min(20, 8 + Math.max(0, DARK_PRODUCT - m.productLuma()) / 3),
        "underexposed (mean luma %.0f, product %.0f)", m.meanLuma(), m.productLuma());
  }

  static Optional<QcRule.Penalty> overexposed(QcRule.Subject s) {
    double clipped = s.after().clippedHighlights();
    if (clipped < CLIPPED_PRODUCT) return Optional.empty();
    return penalty(Math.min(15, 5 + 50 * (clipped - CLIPPED_PRODUCT)),
        "overexposed (%.0f %% of product clipped)", 100 * clipped);
  }

  static Optional<QcRule.Penalty> colourCast(QcRule.Subject s) {
    double cast = s.after().colourCast();
    if (cast < CAST) return Optional.empty();
    return penalty(Math.min(15, cast), "colour cast (chroma %.1f in neutral areas)", cast);
  }

  static Optional<QcRule.Penalty> lowContrast(QcRule.Subject s) {
    double contrast = s.after().contrast();
    if (contrast >= FLAT_CONTRAST) return Optional.empty();
    return penalty(5, "low contrast (luma sd %.0f)", contrast);
  }

  /** Judged on the source: once resized, the 8x8 grid no longer lines up, but the damage is still there. */
  static Optional<QcRule.Penalty> jpegArtefacts(QcRule.Subject s) {
    double blocks = Math.max(s.before().blockiness(), sameSize(s) ? s.after().blockiness() : 0);
    if (blocks < BLOCKY) return Optional.empty();
    return penalty(Math.min(15, 5 + 20 * (blocks - BLOCKY)), "JPEG artefacts (block edges %.1fx stronger)", blocks);
  }

  static Optional<QcRule.Penalty> lowResolutionSource(QcRule.Subject s) {
    ImageMetrics b = s.before();
    int shorter = Math.min(b.width(), b.height());
    if (shorter >= LOW_RESOLUTION_SIDE) return Optional.empty();
    return penalty(shorter < LOW_RESOLUTION_SIDE / 2 ? 12 : 6, "low resolution source (%dx%d)", b.width(), b.height());
  }

  private static boolean sameSize(QcRule.Subject s) {
    return s.before().width() == s.after().width() && s.before().height() == s.after().height();
  }

  private static Optional<QcRule.Penalty> penalty(double points, String format, Object... args) {
    return Optional.of(new QcRule.Penalty(String.format(Locale.ROOT, format, args), points));
  }
}
