package io.enhancer.engine.pipeline;

import java.util.Objects;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * The image between steps: 8-bit BGR pixels plus, once known, the product matte (8-bit, 255 = product,
 * 0 = background, values between are soft edges). Steps never mutate a frame they receive; they return a new one.
 *
 * @param bgr   CV_8UC3 pixels in sRGB, BGR channel order (OpenCV's)
 * @param matte CV_8UC1 product alpha of the same size, or null when the product has not been separated
 */
public record Frame(Mat bgr, Mat matte) {

  public Frame {
    Objects.requireNonNull(bgr, "bgr");
    if (bgr.empty() || bgr.type() != CvType.CV_8UC3) {
      throw new IllegalArgumentException("frame pixels must be non-empty CV_8UC3, got " + CvType.typeToString(bgr.type()));
    }
    if (matte != null && (matte.type() != CvType.CV_8UC1 || matte.rows() != bgr.rows() || matte.cols() != bgr.cols())) {
      throw new IllegalArgumentException("matte must be CV_8UC1 of the frame's size");
    }
  }

  public static Frame of(Mat bgr) {
    return new Frame(bgr, null);
  }

  public int width() {
    return bgr.cols();
  }

  public int height() {
    return bgr.rows();
  }

  public boolean hasMatte() {
    return matte != null;
  }

  /**
   * Frees the native pixels now rather than at some later garbage collection, keeping any Mat that {@code keep}
   * still uses (a step may pass its input's pixels or matte through unchanged). Java's heap does not see native
   * memory, so under load unreleased Mats pile up far faster than collections run.
   */
  public void releaseExcept(Frame... keep) {
    if (!usedBy(bgr, keep)) bgr.release();
    if (matte != null && !usedBy(matte, keep)) matte.release();
  }

  private static boolean usedBy(Mat mat, Frame... frames) {
    for (Frame frame : frames) {
      if (frame != null && (frame.bgr == mat || frame.matte == mat)) return true;
    }
    return false;
  }

  public Frame withBgr(Mat newBgr) {
    return new Frame(newBgr, matte);
  }

  public Frame withMatte(Mat newMatte) {
    return new Frame(bgr, newMatte);
  }
}
