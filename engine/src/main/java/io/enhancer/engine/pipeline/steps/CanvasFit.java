package io.enhancer.engine.pipeline.steps;

import io.enhancer.engine.options.CanvasOptions;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.RgbColor;
import io.enhancer.engine.pipeline.Frame;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Where the product is in a frame and how much the canvas wants it scaled: one answer for the upscale step, which
 * enlarges ahead of the canvas, and the standardise step, which places it. When the two disagreed (the upscale step
 * used the analysis' box of the original photo, standardise the matte's), the model's output was enlarged too far
 * and resampled down again, or not far enough and stretched by Lanczos afterwards.
 */
final class CanvasFit {
  /** Pixels differing from the background by more than this (any channel) belong to the product. */
  private static final int DIFFERENCE_THRESHOLD = 12;
  /** Alpha above this is product, soft edges included: the product is never cropped. */
  private static final int MATTE_THRESHOLD = 8;

  private CanvasFit() {}

  /** The scale that makes {@code box}'s longer relative side fill {@code fill} of the canvas. */
  static double scale(Rect box, EnhanceOptions options) {
    CanvasOptions canvas = options.canvas();
    return options.fill() * Math.min(canvas.width() / (double) box.width, canvas.height() / (double) box.height);
  }

  /** The product's box: from the matte when known (plus the shadow, if any), else from pixels unlike the background. */
  static Rect trimBox(Frame input, EnhanceOptions options) {
    Rect whole = new Rect(0, 0, input.width(), input.height());
    Rect differing = differingBox(input.bgr(), options.background());
    if (input.hasMatte()) {
      Mat product = new Mat();
      Imgproc.threshold(input.matte(), product, MATTE_THRESHOLD, 255, Imgproc.THRESH_BINARY);
      Rect matteBox = boundingBox(product);
      if (matteBox != null) return options.shadow() && differing != null ? union(matteBox, differing) : matteBox;
    }
    return differing != null ? differing : whole;
  }

  private static Rect differingBox(Mat bgr, RgbColor colour) {
    Mat diff = new Mat();
    Core.absdiff(bgr, new Scalar(colour.b(), colour.g(), colour.r()), diff);
    Mat channelMax = new Mat();
    Mat tmp = new Mat();
    Core.extractChannel(diff, channelMax, 0);
    for (int ch = 1; ch < 3; ch++) {
      Core.extractChannel(diff, tmp, ch);
      Core.max(channelMax, tmp, channelMax);
    }
    Mat differs = new Mat();
    Imgproc.threshold(channelMax, differs, DIFFERENCE_THRESHOLD, 255, Imgproc.THRESH_BINARY);
    // single stray pixels (dust, compression noise) must not widen the box
    Imgproc.morphologyEx(differs, differs, Imgproc.MORPH_OPEN,
        Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3)));
    return boundingBox(differs);
  }

  private static Rect boundingBox(Mat binary) {
    MatOfPoint points = new MatOfPoint();
    Core.findNonZero(binary, points);
    return points.empty() ? null : Imgproc.boundingRect(points);
  }

  private static Rect union(Rect a, Rect b) {
    int x0 = Math.min(a.x, b.x), y0 = Math.min(a.y, b.y);
    int x1 = Math.max(a.x + a.width, b.x + b.width), y1 = Math.max(a.y + a.height, b.y + b.height);
    return new Rect(x0, y0, x1 - x0, y1 - y0);
  }
}
