package io.enhancer.engine.matting;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Tidies a hard product mask at working resolution: opens holes (handles, gaps) that show the background, removes
 * speckles, and fills pinholes that do not look like background. Works on component areas rather than
 * morphological opening, so thin parts (straps, cables, stems) survive.
 */
public final class MatteCleanup {
  /** Enclosed regions smaller than this share of the image are left alone (noise, print dots). */
  private static final double MIN_HOLE_SHARE = 0.0003;
  private static final double SPECKLE_SHARE = 0.0005;
  private static final double SPECKLE_OF_LARGEST = 0.02;
  private static final double PINHOLE_SHARE = 0.001;

  /** Lab distance within which an enclosed area counts as the background seen through the product. */
  private static final double HOLE_TOLERANCE = 7;

  /**
   * @param fg         1 = product, 0 = background, row-major, modified in place
   * @param lab        interleaved Lab pixels of the working image
   * @param model      background colours of the border
   * @param background 1 = pixels the flood fill reached from the border (smooth, surely background)
   */
  public void apply(byte[] fg, byte[] lab, int width, int height, BorderColourModel model, byte[] background) {
    if (smoothBackground(fg, background)) openBackgroundHoles(fg, lab, width, height, model, background);
    removeSpeckles(fg, width, height);
    fillPinholes(fg, lab, width, height, model);
  }

  /** Most of the background was reachable by the flood fill: flat or gradient, not clutter. */
  private static boolean smoothBackground(byte[] fg, byte[] background) {
    long bg = 0, reached = 0;
    for (int i = 0; i < fg.length; i++) {
      if (fg[i] == 0) bg++;
      if (background[i] != 0) reached++;
    }
    return bg > 0 && reached >= 0.6 * bg;
  }

  /**
   * On a smooth background, enclosed product areas that match the background around them tightly are see-through
   * gaps (a mug's handle, the space between straps), not product. "Around them" follows gradients: the reference is
   * the mean of reached background in a wide window.
   */
  private static void openBackgroundHoles(byte[] fg, byte[] lab, int width, int height, BorderColourModel model,
                                          byte[] background) {
    float[][] local = localBackground(lab, width, height, background);
    byte[] candidate = new byte[fg.length];
    for (int i = 0; i < fg.length; i++) {
      if (fg[i] == 0) continue;
      int o = 3 * i;
      double l = lab[o] & 0xFF, a = lab[o + 1] & 0xFF, b = lab[o + 2] & 0xFF;
      double distance = local == null || Float.isNaN(local[0][i])
          ? model.distance(l, a, b)
          : Math.sqrt(sq(l - local[0][i]) + sq(a - local[1][i]) + sq(b - local[2][i]));
      if (distance <= HOLE_TOLERANCE) candidate[i] = 1;
    }
    Components c = Components.of(candidate, width, height);
    int minArea = (int) Math.ceil(MIN_HOLE_SHARE * width * height);
    for (int i = 0; i < fg.length; i++) {
      int label = c.labels[i];
      if (label > 0 && c.area[label] >= minArea && !c.touchesBorder[label]) fg[i] = 0;
    }
  }

  /** Per channel, the mean Lab of reached background in a window of a quarter of the long side; NaN where none. */
  private static float[][] localBackground(byte[] lab, int width, int height, byte[] background) {
    int radius = Math.max(8, Math.max(width, height) / 8);
    Size window = new Size(2 * radius + 1, 2 * radius + 1);
    float[] weight = new float[background.length];
    for (int i = 0; i < background.length; i++) weight[i] = background[i] != 0 ? 1 : 0;
    Mat weightMat = new Mat(height, width, CvType.CV_32F);
    weightMat.put(0, 0, weight);
    Mat count = new Mat();
    Imgproc.boxFilter(weightMat, count, CvType.CV_32F, window);
    float[] counts = new float[background.length];
    count.get(0, 0, counts);
    float[][] out = new float[3][background.length];
    for (int ch = 0; ch < 3; ch++) {
      float[] values = new float[background.length];
      for (int i = 0; i < values.length; i++) values[i] = weight[i] * (lab[3 * i + ch] & 0xFF);
      Mat v = new Mat(height, width, CvType.CV_32F);
      v.put(0, 0, values);
      Mat sum = new Mat();
      Imgproc.boxFilter(v, sum, CvType.CV_32F, window);
      sum.get(0, 0, out[ch]);
      for (int i = 0; i < values.length; i++) out[ch][i] = counts[i] > 1e-3f ? out[ch][i] / counts[i] : Float.NaN;
    }
    return out;
  }

  private static double sq(double v) {
    return v * v;
  }

  private static void removeSpeckles(byte[] fg, int width, int height) {
    Components c = Components.of(fg, width, height);
    int largest = 0;
    for (int l = 1; l < c.area.length; l++) largest = Math.max(largest, c.area[l]);
    double min = Math.max(SPECKLE_SHARE * width * height, SPECKLE_OF_LARGEST * largest);
    for (int i = 0; i < fg.length; i++) {
      int label = c.labels[i];
      if (label > 0 && c.area[label] < min) fg[i] = 0;
    }
  }

  /** Small enclosed background islands whose colour is not the background's are glare or print, not holes. */
  private static void fillPinholes(byte[] fg, byte[] lab, int width, int height, BorderColourModel model) {
    byte[] bg = new byte[fg.length];
    for (int i = 0; i < fg.length; i++) bg[i] = (byte) (fg[i] == 0 ? 1 : 0);
    Components c = Components.of(bg, width, height);
    double[] far = new double[c.area.length];
    for (int i = 0; i < fg.length; i++) {
      int label = c.labels[i];
      if (label == 0) continue;
      int o = 3 * i;
      if (!model.isBackground(lab[o] & 0xFF, lab[o + 1] & 0xFF, lab[o + 2] & 0xFF)) far[label]++;
    }
    double max = PINHOLE_SHARE * width * height;
    for (int i = 0; i < fg.length; i++) {
      int label = c.labels[i];
      if (label > 0 && !c.touchesBorder[label] && c.area[label] < max && far[label] > 0.5 * c.area[label]) fg[i] = 1;
    }
  }

  /** 4-connected components of a 0/1 mask: label per pixel, area and border contact per label. */
  private record Components(int[] labels, int[] area, boolean[] touchesBorder) {
    static Components of(byte[] mask, int width, int height) {
      Mat m = new Mat(height, width, CvType.CV_8UC1);
      m.put(0, 0, mask);
      Mat labelsMat = new Mat();
      int n = Imgproc.connectedComponents(m, labelsMat, 4, CvType.CV_32S);
      int[] labels = new int[width * height];
      labelsMat.get(0, 0, labels);
      int[] area = new int[n];
      boolean[] border = new boolean[n];
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int l = labels[y * width + x];
          area[l]++;
          if (x == 0 || y == 0 || x == width - 1 || y == height - 1) border[l] = true;
        }
      }
      return new Components(labels, area, border);
    }
  }
}
