package io.enhancer.engine.matting;

import io.enhancer.engine.models.MatteEstimator;
import java.util.Objects;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Compares a primary matte with an independent estimator's at a small working size. Their IoU flags doubtful
 * cut-outs; where they broadly agree, holes the reference sees inside the product (a handle's opening, which salient
 * object models tend to fill) are opened in the primary matte.
 */
public final class MatteCrossCheck {
  /** Below this IoU between the primary and the reference mattes the cut-out goes to a reviewer. */
  public static final double MIN_AGREEMENT = 0.8;
  /** The reference runs at this long side: enough to see a wrong object, cheap next to the primary. */
  private static final int WORKING_SIDE = 320;
  /** Smallest hole the reference may open, as a share of the image: below this it is noise, not a handle. */
  private static final double MIN_HOLE_SHARE = 0.001;

  private final MatteEstimator reference;

  public MatteCrossCheck(MatteEstimator reference) {
    this.reference = Objects.requireNonNull(reference, "reference");
  }

  public String referenceName() {
    return reference.name();
  }

  /**
   * @param matte      the primary matte (returned as it is when nothing is opened)
   * @param iou        agreement of the two at the working size
   * @param holesShare share of the working image opened as holes, 0 when none
   */
  public record Outcome(Mat matte, double iou, double holesShare) {
    public boolean agrees() {
      return iou >= MIN_AGREEMENT;
    }
  }

  public Outcome check(Mat bgr, Mat matte) {
    double scale = Math.min(1, WORKING_SIDE / (double) Math.max(bgr.cols(), bgr.rows()));
    Size small = new Size(Math.max(1, Math.round(bgr.cols() * scale)), Math.max(1, Math.round(bgr.rows() * scale)));
    Mat smallBgr = new Mat();
    Imgproc.resize(bgr, smallBgr, small, 0, 0, Imgproc.INTER_AREA);
    Mat second = reference.estimate(smallBgr);
    Mat smallMatte = new Mat();
    Imgproc.resize(matte, smallMatte, small, 0, 0, Imgproc.INTER_AREA);
    Mat a = new Mat();
    Mat b = new Mat();
    Imgproc.threshold(smallMatte, a, 127, 255, Imgproc.THRESH_BINARY);
    Imgproc.threshold(second, b, 127, 255, Imgproc.THRESH_BINARY);
    double iou = MaskOverlap.iou(a, b);
    Mat result = matte;
    double holesShare = 0;
    if (iou >= MIN_AGREEMENT) {
      Mat holes = enclosedHoles(a, b);
      int holePixels = Core.countNonZero(holes);
      if (holePixels > 0) {
        result = openHoles(matte, holes);
        holesShare = holePixels / (double) (small.width * small.height);
      }
      holes.release();
    }
    for (Mat m : new Mat[] {smallBgr, second, smallMatte, a, b}) m.release();
    return new Outcome(result, iou, holesShare);
  }

  /** Regions the primary calls product and the reference calls background that the primary's background never touches. */
  private static Mat enclosedHoles(Mat primary, Mat reference) {
    Mat candidate = new Mat();
    Mat notReference = new Mat();
    Core.bitwise_not(reference, notReference);
    Core.bitwise_and(primary, notReference, candidate);
    Mat primaryBackground = new Mat();
    Core.bitwise_not(primary, primaryBackground);
    Mat labels = new Mat();
    Mat stats = new Mat();
    Mat centroids = new Mat();
    int n = Imgproc.connectedComponentsWithStats(candidate, labels, stats, centroids, 8, CvType.CV_32S);
    Mat holes = Mat.zeros(primary.size(), CvType.CV_8UC1);
    double minArea = MIN_HOLE_SHARE * primary.total();
    Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(5, 5));
    for (int i = 1; i < n; i++) {
      if (stats.get(i, Imgproc.CC_STAT_AREA)[0] < minArea) continue;
      Mat component = new Mat();
      Core.compare(labels, new Scalar(i), component, Core.CMP_EQ);
      Mat grown = new Mat();
      Imgproc.dilate(component, grown, kernel);
      Core.bitwise_and(grown, primaryBackground, grown);
      if (Core.countNonZero(grown) == 0) Core.bitwise_or(holes, component, holes);
      component.release();
      grown.release();
    }
    for (Mat m : new Mat[] {candidate, notReference, primaryBackground, labels, stats, centroids, kernel}) m.release();
    return holes;
  }

  /** The full-size matte with the (small) hole mask cut out, its edge softened by one working-size pixel. */
  private static Mat openHoles(Mat matte, Mat smallHoles) {
    Mat holes = new Mat();
    Imgproc.resize(smallHoles, holes, matte.size(), 0, 0, Imgproc.INTER_LINEAR);
    double sigma = Math.max(1, matte.cols() / (double) smallHoles.cols());
    Imgproc.GaussianBlur(holes, holes, new Size(0, 0), sigma);
    Mat keep = new Mat();
    Core.bitwise_not(holes, keep);
    Mat opened = new Mat();
    Core.min(matte, keep, opened);
    holes.release();
    keep.release();
    return opened;
  }
}
