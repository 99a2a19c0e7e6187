package io.enhancer.engine.pipeline.steps;

import io.enhancer.engine.options.CanvasOptions;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.RgbColor;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.Placement;
import io.enhancer.engine.pipeline.Step;
import io.enhancer.engine.pipeline.StepContext;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Puts the product on the standard canvas: trimmed to the product, scaled so its longer relative side fills
 * {@code fill} of the canvas, centred, and padded with the background colour to exactly the canvas size. The product
 * is never cropped: the trim box contains all of it. Without a canvas ({@code --no-canvas}) the frame is returned as
 * it is, because the caller asked to keep the product's own frame, margins included. The frame's placement gains the
 * trim box, the exact scale per axis (the rounded size over the box's) and the offset on the canvas.
 */
public final class StandardiseStep implements Step {
  /**
   * The report's view of where the input went on the canvas (fact {@code standardise_geometry}), in the coordinates
   * of this step's input. For people reading the report: code maps regions through the frame's {@link Placement},
   * which also undoes the enlargement before this step and keeps the scale exact per axis.
   *
   * @param cropX        left of the trim box in the input
   * @param cropY        top of the trim box in the input
   * @param cropWidth    trim box width in input pixels
   * @param cropHeight   trim box height in input pixels
   * @param scale        nominal scale factor applied to the trim box, rounded
   * @param scaledWidth  the trim box's width on the canvas (rounded)
   * @param scaledHeight the trim box's height on the canvas (rounded)
   * @param offsetX      left of the scaled box on the canvas
   * @param offsetY      top of the scaled box on the canvas
   * @param canvasWidth  canvas width
   * @param canvasHeight canvas height
   */
  public record Geometry(int cropX, int cropY, int cropWidth, int cropHeight, double scale, int scaledWidth,
                         int scaledHeight, int offsetX, int offsetY, int canvasWidth, int canvasHeight) {}

  @Override
  public String name() {
    return "standardise";
  }

  @Override
  public Frame apply(Frame input, StepContext context) {
    EnhanceOptions options = context.options();
    CanvasOptions canvas = options.canvas();
    if (canvas == null) return input;

    Rect box = CanvasFit.trimBox(input, options);
    double scale = CanvasFit.scale(box, options);
    int scaledWidth = clamp((int) Math.round(box.width * scale), 1, canvas.width());
    int scaledHeight = clamp((int) Math.round(box.height * scale), 1, canvas.height());
    int offsetX = (canvas.width() - scaledWidth) / 2;
    int offsetY = (canvas.height() - scaledHeight) / 2;
    context.notes().fact("standardise_geometry", new Geometry(box.x, box.y, box.width, box.height,
        Math.round(scale * 1e4) / 1e4, scaledWidth, scaledHeight, offsetX, offsetY, canvas.width(), canvas.height()));
    Placement move = Placement.cropped(box, scaledWidth, scaledHeight, offsetX, offsetY, canvas.width(),
        canvas.height());

    RgbColor bg = options.background();
    Scalar bgScalar = new Scalar(bg.b(), bg.g(), bg.r());
    Size scaled = new Size(scaledWidth, scaledHeight);
    Rect target = new Rect(offsetX, offsetY, scaledWidth, scaledHeight);

    Mat pixels = resize(input.bgr().submat(box), scaled, true);
    Mat bgr = new Mat(canvas.height(), canvas.width(), CvType.CV_8UC3, bgScalar);
    pixels.copyTo(bgr.submat(target));
    if (!input.hasMatte()) return input.moved(move, bgr, null);

    Mat matteScaled = resize(input.matte().submat(box), scaled, false);
    Mat matte = Mat.zeros(canvas.height(), canvas.width(), CvType.CV_8UC1);
    matteScaled.copyTo(matte.submat(target));
    if (!options.shadow()) {
      // Lanczos rings a little into the background; where the matte says background it must stay exactly that
      Mat background = new Mat();
      Core.compare(matte, new Scalar(0), background, Core.CMP_EQ);
      bgr.setTo(bgScalar, background);
    }
    return input.moved(move, bgr, matte);
  }

  /** Downscale by area averaging; the small upscales left after UpscaleStep use Lanczos (linear for the matte). */
  private static Mat resize(Mat source, Size size, boolean photo) {
    Mat out = new Mat();
    if (source.cols() == (int) size.width && source.rows() == (int) size.height) {
      source.copyTo(out);
      return out;
    }
    boolean shrinking = size.width < source.cols() || size.height < source.rows();
    int interpolation = shrinking ? Imgproc.INTER_AREA : photo ? Imgproc.INTER_LANCZOS4 : Imgproc.INTER_LINEAR;
    Imgproc.resize(source, out, size, 0, 0, interpolation);
    return out;
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
