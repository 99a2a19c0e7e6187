package io.enhancer.engine.quality.labelguard;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/** Luma of an 8-bit BGR image (or the image itself when already single-channel): what OCR and ZXing read. */
final class Grey {
  private Grey() {}

  static Mat of(Mat image) {
    if (image.type() == CvType.CV_8UC1) return image;
    if (image.type() != CvType.CV_8UC3) {
      throw new IllegalArgumentException("expected CV_8UC1 or CV_8UC3, got " + CvType.typeToString(image.type()));
    }
    Mat gray = new Mat();
    Imgproc.cvtColor(image, gray, Imgproc.COLOR_BGR2GRAY);
    return gray;
  }
}
