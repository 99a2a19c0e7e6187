package io.enhancer.engine.models.segmentation;

import io.enhancer.engine.matting.MaskOverlap;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

/**
 * How far a matte can be trusted, for quality control: a doubtful cut-out should go to human review.
 *
 * @param productShare       share of the image that is product (alpha >= 128)
 * @param midAlphaShare      pixels with alpha in 16..239 per product pixel: a clean cut-out has only a thin
 *                           soft rim, a confused model leaves wide grey areas
 * @param borderContactShare share of the image's outermost pixels that are product: a product cut by the frame
 *                           or a background taken for product
 * @param iouWithReference   overlap (intersection over union at 128) with a second estimate, e.g. the classical
 *                           mask, when one was given: low agreement means at least one of them is wrong
 */
public record MatteConfidence(double productShare, double midAlphaShare, double borderContactShare,
                              OptionalDouble iouWithReference) {

  /** Thresholds past which {@link #doubts()} names a reason. */
  public static final double MIN_PRODUCT_SHARE = 0.01;
  public static final double MAX_PRODUCT_SHARE = 0.95;
  public static final double MAX_MID_ALPHA_SHARE = 0.15;
  public static final double MAX_BORDER_CONTACT_SHARE = 0.10;
  public static final double MIN_IOU_WITH_REFERENCE = 0.80;

  public static MatteConfidence of(Mat matte) {
    return of(matte, null);
  }

  /**
   * @param matte     CV_8UC1 matte, 255 = product
   * @param reference CV_8UC1 second matte of the same size, or null
   */
  public static MatteConfidence of(Mat matte, Mat reference) {
    double pixels = (double) matte.rows() * matte.cols();
    Mat product = binary(matte);
    int productPixels = Core.countNonZero(product);

    Mat atLeastSoft = new Mat();
    Mat belowSure = new Mat();
    Imgproc.threshold(matte, atLeastSoft, 15, 255, Imgproc.THRESH_BINARY);
    Imgproc.threshold(matte, belowSure, 239, 255, Imgproc.THRESH_BINARY_INV);
    Mat mid = new Mat();
    Core.bitwise_and(atLeastSoft, belowSure, mid);
    double midShare = Core.countNonZero(mid) / Math.max(1.0, productPixels);

    int w = matte.cols();
    int h = matte.rows();
    int borderProduct = Core.countNonZero(product.submat(new Rect(0, 0, w, 1)))
        + Core.countNonZero(product.submat(new Rect(0, h - 1, w, 1)));
    int borderPixels = 2 * w;
    if (h > 2) {
      borderProduct += Core.countNonZero(product.submat(new Rect(0, 1, 1, h - 2)))
          + Core.countNonZero(product.submat(new Rect(w - 1, 1, 1, h - 2)));
      borderPixels += 2 * (h - 2);
    }

    OptionalDouble iou = reference == null ? OptionalDouble.empty() : OptionalDouble.of(iou(matte, reference));
    return new MatteConfidence(productPixels / pixels, midShare, borderProduct / (double) borderPixels, iou);
  }

  /** Intersection over union of two mattes, each thresholded at 128; 1 when both are empty. */
  public static double iou(Mat a, Mat b) {
    return MaskOverlap.iou(a, b);
  }

  /** Reasons to doubt the matte, empty when none applies. */
  public List<String> doubts() {
    List<String> reasons = new ArrayList<>();
    if (productShare < MIN_PRODUCT_SHARE) reasons.add("matte_found_no_product");
    if (productShare > MAX_PRODUCT_SHARE) reasons.add("matte_covers_whole_image");
    if (midAlphaShare > MAX_MID_ALPHA_SHARE) reasons.add("matte_uncertain_edges");
    if (borderContactShare > MAX_BORDER_CONTACT_SHARE) reasons.add("product_touches_border");
    if (iouWithReference.isPresent() && iouWithReference.getAsDouble() < MIN_IOU_WITH_REFERENCE) {
      reasons.add("mattes_disagree");
    }
    return List.copyOf(reasons);
  }

  private static Mat binary(Mat matte) {
    if (matte.type() != CvType.CV_8UC1) throw new IllegalArgumentException("matte must be CV_8UC1");
    Mat out = new Mat();
    Imgproc.threshold(matte, out, 127, 255, Imgproc.THRESH_BINARY);
    return out;
  }
}
