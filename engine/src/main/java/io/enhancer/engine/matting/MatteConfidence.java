package io.enhancer.engine.matting;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * How far a matte can be trusted, read from the matte alone so it works for every estimator.
 *
 * @param productShare  share of the frame that is product (alpha >= 0.5)
 * @param softEdgeShare share of the pixels near the outline with clearly partial alpha; a crisp cut-out has few
 * @param touchingSides image sides the product runs into (top, bottom, left, right): it may be cut off in the source
 */
public record MatteConfidence(double productShare, double softEdgeShare, List<String> touchingSides) {
  private static final int BAND_RADIUS = 3;

  public MatteConfidence {
    touchingSides = List.copyOf(touchingSides);
  }

  public static MatteConfidence measure(Mat matte) {
    Mat hard = new Mat();
    Imgproc.threshold(matte, hard, 127, 255, Imgproc.THRESH_BINARY);
    double total = matte.rows() * (double) matte.cols();
    double productShare = Core.countNonZero(hard) / total;

    Mat band = MatteEdgeRefiner.outlineBand(hard, BAND_RADIUS);
    Mat soft = new Mat();
    Core.inRange(matte, new Scalar(26), new Scalar(229), soft);
    Core.bitwise_and(soft, band, soft);
    int bandCount = Core.countNonZero(band);
    double softShare = bandCount == 0 ? 0 : Core.countNonZero(soft) / (double) bandCount;

    List<String> sides = new ArrayList<>();
    if (touches(hard.row(0))) sides.add("top");
    if (touches(hard.row(hard.rows() - 1))) sides.add("bottom");
    if (touches(hard.col(0))) sides.add("left");
    if (touches(hard.col(hard.cols() - 1))) sides.add("right");
    return new MatteConfidence(productShare, softShare, sides);
  }

  private static boolean touches(Mat line) {
    return Core.countNonZero(line) >= Math.max(2, 0.01 * line.total());
  }
}
