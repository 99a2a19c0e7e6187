package io.enhancer.engine.matting;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Turns a coarse, upsampled saliency map into a full-resolution matte whose edges follow the image.
 *
 * <ol>
 *   <li>Trimap from the coarse map: pixels well inside or outside the 0.5 outline stay as they are; a band
 *       around the outline (about {@code bandScale} model pixels wide) is unknown.</li>
 *   <li>In the band, a colour guided filter of the coarse map with the image as guide: the outline snaps to
 *       colour edges, thin parts and holes that the coarse map hints at sharpen instead of blurring away.</li>
 *   <li>Contrast stretch: values below {@code low} become 0, above {@code high} become 1, so confident regions
 *       are exactly 0 or 255 and only true edges stay soft.</li>
 * </ol>
 *
 * @param bandScale     half-width of the unknown band, in model-input pixels (scaled to the image)
 * @param radiusScale   guided filter radius, in model-input pixels (scaled to the image)
 * @param epsilon       guided filter regularisation (guide in [0,1])
 * @param low           alpha at or below this becomes 0
 * @param high          alpha at or above this becomes 1
 */
public record MatteRefiner(double bandScale, double radiusScale, double epsilon, double low, double high) {

  /** Settings measured on ECSSD, eBay composites and synthetic product scenes (see OnnxMatteEstimatorTest). */
  public static final MatteRefiner DEFAULT = new MatteRefiner(2.0, 2.0, 1e-3, 0.2, 0.8);

  public MatteRefiner {
    if (!(bandScale > 0 && bandScale <= 32)) throw new IllegalArgumentException("band scale must be in (0, 32], got " + bandScale);
    if (!(radiusScale > 0 && radiusScale <= 32)) throw new IllegalArgumentException("radius scale must be in (0, 32], got " + radiusScale);
    if (!(epsilon > 0 && epsilon < 1)) throw new IllegalArgumentException("epsilon must be in (0, 1), got " + epsilon);
    if (!(low >= 0 && low < high && high <= 1)) {
      throw new IllegalArgumentException("need 0 <= low < high <= 1, got low " + low + ", high " + high);
    }
  }

  /**
   * @param bgr         CV_8UC3 image at full resolution
   * @param coarse      CV_32FC1 saliency in [0,1] of the same size, upsampled from the model output
   * @param modelToImage how many image pixels one model-input pixel covers (>= 1 for large images)
   * @return CV_8UC1 matte, 255 = product
   */
  public Mat refine(Mat bgr, Mat coarse, double modelToImage) {
    double scale = Math.max(1.0, modelToImage);
    int radius = Math.max(2, (int) Math.round(radiusScale * scale));
    int band = Math.max(2, (int) Math.round(bandScale * scale));
    // Coefficients at ~ one model pixel per sample: the coarse map holds no finer detail, the guide adds it back.
    int subsample = Math.max(1, Math.min(8, (int) Math.floor(scale / 2)));

    Mat filtered = new GuidedFilter(radius, epsilon, subsample).filter(bgr, coarse);

    Mat hard = new Mat();
    Imgproc.threshold(coarse, hard, 0.5, 1.0, Imgproc.THRESH_BINARY);
    Mat hard8 = new Mat();
    hard.convertTo(hard8, CvType.CV_8U, 255);
    Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(2 * band + 1, 2 * band + 1));
    Mat sureProduct = new Mat();
    Mat maybeProduct = new Mat();
    Imgproc.erode(hard8, sureProduct, kernel);
    Imgproc.dilate(hard8, maybeProduct, kernel);
    Mat unknown = new Mat();
    Core.subtract(maybeProduct, sureProduct, unknown);

    Mat alpha = new Mat();
    hard.copyTo(alpha);
    filtered.copyTo(alpha, unknown);

    // Stretch [low, high] to [0, 1]; convertTo saturates to 0..255 for the 8-bit matte.
    Mat matte = new Mat();
    double gain = 255.0 / (high - low);
    alpha.convertTo(matte, CvType.CV_8U, gain, -low * gain);
    for (Mat m : new Mat[] {filtered, hard, hard8, kernel, sureProduct, maybeProduct, unknown, alpha}) m.release();
    return matte;
  }

  /** The coarse map as an 8-bit matte, unrefined: what the model alone says, for comparison and confidence. */
  public static Mat toMatte(Mat coarse) {
    Mat matte = new Mat();
    coarse.convertTo(matte, CvType.CV_8U, 255.0);
    return matte;
  }
}
