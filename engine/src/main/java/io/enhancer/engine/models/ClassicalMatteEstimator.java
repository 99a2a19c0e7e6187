package io.enhancer.engine.models;

import io.enhancer.engine.matting.BackgroundFloodFill;
import io.enhancer.engine.matting.BorderColourModel;
import io.enhancer.engine.matting.MatteCleanup;
import io.enhancer.engine.matting.MatteEdgeRefiner;
import java.util.Arrays;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Background removal without a model: the border band gives the background's colours, a flood fill from the border
 * through small colour steps marks sure background, GrabCut decides the rest on a downscaled copy, and a guided
 * filter at full resolution softens the edges along the real outline. Good on studio-like backgrounds (plain,
 * gradient, near-white); rough on clutter. Never crops: border pixels that are not background colours stay
 * candidates for the product.
 */
public final class ClassicalMatteEstimator implements MatteEstimator {
  /** GrabCut cost grows with pixels; this long side keeps it well under a second. */
  static final int WORKING_LONG_SIDE = 512;
  private static final int GRABCUT_ITERATIONS = 3;
  private static final BackgroundFloodFill FLOOD = new BackgroundFloodFill(2.5, 5, 2.5);

  private final MatteCleanup cleanup = new MatteCleanup();
  private final MatteEdgeRefiner refiner = new MatteEdgeRefiner();

  @Override
  public String name() {
    return "classical";
  }

  @Override
  public Mat estimate(Mat bgr) {
    OpenCvRuntime.ensureLoaded();
    Mat small = downscale(bgr);
    int w = small.cols(), h = small.rows();
    byte[] lab = labPixels(small);
    BorderColourModel model = BorderColourModel.fit(lab, w, h);

    byte[] reached = reachedBackground(lab, w, h, model);
    byte[] trimap = trimap(reached, w, h);
    byte[] fg = grabCut(small, trimap, w, h);
    cleanup.apply(fg, lab, w, h, model, reached);

    Mat hard = new Mat(h, w, CvType.CV_8UC1);
    for (int i = 0; i < fg.length; i++) fg[i] = (byte) (fg[i] != 0 ? 255 : 0);
    hard.put(0, 0, fg);
    return refiner.refine(hard, bgr);
  }

  /** Background reached by the flood fill from border pixels of background colour. */
  private static byte[] reachedBackground(byte[] lab, int w, int h, BorderColourModel model) {
    int band = model.band();
    byte[] seeds = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (x >= band && y >= band && x < w - band && y < h - band) continue;
        int i = y * w + x, o = 3 * i;
        if (model.isBackground(lab[o] & 0xFF, lab[o + 1] & 0xFF, lab[o + 2] & 0xFF)) seeds[i] = 1;
      }
    }
    return FLOOD.fill(lab, w, h, seeds, model);
  }

  /** GrabCut labels: the reached background's core is sure background, its rim probable, the rest probable product. */
  private static byte[] trimap(byte[] filled, int w, int h) {
    Mat filledMat = new Mat(h, w, CvType.CV_8UC1);
    filledMat.put(0, 0, filled);
    Mat core = new Mat();
    // the flood stops at the edge's first strong step; eroding leaves GrabCut room to place the edge itself
    Imgproc.erode(filledMat, core, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(5, 5)));
    byte[] coreBytes = new byte[w * h];
    core.get(0, 0, coreBytes);

    byte[] trimap = new byte[w * h];
    for (int i = 0; i < trimap.length; i++) {
      if (coreBytes[i] != 0) trimap[i] = Imgproc.GC_BGD;
      else if (filled[i] != 0) trimap[i] = Imgproc.GC_PR_BGD;
      else trimap[i] = Imgproc.GC_PR_FGD;
    }
    return trimap;
  }

  /** Returns 1 = product per pixel. GrabCut needs both labels present; without them the answer is already known. */
  private static byte[] grabCut(Mat small, byte[] trimap, int w, int h) {
    boolean anyBg = false, anyFg = false;
    for (byte t : trimap) {
      if (t == Imgproc.GC_BGD || t == Imgproc.GC_PR_BGD) anyBg = true;
      else anyFg = true;
    }
    byte[] fg = new byte[w * h];
    if (!anyFg) return fg;
    if (!anyBg) {
      Arrays.fill(fg, (byte) 1);
      return fg;
    }
    Mat mask = new Mat(h, w, CvType.CV_8UC1);
    mask.put(0, 0, trimap);
    Imgproc.grabCut(small, mask, new Rect(), new Mat(), new Mat(), GRABCUT_ITERATIONS, Imgproc.GC_INIT_WITH_MASK);
    byte[] labels = new byte[w * h];
    mask.get(0, 0, labels);
    for (int i = 0; i < labels.length; i++) fg[i] = (byte) (labels[i] & 1);
    return fg;
  }

  static Mat downscale(Mat bgr) {
    double scale = WORKING_LONG_SIDE / (double) Math.max(bgr.cols(), bgr.rows());
    if (scale >= 1) return bgr;
    Mat small = new Mat();
    Imgproc.resize(bgr, small, new Size(Math.round(bgr.cols() * scale), Math.round(bgr.rows() * scale)), 0, 0,
        Imgproc.INTER_AREA);
    return small;
  }

  /** Slightly blurred Lab pixels: the blur keeps sensor and JPEG noise from stopping the flood fill. */
  private static byte[] labPixels(Mat small) {
    Mat blurred = new Mat();
    Imgproc.GaussianBlur(small, blurred, new Size(5, 5), 0);
    Mat lab = new Mat();
    Imgproc.cvtColor(blurred, lab, Imgproc.COLOR_BGR2Lab);
    byte[] px = new byte[small.cols() * small.rows() * 3];
    lab.get(0, 0, px);
    return px;
  }
}
