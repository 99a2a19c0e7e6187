package io.enhancer.engine.models.segmentation;

import io.enhancer.engine.matting.MatteRefiner;
import io.enhancer.engine.models.MatteEstimator;
import java.nio.file.Path;
import java.util.Objects;
import io.enhancer.engine.matting.ProductSelection;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Background removal with an ONNX salient-object segmenter (U²-Netp by default, or any model described by a
 * {@code model.json}): pad to square, run at the model's input size, cut the padding off, upsample, then refine
 * the matte at full resolution against the image. Thread-safe; the session is created once.
 */
public final class OnnxMatteEstimator implements MatteEstimator, AutoCloseable {
  /** Fixed so that mattes are identical on every machine; 2 keeps a 320x320 U²-Netp run near 100 ms. */
  public static final int DEFAULT_THREADS = 2;

  private final OnnxSegmenter segmenter;
  private final MatteRefiner refiner;
  private final ProductSelection selectionRule;

  public OnnxMatteEstimator(OnnxSegmenter segmenter, MatteRefiner refiner) {
    this(segmenter, refiner, ProductSelection.DEFAULT);
  }

  /** @param selectionRule how the product is told from other salient objects; any plugged-in segmenter gets it */
  public OnnxMatteEstimator(OnnxSegmenter segmenter, MatteRefiner refiner, ProductSelection selectionRule) {
    this.segmenter = Objects.requireNonNull(segmenter, "segmenter");
    this.refiner = Objects.requireNonNull(refiner, "refiner");
    this.selectionRule = Objects.requireNonNull(selectionRule, "selectionRule");
  }

  /** Opens the model in {@code modelDir} (the folder holding {@code model.json}) with default refinement. */
  public static OnnxMatteEstimator open(Path modelDir) {
    return open(modelDir, DEFAULT_THREADS);
  }

  public static OnnxMatteEstimator open(Path modelDir, int threads) {
    SegmenterDescriptor descriptor = SegmenterDescriptor.read(modelDir);
    return new OnnxMatteEstimator(new OnnxSegmenter(descriptor, modelDir, threads), MatteRefiner.DEFAULT);
  }

  @Override
  public String name() {
    return segmenter.descriptor().name();
  }

  /** sha256 of the model file that runs, for reports. */
  public String checksum() {
    return segmenter.checksum();
  }

  @Override
  public Mat estimate(Mat bgr) {
    requireBgr(bgr);
    Mat coarse = coarseSaliency(bgr);
    Mat matte = refine(bgr, coarse);
    coarse.release();
    return matte;
  }

  /** The model's map upsampled to the image without refinement (CV_8UC1), for comparison and confidence. */
  public Mat estimateUnrefined(Mat bgr) {
    requireBgr(bgr);
    Mat coarse = modelMap(bgr);
    Mat matte = MatteRefiner.toMatte(coarse);
    coarse.release();
    return matte;
  }

  /**
   * Stage one: the model's [0,1] map (CV_32FC1) at the image's size, kept to the product's regions: other salient
   * objects (scenery cut by the frame, specks) are dropped at the model's working size.
   */
  Mat coarseSaliency(Mat bgr) {
    Mat first = modelMap(bgr);
    SegmenterDescriptor d = segmenter.descriptor();
    double f = Math.min(1, Math.max(d.inputWidth(), d.inputHeight()) / (double) Math.max(bgr.cols(), bgr.rows()));
    Mat small = new Mat();
    Imgproc.resize(first, small, new Size(Math.max(1, Math.round(bgr.cols() * f)), Math.max(1, Math.round(bgr.rows() * f))),
        0, 0, Imgproc.INTER_AREA);
    Mat binary = new Mat();
    Imgproc.threshold(small, binary, 0.5, 255, Imgproc.THRESH_BINARY);
    binary.convertTo(binary, CvType.CV_8U);
    ProductSelection.Selection selection = selectionRule.select(binary);
    small.release();
    binary.release();
    if (selection.empty() || selection.dropped() == 0) return first;
    Mat restricted = ProductSelection.restrict(first, selection, 3);
    first.release();
    return restricted;
  }

  /** The model's [0,1] map (CV_32FC1) of the whole of {@code bgr}, at its size. */
  private Mat modelMap(Mat bgr) {
    SquarePad pad = SquarePad.of(bgr.cols(), bgr.rows());
    Mat padded = pad.pad(bgr);
    Mat saliency = segmenter.saliency(padded);
    if (padded != bgr) padded.release();
    Mat coarse = pad.unpadToOriginal(saliency);
    saliency.release();
    return coarse;
  }

  /** Stage two: the full-resolution matte. */
  Mat refine(Mat bgr, Mat coarse) {
    SegmenterDescriptor d = segmenter.descriptor();
    double modelToImage = Math.max(bgr.cols(), bgr.rows()) / (double) Math.min(d.inputWidth(), d.inputHeight());
    return refiner.refine(bgr, coarse, modelToImage);
  }

  private static void requireBgr(Mat bgr) {
    if (bgr == null || bgr.empty() || bgr.type() != CvType.CV_8UC3) {
      throw new IllegalArgumentException("image must be non-empty CV_8UC3 BGR");
    }
  }

  @Override
  public void close() {
    segmenter.close();
  }
}
