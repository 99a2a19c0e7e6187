package io.enhancer.engine.pipeline.steps;

import java.util.Arrays;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * What the areas that should be neutral say about the light: the backdrop (under the cut-out's background mask, or
 * the border band without one) and the light neutral parts of the product (label paper, white plastic). Measured
 * in linear light on a copy of at most {@value #WORKING_SIDE} px; clipped and very dark pixels carry no colour
 * information and are left out.
 *
 * @param backdropPixels  backdrop pixels measured (0 = no backdrop found)
 * @param backdropLinear  mean linear B, G, R of the backdrop (0..1)
 * @param backdropA       CIELAB a* of the backdrop's mean colour
 * @param backdropB       CIELAB b* of the backdrop's mean colour
 * @param backdropL       CIELAB L* of the backdrop's mean colour (0..100)
 * @param chromaSpread    mean distance of backdrop pixels' a*b* from that mean: low on a plain backdrop, even a
 *                        shaded one; high on a scene
 * @param lightnessIqr    interquartile range of backdrop L*: low on an evenly lit backdrop
 * @param clippedShare    share of backdrop pixels with a channel at 254 or more
 * @param productNeutrals light product pixels closer to neutral than to the backdrop's colour (label paper that
 *                        is white while the backdrop is tinted: the backdrop is coloured, the light is not)
 * @param productTinted   light product pixels closer to the backdrop's colour (whites tinted like the backdrop)
 * @param productA        mean a* of the neutral ones
 * @param productB        their mean b*
 * @param productL90      90th percentile of their L*: a label whiter than the backdrop means the backdrop is grey
 */
record NeutralReference(int backdropPixels, double[] backdropLinear, double backdropA, double backdropB,
                        double backdropL, double chromaSpread, double lightnessIqr, double clippedShare,
                        int productNeutrals, int productTinted, double productA, double productB,
                        double productL90) {
  static final int WORKING_SIDE = 512;
  /** Border band width as a share of the shorter side when there is no background mask. */
  private static final double BORDER_SHARE = 0.04;
  /** Matte value under which a pixel is backdrop; the mask is eroded so soft edges do not mix product in. */
  private static final int BACKDROP_MATTE = 8;
  private static final int PRODUCT_MATTE = 248;
  /** A light product pixel this close (a*b*) to neutral or to the backdrop's colour is a white of either kind. */
  private static final double WHITE_RADIUS = 4;
  private static final double PRODUCT_NEUTRAL_MIN_L = 55;
  /** Without a matte, the backdrop is what a fill from the border reaches in steps of at most this (8-bit). */
  private static final double FILL_STEP = 3;

  double backdropChroma() {
    return Math.hypot(backdropA, backdropB);
  }

  double productChroma() {
    return Math.hypot(productA, productB);
  }

  /**
   * @param source the decoded upload (CV_8UC3)
   * @param matte  the cut-out's matte of the same size, or null
   */
  static NeutralReference measure(Mat source, Mat matte) {
    double k = Math.min(1.0, WORKING_SIDE / (double) Math.max(source.cols(), source.rows()));
    Mat small = resized(source, k, Imgproc.INTER_AREA);
    int w = small.cols(), h = small.rows();
    Mat backdropMask = Mat.zeros(h, w, CvType.CV_8UC1);
    Mat productMask = Mat.zeros(h, w, CvType.CV_8UC1);
    if (matte != null) {
      Mat m = resized(matte, k, Imgproc.INTER_AREA);
      Imgproc.threshold(m, backdropMask, BACKDROP_MATTE, 255, Imgproc.THRESH_BINARY_INV);
      Imgproc.erode(backdropMask, backdropMask, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(5, 5)));
      Imgproc.threshold(m, productMask, PRODUCT_MATTE, 255, Imgproc.THRESH_BINARY);
      if (m != matte) m.release();
    } else {
      int band = Math.max(2, (int) Math.round(BORDER_SHARE * Math.min(w, h)));
      backdropMask.setTo(new Scalar(255));
      Imgproc.rectangle(backdropMask, new org.opencv.core.Point(band, band),
          new org.opencv.core.Point(w - 1 - band, h - 1 - band), new Scalar(0), -1);
    }
    byte[] bgr = new byte[w * h * 3];
    small.get(0, 0, bgr);
    Mat labMat = new Mat();
    Mat f = new Mat();
    small.convertTo(f, CvType.CV_32FC3, 1 / 255.0);
    Imgproc.cvtColor(f, labMat, Imgproc.COLOR_BGR2Lab);
    float[] lab = new float[w * h * 3];
    labMat.get(0, 0, lab);
    byte[] back = new byte[w * h];
    backdropMask.get(0, 0, back);
    byte[] prod = new byte[w * h];
    productMask.get(0, 0, prod);
    for (Mat m : new Mat[] {labMat, f, backdropMask, productMask}) m.release();

    // Backdrop: mean linear colour, its Lab, and how consistent its chroma and lightness are.
    double[] lin = new double[3];
    int n = 0, clipped = 0, considered = 0;
    float[] lightness = new float[w * h];
    for (int i = 0; i < w * h; i++) {
      if (back[i] == 0) continue;
      considered++;
      int b = bgr[3 * i] & 0xFF, g = bgr[3 * i + 1] & 0xFF, r = bgr[3 * i + 2] & 0xFF;
      // A channel clipped by a warm or cool light still leaves the others' ratio; all three clipped says nothing.
      if (Math.max(b, Math.max(g, r)) >= 254) clipped++;
      if (Math.min(b, Math.min(g, r)) >= 254) continue;
      if (lab[3 * i] < 8) continue;
      lin[0] += SrgbCurve.toLinear(b);
      lin[1] += SrgbCurve.toLinear(g);
      lin[2] += SrgbCurve.toLinear(r);
      lightness[n] = lab[3 * i];
      n++;
    }
    double clippedShare = considered == 0 ? 0 : clipped / (double) considered;
    if (n == 0) {
      if (small != source) small.release();
      return new NeutralReference(0, new double[] {0, 0, 0}, 0, 0, 0, 0, 0, clippedShare, 0, 0, 0, 0, 0);
    }
    for (int c = 0; c < 3; c++) lin[c] /= n;
    double[] meanLab = labOfLinear(lin);
    double spread = 0;
    for (int i = 0; i < w * h; i++) {
      if (back[i] == 0) continue;
      int b = bgr[3 * i] & 0xFF, g = bgr[3 * i + 1] & 0xFF, r = bgr[3 * i + 2] & 0xFF;
      if (Math.min(b, Math.min(g, r)) >= 254 || lab[3 * i] < 8) continue;
      spread += Math.hypot(lab[3 * i + 1] - meanLab[1], lab[3 * i + 2] - meanLab[2]);
    }
    spread /= n;
    float[] sorted = Arrays.copyOf(lightness, n);
    Arrays.sort(sorted);
    double iqr = sorted[(int) (0.75 * (n - 1))] - sorted[(int) (0.25 * (n - 1))];

    // Product neutrals: light, low-chroma product pixels (by the matte, or by differing from the backdrop).
    double sa = 0, sb = 0;
    int pn = 0, tinted = 0;
    float[] productLightness = new float[w * h];
    byte[] enclosed = matte == null ? notReachedFromBorder(small) : null;
    if (small != source) small.release();
    for (int i = 0; i < w * h; i++) {
      int b = bgr[3 * i] & 0xFF, g = bgr[3 * i + 1] & 0xFF, r = bgr[3 * i + 2] & 0xFF;
      boolean product = matte != null ? prod[i] != 0 : enclosed[i] != 0;
      if (!product || Math.max(b, Math.max(g, r)) >= 254) continue;
      float l = lab[3 * i], a = lab[3 * i + 1], bb = lab[3 * i + 2];
      if (l < PRODUCT_NEUTRAL_MIN_L) continue;
      double toNeutral = Math.hypot(a, bb), toBackdrop = Math.hypot(a - meanLab[1], bb - meanLab[2]);
      if (Math.min(toNeutral, toBackdrop) > WHITE_RADIUS) continue;
      if (toBackdrop < toNeutral) {
        tinted++;
        continue;
      }
      sa += a;
      sb += bb;
      productLightness[pn++] = l;
    }
    float[] productSorted = Arrays.copyOf(productLightness, pn);
    Arrays.sort(productSorted);
    double productL90 = pn == 0 ? 0 : productSorted[(int) (0.9 * (pn - 1))];
    return new NeutralReference(n, lin, meanLab[1], meanLab[2], meanLab[0], spread, iqr, clippedShare, pn, tinted,
        pn == 0 ? 0 : sa / pn, pn == 0 ? 0 : sb / pn, productL90);
  }

  /**
   * Without a matte: pixels a flood fill from the border cannot reach through small colour steps, i.e. the product
   * and what it encloses (its label), shrunk by a few pixels so that edges are left out.
   */
  private static byte[] notReachedFromBorder(Mat small) {
    int w = small.cols(), h = small.rows();
    Mat smooth = new Mat();
    Imgproc.GaussianBlur(small, smooth, new Size(3, 3), 0);
    Mat fill = Mat.zeros(h + 2, w + 2, CvType.CV_8UC1);
    Scalar step = new Scalar(FILL_STEP, FILL_STEP, FILL_STEP);
    int flags = 4 | Imgproc.FLOODFILL_MASK_ONLY | (255 << 8);
    byte[] one = new byte[1];
    for (int t = 0; t < 2 * (w + h); t += 8) {
      int x, y;
      if (t < w) { x = t; y = 0; }
      else if (t < 2 * w) { x = t - w; y = h - 1; }
      else if (t < 2 * w + h) { x = 0; y = t - 2 * w; }
      else { x = w - 1; y = t - 2 * w - h; }
      fill.get(y + 1, x + 1, one);
      if (one[0] != 0) continue;
      Imgproc.floodFill(smooth, fill, new org.opencv.core.Point(x, y), new Scalar(0), null, step, step, flags);
    }
    Mat reached = fill.submat(1, h + 1, 1, w + 1);
    Mat product = new Mat();
    Imgproc.threshold(reached, product, 0, 255, Imgproc.THRESH_BINARY_INV);
    Imgproc.erode(product, product, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(5, 5)));
    byte[] out = new byte[w * h];
    product.get(0, 0, out);
    for (Mat m : new Mat[] {smooth, fill, product}) m.release();
    return out;
  }

  /** CIELAB (D65) of one linear BGR colour. */
  static double[] labOfLinear(double[] linBgr) {
    Mat one = new Mat(1, 1, CvType.CV_32FC3);
    one.put(0, 0, new float[] {(float) SrgbCurve.toEncoded(linBgr[0]), (float) SrgbCurve.toEncoded(linBgr[1]),
        (float) SrgbCurve.toEncoded(linBgr[2])});
    Mat lab = new Mat();
    Imgproc.cvtColor(one, lab, Imgproc.COLOR_BGR2Lab);
    float[] v = new float[3];
    lab.get(0, 0, v);
    one.release();
    lab.release();
    return new double[] {v[0], v[1], v[2]};
  }

  private static Mat resized(Mat m, double k, int interpolation) {
    if (k >= 1) return m;
    Mat out = new Mat();
    Imgproc.resize(m, out, new Size(Math.max(1, Math.round(m.cols() * k)), Math.max(1, Math.round(m.rows() * k))), 0, 0,
        interpolation);
    return out;
  }

}
