package io.enhancer.engine.options;

import io.enhancer.engine.errors.InvalidOptionsException;

/**
 * Everything one enhancement may be asked to do. Immutable and validated on construction; parsed once at the edge
 * (CLI, REST, preset) through the {@link OptionCatalogue}, which holds every option's name, bounds and default.
 * Build with {@link #builder()}.
 *
 * @param mode                 which steps run
 * @param removeBackground     true/false forces; null lets the mode decide (auto: from the analysis, full: yes)
 * @param background           colour the product is composited on
 * @param transparent          keep the background transparent (PNG/WebP only)
 * @param canvas               output canvas, or null to keep the product's own frame (--no-canvas)
 * @param fill                 share of the canvas the product's longer side fills, 0.3..1.0
 * @param maxScale             largest upscale factor allowed, 1..8 (a ceiling)
 * @param scale                enlarge by exactly this factor, 1..8, or null to let the canvas / minimum size decide
 * @param targetMinDimension   without a canvas, upscale until the shorter side reaches this (0 = leave size alone)
 * @param targetKb             largest output file in KiB, or null for a fixed quality
 * @param quality              encoder quality 1..100 when no target is set (and the ceiling of the search)
 * @param format               output format
 * @param shadow               add a soft contact shadow under the product
 * @param autoApproveThreshold QC score above which the result is auto-approved
 * @param preset               name of the preset these options came from, or null
 * @param labelGuard           read label text and codes before and after (OCR + barcodes) wherever text is detected;
 *                             a loss blocks approval. On by default; false opts out (no {@code label_guard} entry)
 * @param protectText          text and code regions get classical (Lanczos) pixels only, never model-made ones
 */
public record EnhanceOptions(
    Mode mode,
    Boolean removeBackground,
    RgbColor background,
    boolean transparent,
    CanvasOptions canvas,
    double fill,
    double maxScale,
    Double scale,
    int targetMinDimension,
    Integer targetKb,
    int quality,
    OutputFormat format,
    boolean shadow,
    double autoApproveThreshold,
    String preset,
    boolean labelGuard,
    boolean protectText) {

  public EnhanceOptions {
    if (mode == null) throw new InvalidOptionsException("mode is required");
    if (background == null) throw new InvalidOptionsException("background is required");
    if (format == null) throw new InvalidOptionsException("format is required");
    OptionCatalogue.FILL.check(fill);
    OptionCatalogue.MAX_SCALE.check(maxScale);
    if (scale != null) OptionCatalogue.SCALE.check(scale);
    OptionCatalogue.TARGET_MIN_DIMENSION.check(targetMinDimension);
    if (targetKb != null) OptionCatalogue.TARGET_KB.check(targetKb);
    OptionCatalogue.QUALITY.check(quality);
    if (transparent && format == OutputFormat.JPEG) {
      throw new InvalidOptionsException("a transparent background needs format png or webp, got jpeg");
    }
    OptionCatalogue.AUTO_APPROVE_THRESHOLD.check(autoApproveThreshold);
  }

  public static EnhanceOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.mode = mode;
    b.removeBackground = removeBackground;
    b.background = background;
    b.transparent = transparent;
    b.canvas = canvas;
    b.fill = fill;
    b.maxScale = maxScale;
    b.scale = scale;
    b.targetMinDimension = targetMinDimension;
    b.targetKb = targetKb;
    b.quality = quality;
    b.format = format;
    b.shadow = shadow;
    b.autoApproveThreshold = autoApproveThreshold;
    b.preset = preset;
    b.labelGuard = labelGuard;
    b.protectText = protectText;
    return b;
  }

  /** Whether the step set of this mode includes the given stage. OPTIMIZE only standardises and compresses. */
  public boolean runs(Stage stage) {
    return switch (mode) {
      case AUTO, FULL -> true;
      case SHARPEN -> stage == Stage.SHARPEN;
      case DENOISE -> stage == Stage.DENOISE;
      case UPSCALE -> stage == Stage.UPSCALE;
      case OPTIMIZE -> false;
    };
  }

  /** Stages whose running depends on the mode. Decode, analyse, standardise, encode and QC always run. */
  public enum Stage { REMOVE_BACKGROUND, LIGHT_AND_COLOUR, DENOISE, UPSCALE, SHARPEN }

  public static final class Builder {
    private Mode mode;
    private Boolean removeBackground;
    private RgbColor background;
    private boolean transparent;
    private CanvasOptions canvas;
    private double fill;
    private double maxScale;
    private Double scale;
    private int targetMinDimension;
    private Integer targetKb;
    private int quality;
    private OutputFormat format;
    private boolean shadow;
    private double autoApproveThreshold;
    private String preset;
    private boolean labelGuard = true;
    private boolean protectText;

    /** Every option at its default from the {@link OptionCatalogue}. */
    private Builder() {
      OptionCatalogue.applyDefaults(this);
    }

    public Builder mode(Mode v) { mode = v; return this; }
    public Builder removeBackground(Boolean v) { removeBackground = v; return this; }
    public Builder background(RgbColor v) { background = v; return this; }
    public Builder transparent(boolean v) { transparent = v; return this; }
    public Builder canvas(CanvasOptions v) { canvas = v; return this; }
    public Builder fill(double v) { fill = v; return this; }
    public Builder maxScale(double v) { maxScale = v; return this; }
    public Builder scale(Double v) { scale = v; return this; }
    public Builder targetMinDimension(int v) { targetMinDimension = v; return this; }
    public Builder targetKb(Integer v) { targetKb = v; return this; }
    public Builder quality(int v) { quality = v; return this; }
    public Builder format(OutputFormat v) { format = v; return this; }
    public Builder shadow(boolean v) { shadow = v; return this; }
    public Builder autoApproveThreshold(double v) { autoApproveThreshold = v; return this; }
    public Builder preset(String v) { preset = v; return this; }
    public Builder labelGuard(boolean v) { labelGuard = v; return this; }
    public Builder protectText(boolean v) { protectText = v; return this; }

    /** The format set so far (a transparent request switches a JPEG default to PNG). */
    OutputFormat currentFormat() {
      return format;
    }

    public EnhanceOptions build() {
      return new EnhanceOptions(mode, removeBackground, background, transparent, canvas, fill, maxScale, scale,
          targetMinDimension, targetKb, quality, format, shadow, autoApproveThreshold, preset, labelGuard, protectText);
    }
  }
}
