package io.enhancer.engine.pipeline.steps;

import io.enhancer.engine.models.SuperResolver;
import io.enhancer.engine.models.superres.LanczosResolver;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.EnhanceOptions.Stage;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.Placement;
import io.enhancer.engine.pipeline.Step;
import io.enhancer.engine.pipeline.StepContext;
import java.util.List;
import java.util.Objects;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * Enlarges a product that would otherwise be stretched later: with a canvas, until the product's box fits
 * {@code fill} of it; without one, until the shorter side reaches {@code targetMinDimension}. The factor is capped by
 * {@code maxScale} and by an output-size ceiling; below {@value #MIN_WORTHWHILE_FACTOR}x the step does nothing (the
 * canvas fit handles small stretches). The matte follows with bilinear interpolation; the frame's placement records
 * the exact scale per axis (the resolver's output size over the input's).
 */
public final class UpscaleStep implements Step {
  static final double MIN_WORTHWHILE_FACTOR = 1.1;
  /** Keeps the working image (and memory) bounded whatever the product-to-frame ratio: 40 MP of 8-bit BGR = 120 MB. */
  static final double MAX_OUTPUT_PIXELS = 40e6;
  /** Upscaled detail is invented, so QC loses this many points per 1x of factor above {@value #PENALTY_FREE_FACTOR}x. */
  static final double PENALTY_PER_FACTOR = 5;
  static final double PENALTY_FREE_FACTOR = 1.5;
  static final double MAX_PENALTY = 15;

  private final SuperResolver resolver;

  public UpscaleStep() {
    this(new LanczosResolver());
  }

  public UpscaleStep(SuperResolver resolver) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  @Override
  public String name() {
    return "upscale";
  }

  @Override
  public Frame apply(Frame input, StepContext context) {
    EnhanceOptions options = context.options();
    if (!options.runs(Stage.UPSCALE)) return input;
    double ceiling = Math.sqrt(MAX_OUTPUT_PIXELS / ((double) input.width() * input.height()));
    // an explicit scale is what the user asked for; otherwise only as far as the canvas needs, up to max_scale
    double factor = options.scale() != null ? Math.min(options.scale(), ceiling)
        : Math.min(Math.min(options.maxScale(), neededFactor(input, context)), ceiling);
    if (factor < MIN_WORTHWHILE_FACTOR) return input;

    Mat bgr = resolver.upscale(input.bgr(), factor);
    if (options.protectText() && !(resolver instanceof LanczosResolver)) {
      bgr = ProtectedRegions.classicalInText(input.bgr(), bgr, factor, context.notes());
    }
    Mat matte = null;
    if (input.hasMatte()) {
      matte = new Mat();
      Imgproc.resize(input.matte(), matte, bgr.size(), 0, 0, Imgproc.INTER_LINEAR);
    }
    // for the report only: later steps read the exact per-axis scale from the frame's placement
    context.notes().fact("upscale_factor", Math.round(factor * 100) / 100.0);
    context.notes().fact("upscaler", resolver.name());
    context.notes().fact("upscaled_size", List.of(bgr.cols(), bgr.rows()));
    if (factor >= 2) {
      double penalty = Math.min(MAX_PENALTY, PENALTY_PER_FACTOR * (factor - PENALTY_FREE_FACTOR));
      context.notes().penalty(String.format(java.util.Locale.ROOT, "source upscaled %.1fx", factor), penalty);
    }
    return input.moved(Placement.resized(input.width(), input.height(), bgr.cols(), bgr.rows()), bgr, matte);
  }

  /**
   * How much larger the frame must get for the product to reach its size on the canvas (the same box and formula the
   * standardise step will use, so its own scale comes out at 1); 1 or less means big enough.
   */
  static double neededFactor(Frame frame, StepContext context) {
    EnhanceOptions options = context.options();
    if (options.canvas() == null) {
      if (options.targetMinDimension() == 0) return 1;
      return options.targetMinDimension() / (double) Math.min(frame.width(), frame.height());
    }
    return CanvasFit.scale(CanvasFit.trimBox(frame, options), options);
  }
}
