package io.enhancer.engine.matting;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * How far a matte can be trusted, read from the matte alone (plus, optionally, a second estimate) so that it works
 * for every estimator, built-in or plugged in. A doubtful cut-out should go to human review with the reason.
 *
 * @param productShare       share of the frame that is product (alpha >= 128)
 * @param softEdgeShare      share of the pixels within a few pixels of the outline with clearly partial alpha
 *                           (26..229); a crisp cut-out has few
 * @param midAlphaShare      pixels with alpha in 16..239 per product pixel: a clean cut-out has only a thin soft
 *                           rim, a confused model leaves wide grey areas
 * @param borderContactShare share of the image's outermost pixels that are product: a product cut by the frame, or
 *                           background taken for product
 * @param touchingSides      image sides the product runs into (top, bottom, left, right): it may be cut off
 * @param iouWithReference   overlap with a second estimate when one was given: low agreement means at least one of
 *                           them is wrong
 */
public record MatteConfidence(double productShare, double softEdgeShare, double midAlphaShare,
                              double borderContactShare, List<String> touchingSides, OptionalDouble iouWithReference) {

  /** Thresholds past which {@link #doubts()} names a reason. */
  public static final double MIN_PRODUCT_SHARE = 0.01;
  public static final double MAX_PRODUCT_SHARE = 0.95;
  public static final double MAX_MID_ALPHA_SHARE = 0.15;
  public static final double MAX_BORDER_CONTACT_SHARE = 0.10;
  public static final double MIN_IOU_WITH_REFERENCE = 0.80;
  private static final int BAND_RADIUS = 3;

  public MatteConfidence {
    touchingSides = List.copyOf(touchingSides);
  }

  public static MatteConfidence of(Mat matte) {
    return of(matte, null);
  }

  /**
   * @param matte     CV_8UC1 matte, 255 = product
   * @param reference CV_8UC1 second matte of the same size, or null
   */
  public static MatteConfidence of(Mat matte, Mat reference) {
    if (matte.type() != CvType.CV_8UC1) throw new IllegalArgumentException("matte must be CV_8UC1");
    double pixels = (double) matte.rows() * matte.cols();
    Mat product = new Mat();
    Imgproc.threshold(matte, product, 127, 255, Imgproc.THRESH_BINARY);
    int productPixels = Core.countNonZero(product);

    Mat band = MatteEdgeRefiner.outlineBand(product, BAND_RADIUS);
    Mat soft = new Mat();
    Core.inRange(matte, new Scalar(26), new Scalar(229), soft);
    Core.bitwise_and(soft, band, soft);
    int bandCount = Core.countNonZero(band);
    double softShare = bandCount == 0 ? 0 : Core.countNonZero(soft) / (double) bandCount;

    Mat mid = new Mat();
    Core.inRange(matte, new Scalar(16), new Scalar(239), mid);
    double midShare = Core.countNonZero(mid) / Math.max(1.0, productPixels);

    int w = matte.cols();
    int h = matte.rows();
    int borderProduct = Core.countNonZero(product.submat(new Rect(0, 0, w, 1)))
        + (h > 1 ? Core.countNonZero(product.submat(new Rect(0, h - 1, w, 1))) : 0);
    int borderPixels = h > 1 ? 2 * w : w;
    if (h > 2) {
      borderProduct += Core.countNonZero(product.submat(new Rect(0, 1, 1, h - 2)))
          + (w > 1 ? Core.countNonZero(product.submat(new Rect(w - 1, 1, 1, h - 2))) : 0);
      borderPixels += (w > 1 ? 2 : 1) * (h - 2);
    }

    List<String> sides = new ArrayList<>();
    if (touches(product.row(0))) sides.add("top");
    if (touches(product.row(h - 1))) sides.add("bottom");
    if (touches(product.col(0))) sides.add("left");
    if (touches(product.col(w - 1))) sides.add("right");

    OptionalDouble iou = reference == null ? OptionalDouble.empty() : OptionalDouble.of(MaskOverlap.iou(matte, reference));
    for (Mat m : new Mat[] {product, band, soft, mid}) m.release();
    return new MatteConfidence(productPixels / pixels, softShare, midShare, borderProduct / (double) borderPixels,
        sides, iou);
  }

  /** The same findings plus the agreement with a second estimate made elsewhere (the pipeline's cross-check). */
  public MatteConfidence withReference(double iou) {
    return new MatteConfidence(productShare, softEdgeShare, midAlphaShare, borderContactShare, touchingSides,
        OptionalDouble.of(iou));
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

  private static boolean touches(Mat line) {
    return Core.countNonZero(line) >= Math.max(2, 0.01 * line.total());
  }
}
