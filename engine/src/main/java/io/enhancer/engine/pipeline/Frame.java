package io.enhancer.engine.pipeline;

import io.enhancer.engine.matting.MatteResult;
import java.util.Objects;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * The image between steps: 8-bit BGR pixels plus, once known, the product matte (8-bit, 255 = product,
 * 0 = background, values between are soft edges), and the typed results later steps need: where the pixels came
 * from in the source and what the cut-out found. Steps never mutate a frame they receive; they return a new one,
 * derived from their input so that what they do not change travels on.
 *
 * @param bgr         CV_8UC3 pixels in sRGB, BGR channel order (OpenCV's)
 * @param matte       CV_8UC1 product alpha of the same size, or null when the product has not been separated
 * @param placement   where these pixels are relative to the decoded source; the identity until a step moves them
 * @param matteResult what the cut-out step found about the matte, or null when no step made one (a source alpha
 *                    read by the decoder has none until the cut-out step has looked at it)
 */
public record Frame(Mat bgr, Mat matte, Placement placement, MatteResult matteResult) {

  public Frame {
    Objects.requireNonNull(bgr, "bgr");
    Objects.requireNonNull(placement, "placement");
    if (bgr.empty() || bgr.type() != CvType.CV_8UC3) {
      throw new IllegalArgumentException("frame pixels must be non-empty CV_8UC3, got " + CvType.typeToString(bgr.type()));
    }
    if (matte != null && (matte.type() != CvType.CV_8UC1 || matte.rows() != bgr.rows() || matte.cols() != bgr.cols())) {
      throw new IllegalArgumentException("matte must be CV_8UC1 of the frame's size");
    }
  }

  /** A frame as decoded from the source: nothing moved yet, nothing found yet. */
  public Frame(Mat bgr, Mat matte) {
    this(bgr, matte, bgr == null ? null : Placement.identity(bgr.cols(), bgr.rows()), null);
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

  /** New pixels in the same place (colour, denoise, sharpen). */
  public Frame withBgr(Mat newBgr) {
    return new Frame(newBgr, matte, placement, matteResult);
  }

  public Frame withMatte(Mat newMatte) {
    return new Frame(bgr, newMatte, placement, matteResult);
  }

  /** The cut-out: composited pixels, the matte and what was found about it, in the same place. */
  public Frame withCutOut(Mat newBgr, Mat newMatte, MatteResult result) {
    return new Frame(newBgr, newMatte, placement, Objects.requireNonNull(result, "result"));
  }

  /**
   * Pixels (and matte) resampled, cropped or padded by {@code move}, a placement in this frame's own coordinates:
   * the new frame's placement is this one's followed by it.
   */
  public Frame moved(Placement move, Mat newBgr, Mat newMatte) {
    return new Frame(newBgr, newMatte, placement.then(move), matteResult);
  }
}
