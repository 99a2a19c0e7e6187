package io.enhancer.engine.models.segmentation;

import java.util.ArrayList;
import java.util.List;
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
 * Product photos with exact masks, generated: a bottle, a mug (handle hole), a box or a tote bag (handle hole),
 * shaded, with a printed label, on a cluttered, gradient, coloured or near-white background. Drawn at twice the
 * size and reduced, so edges are anti-aliased like a photo; the true mask is the product drawn the same way,
 * thresholded at half coverage.
 */
final class SyntheticProductScenes {
  enum Product { BOTTLE, MUG, BOX, TOTE }

  enum Background { CLUTTERED, GRADIENT, COLOURED, NEAR_WHITE }

  record Scene(String name, Product product, Background background, Mat bgr, Mat mask) {}

  private static final Scalar[] PRODUCT_COLOURS = {
      new Scalar(40, 40, 170), new Scalar(150, 90, 20), new Scalar(40, 140, 60), new Scalar(30, 30, 30),
      new Scalar(20, 160, 220), new Scalar(120, 40, 120), new Scalar(205, 215, 220), new Scalar(60, 90, 140)};

  private SyntheticProductScenes() {}

  /** Scenes 0..n-1 cycle through every product on every background; same index, same pixels. */
  static List<Scene> scenes(int count) {
    List<Scene> scenes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) scenes.add(scene(i));
    return scenes;
  }

  static Scene scene(int index) {
    Random random = new Random(7919L * index + 17);
    Product product = Product.values()[index % 4];
    Background background = Background.values()[(index / 4) % 4];
    int[][] sizes = {{1200, 1000}, {1000, 1300}, {1400, 1000}, {1100, 1100}};
    int w = sizes[(index + index / 4) % 4][0] * 2;
    int h = sizes[(index + index / 4) % 4][1] * 2;

    Mat canvas = background(background, w, h, random);
    Mat mask = Mat.zeros(h, w, CvType.CV_8UC1);
    Mat layer = new Mat(h, w, CvType.CV_8UC3, Scalar.all(0));
    Scalar colour = PRODUCT_COLOURS[random.nextInt(PRODUCT_COLOURS.length)];
    double scale = 0.55 + 0.25 * random.nextDouble();
    Point centre = new Point(w * (0.42 + 0.16 * random.nextDouble()), h * (0.45 + 0.1 * random.nextDouble()));
    Rect body = drawProduct(product, layer, mask, colour, centre, scale * Math.min(w, h), random);
    shade(layer, body);
    drawLabel(layer, body, colour, random);

    if (background != Background.CLUTTERED) contactShadow(canvas, body, random);
    layer.copyTo(canvas, mask);

    Mat bgr = new Mat();
    Mat softMask = new Mat();
    Imgproc.resize(canvas, bgr, new Size(w / 2.0, h / 2.0), 0, 0, Imgproc.INTER_AREA);
    Imgproc.resize(mask, softMask, new Size(w / 2.0, h / 2.0), 0, 0, Imgproc.INTER_AREA);
    Mat truth = new Mat();
    Imgproc.threshold(softMask, truth, 127, 255, Imgproc.THRESH_BINARY);
    for (Mat m : new Mat[] {canvas, mask, layer, softMask}) m.release();
    addSensorNoise(bgr, random);
    String name = String.format("synthetic-%02d-%s-%s", index, product.name().toLowerCase(),
        background.name().toLowerCase().replace('_', '-'));
    return new Scene(name, product, background, bgr, truth);
  }

  private static Mat background(Background kind, int w, int h, Random random) {
    Mat bg = new Mat(h, w, CvType.CV_8UC3);
    switch (kind) {
      case NEAR_WHITE -> {
        verticalGradient(bg, new Scalar(252, 252, 251), new Scalar(236, 238, 240));
      }
      case COLOURED -> {
        Scalar c = new Scalar(60 + random.nextInt(180), 60 + random.nextInt(180), 60 + random.nextInt(180));
        bg.setTo(c);
      }
      case GRADIENT -> {
        Scalar top = new Scalar(random.nextInt(256), random.nextInt(256), random.nextInt(256));
        Scalar bottom = new Scalar(random.nextInt(256), random.nextInt(256), random.nextInt(256));
        verticalGradient(bg, top, bottom);
      }
      case CLUTTERED -> {
        verticalGradient(bg, new Scalar(180, 190, 200), new Scalar(90, 100, 110));
        for (int i = 0; i < 60; i++) {
          Scalar c = new Scalar(random.nextInt(256), random.nextInt(256), random.nextInt(256));
          Point p = new Point(random.nextInt(w), random.nextInt(h));
          int size = (int) (Math.min(w, h) * (0.03 + 0.15 * random.nextDouble()));
          switch (random.nextInt(3)) {
            case 0 -> Imgproc.rectangle(bg, p, new Point(p.x + size, p.y + size * (0.5 + random.nextDouble())), c, -1);
            case 1 -> Imgproc.circle(bg, p, size / 2, c, -1);
            default -> Imgproc.line(bg, p, new Point(random.nextInt(w), random.nextInt(h)), c, 4 + random.nextInt(16));
          }
        }
        Imgproc.GaussianBlur(bg, bg, new Size(0, 0), 2 + 4 * random.nextDouble());
      }
    }
    return bg;
  }

  private static void verticalGradient(Mat bg, Scalar top, Scalar bottom) {
    Mat column = new Mat(2, 1, CvType.CV_8UC3);
    column.put(0, 0, top.val[0], top.val[1], top.val[2]);
    column.put(1, 0, bottom.val[0], bottom.val[1], bottom.val[2]);
    Imgproc.resize(column, bg, bg.size(), 0, 0, Imgproc.INTER_LINEAR);
  }

  /** Draws the product in flat colour into layer and 255 into mask; returns the body's box (for label, shading). */
  private static Rect drawProduct(Product product, Mat layer, Mat mask, Scalar colour, Point c, double size,
                                  Random random) {
    Scalar white = Scalar.all(255);
    switch (product) {
      case BOTTLE -> {
        int bw = (int) (size * 0.32);
        int bh = (int) (size * 0.62);
        Rect body = new Rect((int) (c.x - bw / 2.0), (int) (c.y - bh * 0.35), bw, bh);
        int neckW = bw / 3;
        int shoulder = bw / 2;
        Rect neck = new Rect((int) (c.x - neckW / 2.0), body.y - shoulder - bh / 5, neckW, bh / 5 + shoulder / 2);
        Rect cap = new Rect(neck.x - neckW / 10, neck.y - bh / 10, neckW + neckW / 5, bh / 10);
        for (Mat target : List.of(layer, mask)) {
          Scalar fill = target == mask ? white : colour;
          roundedRect(target, body, bw / 6, fill);
          Imgproc.ellipse(target, new Point(c.x, body.y), new Size(bw / 2.0, shoulder), 0, 180, 360, fill, -1);
          Imgproc.rectangle(target, neck, fill, -1);
          Imgproc.rectangle(target, cap, target == mask ? white : new Scalar(200, 200, 200), -1);
        }
        return body;
      }
      case MUG -> {
        int bw = (int) (size * 0.5);
        int bh = (int) (size * 0.55);
        Rect body = new Rect((int) (c.x - bw / 2.0 - size * 0.08), (int) (c.y - bh / 2.0), bw, bh);
        Point handleCentre = new Point(body.x + bw, body.y + bh * 0.48);
        Size outer = new Size(bw * 0.34, bh * 0.3);
        Size inner = new Size(bw * 0.2, bh * 0.17);
        for (Mat target : List.of(layer, mask)) {
          Scalar fill = target == mask ? white : colour;
          Imgproc.ellipse(target, handleCentre, outer, 0, 0, 360, fill, -1);
          Imgproc.ellipse(target, handleCentre, inner, 0, 0, 360, Scalar.all(0), -1);
          roundedRect(target, body, bw / 10, fill);
        }
        return body;
      }
      case BOX -> {
        int bw = (int) (size * (0.45 + 0.15 * random.nextDouble()));
        int bh = (int) (size * 0.6);
        int depth = bw / 5;
        Rect body = new Rect((int) (c.x - bw / 2.0), (int) (c.y - bh / 2.0 + depth / 2.0), bw, bh);
        MatOfPoint top = new MatOfPoint(new Point(body.x, body.y), new Point(body.x + depth, body.y - depth),
            new Point(body.x + bw + depth, body.y - depth), new Point(body.x + bw, body.y));
        MatOfPoint side = new MatOfPoint(new Point(body.x + bw, body.y), new Point(body.x + bw + depth, body.y - depth),
            new Point(body.x + bw + depth, body.y + bh - depth), new Point(body.x + bw, body.y + bh));
        for (Mat target : List.of(layer, mask)) {
          boolean m = target == mask;
          Imgproc.rectangle(target, body, m ? white : colour, -1);
          Imgproc.fillPoly(target, List.of(top), m ? white : scaled(colour, 1.25));
          Imgproc.fillPoly(target, List.of(side), m ? white : scaled(colour, 0.7));
        }
        return body;
      }
      case TOTE -> {
        int bw = (int) (size * 0.6);
        int bh = (int) (size * 0.5);
        Rect body = new Rect((int) (c.x - bw / 2.0), (int) (c.y - bh * 0.3), bw, bh);
        MatOfPoint bag = new MatOfPoint(new Point(body.x + bw * 0.06, body.y), new Point(body.x + bw * 0.94, body.y),
            new Point(body.x + bw, body.y + bh), new Point(body.x, body.y + bh));
        int strap = Math.max(6, bw / 22);
        for (Mat target : List.of(layer, mask)) {
          Scalar fill = target == mask ? white : colour;
          Imgproc.ellipse(target, new Point(c.x, body.y), new Size(bw * 0.28, bh * 0.45), 0, 180, 360, fill, strap);
          Imgproc.fillPoly(target, List.of(bag), fill);
        }
        return body;
      }
    }
    throw new IllegalArgumentException(product.toString());
  }

  private static void roundedRect(Mat target, Rect r, int radius, Scalar fill) {
    Imgproc.rectangle(target, new Point(r.x + radius, r.y), new Point(r.x + r.width - radius, r.y + r.height), fill, -1);
    Imgproc.rectangle(target, new Point(r.x, r.y + radius), new Point(r.x + r.width, r.y + r.height - radius), fill, -1);
    for (Point corner : List.of(new Point(r.x + radius, r.y + radius), new Point(r.x + r.width - radius, r.y + radius),
        new Point(r.x + radius, r.y + r.height - radius), new Point(r.x + r.width - radius, r.y + r.height - radius))) {
      Imgproc.circle(target, corner, radius, fill, -1);
    }
  }

  /** Cylinder-like light across the body, so the product is not a flat colour. */
  private static void shade(Mat layer, Rect body) {
    int x0 = Math.max(0, body.x - body.width / 2);
    int x1 = Math.min(layer.cols(), body.x + body.width * 3 / 2);
    Mat row = new Mat(1, x1 - x0, CvType.CV_32FC3);
    float[] values = new float[3 * (x1 - x0)];
    for (int x = 0; x < x1 - x0; x++) {
      double t = (x0 + x - body.x) / (double) body.width;
      float f = (float) (0.7 + 0.45 * Math.sin(Math.PI * Math.max(0, Math.min(1, t))));
      values[3 * x] = f;
      values[3 * x + 1] = f;
      values[3 * x + 2] = f;
    }
    row.put(0, 0, values);
    Mat shading = new Mat();
    Imgproc.resize(row, shading, new Size(x1 - x0, layer.rows()), 0, 0, Imgproc.INTER_NEAREST);
    Mat region = layer.submat(new Rect(x0, 0, x1 - x0, layer.rows()));
    Mat f = new Mat();
    region.convertTo(f, CvType.CV_32FC3);
    Core.multiply(f, shading, f);
    f.convertTo(region, CvType.CV_8UC3);
    for (Mat m : new Mat[] {row, shading, f}) m.release();
  }

  private static void drawLabel(Mat layer, Rect body, Scalar colour, Random random) {
    int lw = (int) (body.width * 0.8);
    int lh = (int) (body.height * 0.4);
    Rect label = new Rect(body.x + (body.width - lw) / 2, body.y + (int) (body.height * 0.3), lw, lh);
    boolean dark = colour.val[0] + colour.val[1] + colour.val[2] > 450;
    Scalar paper = dark ? new Scalar(40, 30, 30) : new Scalar(235, 240, 245);
    Scalar ink = dark ? new Scalar(230, 230, 230) : new Scalar(30, 30, 140 + random.nextInt(100));
    Imgproc.rectangle(layer, label, paper, -1);
    double fontScale = lw / 260.0;
    String[] brands = {"AURORA", "NORDIK", "VELA", "KOBALT", "MIRA"};
    Imgproc.putText(layer, brands[random.nextInt(brands.length)], new Point(label.x + lw * 0.07, label.y + lh * 0.38),
        Imgproc.FONT_HERSHEY_DUPLEX, fontScale, ink, Math.max(2, (int) (fontScale * 2.5)), Imgproc.LINE_AA);
    Imgproc.putText(layer, "organic 500 ml", new Point(label.x + lw * 0.07, label.y + lh * 0.62),
        Imgproc.FONT_HERSHEY_SIMPLEX, fontScale * 0.55, ink, Math.max(1, (int) fontScale), Imgproc.LINE_AA);
    for (int i = 0; i < 24; i++) {
      int x = label.x + (int) (lw * 0.07) + i * lw / 60;
      if (random.nextBoolean()) {
        Imgproc.rectangle(layer, new Point(x, label.y + lh * 0.72), new Point(x + lw / 140.0, label.y + lh * 0.92), ink, -1);
      }
    }
  }

  private static void contactShadow(Mat canvas, Rect body, Random random) {
    Mat shadow = Mat.zeros(canvas.size(), CvType.CV_8UC1);
    Imgproc.ellipse(shadow, new Point(body.x + body.width / 2.0, body.y + body.height),
        new Size(body.width * 0.6, body.height * 0.06), 0, 0, 360, Scalar.all(255), -1);
    Imgproc.GaussianBlur(shadow, shadow, new Size(0, 0), body.width * 0.05);
    Mat f = new Mat();
    canvas.convertTo(f, CvType.CV_32FC3);
    Mat s = new Mat();
    shadow.convertTo(s, CvType.CV_32F, -(0.25 + 0.2 * random.nextDouble()) / 255.0, 1.0);
    Mat s3 = new Mat();
    Core.merge(List.of(s, s, s), s3);
    Core.multiply(f, s3, f);
    f.convertTo(canvas, CvType.CV_8UC3);
    for (Mat m : new Mat[] {shadow, f, s, s3}) m.release();
  }

  private static void addSensorNoise(Mat bgr, Random random) {
    Mat noise = new Mat(bgr.size(), CvType.CV_16SC3);
    Core.setRNGSeed(random.nextInt());
    Core.randn(noise, 0, 2.0);
    Mat wide = new Mat();
    bgr.convertTo(wide, CvType.CV_16SC3);
    Core.add(wide, noise, wide);
    wide.convertTo(bgr, CvType.CV_8UC3);
    noise.release();
    wide.release();
  }

  private static Scalar scaled(Scalar c, double f) {
    return new Scalar(Math.min(255, c.val[0] * f), Math.min(255, c.val[1] * f), Math.min(255, c.val[2] * f));
  }
}
