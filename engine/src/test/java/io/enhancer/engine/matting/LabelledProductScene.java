package io.enhancer.engine.matting;

import io.enhancer.engine.CameraEffects;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A catalogue product photo with everything known: a box, bottle, tube, white box or pouch carrying a printed label
 * with known words, photographed on a cluttered, gradient, coloured, near-white or textured background and degraded
 * like an upload (small, noisy, colour cast, gamma, heavy JPEG). Beside the upload: the ideal rendering (the same
 * product, undegraded, on pure white, same geometry), the true mask and the label's box. Drawn at twice the size and
 * reduced (antialiased edges); the same seed always gives the same pixels.
 *
 * @param upload the photo as a user would send it
 * @param ideal  what a perfect cut-out and correction would give, at the upload's size
 * @param truth  true product mask (255 = product) at the upload's size
 * @param label  the printed label's box at the upload's size
 * @param words  the words printed on the label
 * @param reference the ideal at the resolution it was drawn at ({@link #RENDER} x the standard size): the truth an
 *                  enlarged output is scored against, since the ideal at the upload's size, enlarged, would credit
 *                  plain resampling and penalise every real gain in detail (super-resolution, sharpening)
 */
public record LabelledProductScene(String name, Product product, Backdrop backdrop, Degradation degradation,
                                   Mat upload, Mat ideal, Mat truth, Rect label, List<String> words, Mat reference) {

  /** The reference's pixels per upload pixel. */
  public double referenceScale() {
    return reference.cols() / (double) upload.cols();
  }

  public enum Product { BOX, BOTTLE, TUBE, WHITE_BOX, POUCH }

  public enum Backdrop { CLUTTERED, GRADIENT, COLOURED, NEAR_WHITE, TEXTURED }

  public enum Degradation { NONE, SMALL, NOISE, COLOUR_CAST, GAMMA, JPEG }

  public static final int WIDTH = 800;
  public static final int HEIGHT = 600;
  /** Scenes are drawn at this multiple of the standard size, then reduced. */
  public static final int RENDER = 4;

  private static final String[] VOCABULARY = {
      "STERILE", "GAUZE", "SALINE", "BANDAGE", "LATEX", "SYRINGE", "DRESSING", "ANTISEPTIC", "CREAM", "TABLETS",
      "VITAMIN", "SINGLE", "PLASTER", "IODINE", "GLOVES", "LOTION", "CAPSULES", "SPRAY", "WIPES", "OINTMENT"};

  /**
   * The first {@code count} scenes of the standard sequence: every product meets every backdrop within 25 scenes
   * (a Latin square), and degradations cycle so that each product and backdrop sees several.
   */
  public static List<LabelledProductScene> catalogue(int count) {
    List<LabelledProductScene> scenes = new ArrayList<>();
    Product[] products = Product.values();
    Backdrop[] backdrops = Backdrop.values();
    Degradation[] degradations = Degradation.values();
    for (int i = 0; i < count; i++) {
      scenes.add(render(products[i % 5], backdrops[(i + i / 5) % 5], degradations[i % 6], 1000 + i));
    }
    return scenes;
  }

  public static LabelledProductScene render(Product product, Backdrop backdrop, Degradation degradation, long seed) {
    Random random = new Random(seed);
    int w = RENDER * WIDTH, h = RENDER * HEIGHT;
    Mat mask = Mat.zeros(h, w, CvType.CV_8UC1);
    Mat paint = new Mat(h, w, CvType.CV_8UC3, new Scalar(0, 0, 0));
    // product centred with some jitter, 35-55 % of the frame high
    double cx = w * (0.5 + 0.06 * (random.nextDouble() - 0.5));
    double cy = h * (0.52 + 0.06 * (random.nextDouble() - 0.5));
    double ph = h * (0.55 + 0.15 * random.nextDouble());
    Scalar body = bodyColour(product, random);
    Rect label = drawProduct(product, paint, mask, cx, cy, ph, body, random);
    List<String> words = pickWords(random);
    printLabel(paint, label, words, product == Product.WHITE_BOX, random);

    Mat ideal = new Mat(h, w, CvType.CV_8UC3, new Scalar(255, 255, 255));
    paint.copyTo(ideal, mask);
    Mat scene = background(backdrop, w, h, mask, random);
    paint.copyTo(scene, mask);

    Mat upload = reduce(scene, WIDTH, HEIGHT, false);
    Mat idealSmall = reduce(ideal, WIDTH, HEIGHT, false);
    Mat truth = reduce(mask, WIDTH, HEIGHT, true);
    Rect labelSmall = new Rect(label.x / RENDER, label.y / RENDER, label.width / RENDER, label.height / RENDER);
    if (degradation == Degradation.SMALL) {
      int sw = WIDTH * 9 / 20, sh = HEIGHT * 9 / 20;
      upload = reduce(upload, sw, sh, false);
      idealSmall = reduce(idealSmall, sw, sh, false);
      truth = reduce(truth, sw, sh, true);
      double f = sw / (double) WIDTH;
      labelSmall = new Rect((int) (labelSmall.x * f), (int) (labelSmall.y * f), (int) (labelSmall.width * f),
          (int) (labelSmall.height * f));
    }
    upload = degrade(upload, degradation, random);
    String name = String.format(Locale.ROOT, "%s-%s-%s-%d", product, backdrop, degradation, seed).toLowerCase(Locale.ROOT);
    return new LabelledProductScene(name, product, backdrop, degradation, upload, idealSmall, truth, labelSmall,
        words, ideal);
  }

  private static Scalar bodyColour(Product product, Random random) {
    if (product == Product.WHITE_BOX) return new Scalar(246, 246, 244);
    Scalar[] palette = {new Scalar(170, 90, 30), new Scalar(40, 40, 190), new Scalar(60, 140, 60),
        new Scalar(200, 200, 60), new Scalar(120, 60, 150), new Scalar(30, 120, 220), new Scalar(200, 170, 150)};
    return palette[random.nextInt(palette.length)];
  }

  /** Draws the product's shape into {@code paint} and {@code mask}; returns the label's box. */
  private static Rect drawProduct(Product product, Mat paint, Mat mask, double cx, double cy, double ph, Scalar body,
                                  Random random) {
    double pw;
    switch (product) {
      case BOX, WHITE_BOX -> {
        pw = ph * (0.6 + 0.2 * random.nextDouble());
        double depth = ph * 0.08;
        Point[] front = rect(cx - pw / 2, cy - ph / 2 + depth, cx + pw / 2, cy + ph / 2);
        Point[] top = {new Point(cx - pw / 2, cy - ph / 2 + depth), new Point(cx - pw / 2 + depth, cy - ph / 2),
            new Point(cx + pw / 2 + depth, cy - ph / 2), new Point(cx + pw / 2, cy - ph / 2 + depth)};
        Point[] side = {new Point(cx + pw / 2, cy - ph / 2 + depth), new Point(cx + pw / 2 + depth, cy - ph / 2),
            new Point(cx + pw / 2 + depth, cy + ph / 2 - depth), new Point(cx + pw / 2, cy + ph / 2)};
        fill(paint, mask, front, shade(body, 1.0));
        fill(paint, mask, top, shade(body, 1.06));
        fill(paint, mask, side, shade(body, 0.82));
        return box(cx - pw * 0.4, cy - ph * 0.18, cx + pw * 0.4, cy + ph * 0.22);
      }
      case BOTTLE -> {
        pw = ph * 0.4;
        double shoulder = cy - ph * 0.2;
        fillCylinder(paint, mask, cx, pw, shoulder, cy + ph / 2, body);
        Imgproc.ellipse(mask, new Point(cx, shoulder), new Size(pw / 2, ph * 0.1), 0, 180, 360, new Scalar(255), -1);
        Imgproc.ellipse(paint, new Point(cx, shoulder), new Size(pw / 2, ph * 0.1), 0, 180, 360, shade(body, 0.95), -1);
        double neck = pw * 0.32;
        fillCylinder(paint, mask, cx, neck, cy - ph / 2 + ph * 0.08, shoulder - ph * 0.08, shade(body, 0.9));
        fillCylinder(paint, mask, cx, neck * 1.2, cy - ph / 2, cy - ph / 2 + ph * 0.08, new Scalar(40, 40, 40));
        return box(cx - pw * 0.46, cy - ph * 0.05, cx + pw * 0.46, cy + ph * 0.3);
      }
      case TUBE -> {
        pw = ph * 0.38;
        // a tube lying upright: crimped flat end at the top, wide; cap at the bottom, narrow
        Point[] outline = {new Point(cx - pw / 2, cy - ph / 2 + ph * 0.05), new Point(cx + pw / 2, cy - ph / 2 + ph * 0.05),
            new Point(cx + pw * 0.36, cy + ph * 0.36), new Point(cx - pw * 0.36, cy + ph * 0.36)};
        fill(paint, mask, outline, body);
        fill(paint, mask, rect(cx - pw * 0.52, cy - ph / 2, cx + pw * 0.52, cy - ph / 2 + ph * 0.06), shade(body, 0.8));
        fill(paint, mask, rect(cx - pw * 0.18, cy + ph * 0.36, cx + pw * 0.18, cy + ph / 2), new Scalar(235, 235, 235));
        return box(cx - pw * 0.4, cy - ph * 0.22, cx + pw * 0.4, cy + ph * 0.12);
      }
      default -> { // POUCH: rounded bag with a sealed top strip and a tear notch
        pw = ph * 0.7;
        List<Point> pts = new ArrayList<>();
        for (int i = 0; i <= 40; i++) {
          double t = Math.PI * i / 40;
          pts.add(new Point(cx + pw / 2 * Math.cos(t) * 0.98, cy + ph * 0.3 + ph * 0.2 * Math.sin(t)));
        }
        pts.add(new Point(cx - pw / 2, cy - ph / 2 + ph * 0.1));
        pts.add(new Point(cx - pw / 2 + 8, cy - ph / 2));
        pts.add(new Point(cx + pw / 2 - 8, cy - ph / 2));
        pts.add(new Point(cx + pw / 2, cy - ph / 2 + ph * 0.1));
        fill(paint, mask, pts.toArray(new Point[0]), body);
        Imgproc.rectangle(paint, new Point(cx - pw / 2 + 6, cy - ph / 2 + 4), new Point(cx + pw / 2 - 6, cy - ph / 2 + ph * 0.06),
            shade(body, 0.85), -1);
        Imgproc.circle(mask, new Point(cx + pw / 2, cy - ph / 2 + ph * 0.08), (int) (ph * 0.015), new Scalar(0), -1);
        return box(cx - pw * 0.38, cy - ph * 0.22, cx + pw * 0.38, cy + ph * 0.2);
      }
    }
  }

  private static List<String> pickWords(Random random) {
    List<String> words = new ArrayList<>();
    while (words.size() < 3) {
      String w = VOCABULARY[random.nextInt(VOCABULARY.length)];
      if (!words.contains(w)) words.add(w);
    }
    return List.copyOf(words);
  }

  /** A label panel with three words in two lines, sized to fill the panel; on a white box, printed straight on. */
  private static void printLabel(Mat paint, Rect label, List<String> words, boolean onWhite, Random random) {
    Scalar panel = onWhite ? null : new Scalar(245, 245, 242);
    Scalar ink = onWhite ? new Scalar(150, 60, 20) : new Scalar(25, 25, 30);
    if (panel != null) Imgproc.rectangle(paint, label.tl(), label.br(), panel, -1);
    String[] lines = {words.get(0), words.get(1) + " " + words.get(2)};
    int font = Imgproc.FONT_HERSHEY_DUPLEX;
    for (int i = 0; i < 2; i++) {
      int[] base = new int[1];
      Size unit = Imgproc.getTextSize(lines[i], font, 1.0, 2, base);
      double scale = Math.min(0.88 * label.width / unit.width, 0.32 * label.height / unit.height);
      int thickness = Math.max(2, (int) Math.round(scale * 1.6));
      Size size = Imgproc.getTextSize(lines[i], font, scale, thickness, base);
      double y = label.y + label.height * (i == 0 ? 0.42 : 0.85);
      Imgproc.putText(paint, lines[i], new Point(label.x + (label.width - size.width) / 2, y), font, scale, ink,
          thickness, Imgproc.LINE_AA);
    }
    if (random.nextBoolean()) {
      Imgproc.rectangle(paint, new Point(label.x, label.y - 14), new Point(label.x + label.width, label.y - 4),
          new Scalar(40, 40, 200), -1);
    }
  }

  private static Mat background(Backdrop backdrop, int w, int h, Mat productMask, Random random) {
    Mat bg = new Mat(h, w, CvType.CV_8UC3);
    switch (backdrop) {
      case GRADIENT -> {
        for (int y = 0; y < h; y++) {
          double t = y / (double) (h - 1);
          Imgproc.line(bg, new Point(0, y), new Point(w - 1, y), new Scalar(235 - 90 * t, 228 - 80 * t, 220 - 60 * t));
        }
      }
      case COLOURED -> {
        Scalar[] colours = {new Scalar(150, 120, 40), new Scalar(60, 160, 230), new Scalar(90, 150, 90)};
        bg.setTo(colours[random.nextInt(colours.length)]);
        vignette(bg);
      }
      case NEAR_WHITE -> {
        bg.setTo(new Scalar(241, 243, 244));
        vignette(bg);
        // soft contact shadow under the product: not product, so it must go
        Rect box = Imgproc.boundingRect(productMask);
        Mat shadow = Mat.zeros(h, w, CvType.CV_8UC1);
        Imgproc.ellipse(shadow, new Point(box.x + box.width / 2.0, box.y + box.height), new Size(box.width * 0.6, 30),
            0, 0, 360, new Scalar(70), -1);
        Imgproc.GaussianBlur(shadow, shadow, new Size(0, 0), 18);
        Mat shadow3 = new Mat();
        Imgproc.cvtColor(shadow, shadow3, Imgproc.COLOR_GRAY2BGR);
        Core.subtract(bg, shadow3, bg);
      }
      case TEXTURED -> wood(bg, random);
      case CLUTTERED -> clutter(bg, w, h, productMask, random);
    }
    return bg;
  }

  /** Wood-like grain: stripes of varying width and tone with fine noise. */
  private static void wood(Mat bg, Random random) {
    int w = bg.cols(), h = bg.rows();
    byte[] px = new byte[w * h * 3];
    double phase = random.nextDouble() * 10;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double grain = Math.sin(x * 0.035 + 3 * Math.sin(y * 0.004 + phase) + 0.6 * Math.sin(x * 0.11)) * 0.5 + 0.5;
        double tone = 0.75 + 0.25 * grain;
        int o = 3 * (y * w + x);
        px[o] = (byte) (70 * tone);
        px[o + 1] = (byte) (120 * tone);
        px[o + 2] = (byte) (170 * tone);
      }
    }
    bg.put(0, 0, px);
  }

  /** A table top with other things on it: boxes, a cup, a round tin; some behind the product, touching it. */
  private static void clutter(Mat bg, int w, int h, Mat productMask, Random random) {
    for (int y = 0; y < h; y++) {
      double t = y / (double) (h - 1);
      Imgproc.line(bg, new Point(0, y), new Point(w - 1, y), new Scalar(150 + 30 * t, 160 + 25 * t, 165 + 20 * t));
    }
    Rect product = Imgproc.boundingRect(productMask);
    int objects = 4 + random.nextInt(3);
    for (int i = 0; i < objects; i++) {
      Scalar c = new Scalar(30 + random.nextInt(200), 30 + random.nextInt(200), 30 + random.nextInt(200));
      boolean left = i % 2 == 0;
      double x = left ? product.x - w * (0.02 + 0.18 * random.nextDouble()) : product.br().x + w * (0.02 + 0.18 * random.nextDouble());
      double y = h * (0.15 + 0.7 * random.nextDouble());
      double s = h * (0.08 + 0.14 * random.nextDouble());
      switch (random.nextInt(3)) {
        case 0 -> Imgproc.rectangle(bg, new Point(x - s * 0.6, y - s), new Point(x + s * 0.6, y + s), c, -1);
        case 1 -> Imgproc.circle(bg, new Point(x, y), (int) s, c, -1);
        default -> {
          Imgproc.rectangle(bg, new Point(x - s * 0.5, y - s * 0.7), new Point(x + s * 0.5, y + s * 0.7), c, -1);
          Imgproc.ellipse(bg, new Point(x + s * 0.5, y), new Size(s * 0.3, s * 0.35), 0, -90, 90, c, 8);
        }
      }
    }
    // one box partly hidden behind the product
    Scalar c = new Scalar(60 + random.nextInt(150), 60 + random.nextInt(150), 60 + random.nextInt(150));
    double bx = product.x + product.width * (random.nextBoolean() ? 0.8 : -0.3);
    Imgproc.rectangle(bg, new Point(bx, product.y + product.height * 0.3), new Point(bx + product.width * 0.5,
        product.br().y - product.height * 0.05), c, -1);
  }

  private static void vignette(Mat bg) {
    Mat f = new Mat();
    bg.convertTo(f, CvType.CV_32FC3);
    Mat gain = new Mat(bg.size(), CvType.CV_32FC1);
    float[] g = new float[bg.cols() * bg.rows()];
    for (int y = 0; y < bg.rows(); y++) {
      for (int x = 0; x < bg.cols(); x++) {
        double dx = (x - bg.cols() / 2.0) / bg.cols(), dy = (y - bg.rows() / 2.0) / bg.rows();
        g[y * bg.cols() + x] = (float) (1 - 0.18 * (dx * dx + dy * dy) * 2);
      }
    }
    gain.put(0, 0, g);
    Mat gain3 = new Mat();
    Core.merge(List.of(gain, gain, gain), gain3);
    Core.multiply(f, gain3, f);
    f.convertTo(bg, CvType.CV_8UC3);
  }

  private static Mat degrade(Mat image, Degradation degradation, Random random) {
    Mat out = image.clone();
    switch (degradation) {
      case NOISE -> CameraEffects.addNoise(out, 9, random);
      case COLOUR_CAST -> Core.multiply(out, new Scalar(0.82, 1.0, 1.14), out);
      case GAMMA -> {
        Mat lut = new Mat(1, 256, CvType.CV_8UC1);
        double gamma = random.nextBoolean() ? 1.6 : 0.65;
        for (int i = 0; i < 256; i++) lut.put(0, i, Math.round(255 * Math.pow(i / 255.0, gamma)));
        Core.LUT(out, lut, out);
      }
      default -> { }
    }
    CameraEffects.addNoise(out, 2, random);
    return CameraEffects.jpeg(out, degradation == Degradation.JPEG ? 30 : 90);
  }

  private static Mat reduce(Mat image, int width, int height, boolean binary) {
    Mat small = new Mat();
    Imgproc.resize(image, small, new Size(width, height), 0, 0, Imgproc.INTER_AREA);
    if (binary) Imgproc.threshold(small, small, 127, 255, Imgproc.THRESH_BINARY);
    return small;
  }

  private static Point[] rect(double x0, double y0, double x1, double y1) {
    return new Point[] {new Point(x0, y0), new Point(x1, y0), new Point(x1, y1), new Point(x0, y1)};
  }

  private static Rect box(double x0, double y0, double x1, double y1) {
    return new Rect((int) Math.round(x0), (int) Math.round(y0), (int) Math.round(x1 - x0), (int) Math.round(y1 - y0));
  }

  private static void fill(Mat paint, Mat mask, Point[] polygon, Scalar colour) {
    List<MatOfPoint> shape = List.of(new MatOfPoint(polygon));
    Imgproc.fillPoly(paint, shape, colour, Imgproc.LINE_8);
    Imgproc.fillPoly(mask, shape, new Scalar(255), Imgproc.LINE_8);
  }

  /** An upright cylinder from y0 to y1, shaded across its width. */
  private static void fillCylinder(Mat paint, Mat mask, double cx, double width, double y0, double y1, Scalar colour) {
    for (int x = (int) Math.round(cx - width / 2); x <= (int) Math.round(cx + width / 2); x++) {
      double u = (x - cx) / (width / 2);
      double s = 0.8 + 0.25 * Math.cos(Math.max(-1, Math.min(1, u)) * Math.PI / 2);
      Imgproc.line(paint, new Point(x, y0), new Point(x, y1), shade(colour, s));
      Imgproc.line(mask, new Point(x, y0), new Point(x, y1), new Scalar(255));
    }
  }

  private static Scalar shade(Scalar c, double s) {
    return new Scalar(Math.min(255, c.val[0] * s), Math.min(255, c.val[1] * s), Math.min(255, c.val[2] * s));
  }
}
