package io.enhancer.engine.pipeline.steps;

import io.enhancer.engine.models.superres.LanczosResolver;
import io.enhancer.engine.pipeline.StepNotes;
import io.enhancer.engine.quality.labelguard.TextRegionDetector;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Keeps model-made pixels out of label text and codes: inside the detected text/code regions the upscaled image is
 * replaced by the classical (Lanczos) enlargement, with a feathered seam, so a model can never invent a glyph.
 */
final class ProtectedRegions {
  private static final TextRegionDetector DETECTOR = new TextRegionDetector();
  private static final LanczosResolver CLASSICAL = new LanczosResolver();

  private ProtectedRegions() {}

  static Mat classicalInText(Mat source, Mat upscaled, double factor, StepNotes notes) {
    Mat mask = DETECTOR.detect(source);
    int protectedPixels = Core.countNonZero(mask);
    notes.fact("protected_text_share", Math.round(1000.0 * protectedPixels / source.total()) / 1000.0);
    if (protectedPixels == 0) {
      mask.release();
      return upscaled;
    }
    Mat classical = CLASSICAL.upscale(source, factor);
    if (!classical.size().equals(upscaled.size())) {
      Imgproc.resize(classical, classical, upscaled.size(), 0, 0, Imgproc.INTER_LINEAR);
    }
    Mat weight = new Mat();
    Imgproc.resize(mask, weight, upscaled.size(), 0, 0, Imgproc.INTER_LINEAR);
    weight.convertTo(weight, CvType.CV_32F, 1 / 255.0);
    Imgproc.GaussianBlur(weight, weight, new Size(0, 0), Math.max(1, factor));
    Mat weight3 = new Mat();
    Core.merge(java.util.List.of(weight, weight, weight), weight3);

    Mat a = new Mat();
    Mat b = new Mat();
    upscaled.convertTo(a, CvType.CV_32FC3);
    classical.convertTo(b, CvType.CV_32FC3);
    Core.subtract(b, a, b);
    Core.multiply(b, weight3, b);
    Core.add(a, b, a);
    Mat out = new Mat();
    a.convertTo(out, CvType.CV_8UC3);
    for (Mat m : new Mat[] {mask, classical, weight, weight3, a, b}) m.release();
    return out;
  }
}
