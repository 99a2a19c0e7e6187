package io.enhancer.engine.quality.labelguard;

import io.enhancer.engine.quality.BoundingBox;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Finds printed text lines and barcodes by their texture: dense, strong gradients that a short horizontal closing
 * joins into line-shaped blobs (characters of a word, bars of a code). Product outlines and smooth shading do not
 * form such blobs. Works at most at {@value #WORKING_SIDE} px on the longer side; cost ~10 ms at 1500x1500.
 */
public final class TextRegionDetector {
  static final int WORKING_SIDE = 1024;
  /** Text shorter than this (working pixels) is too small to read anyway. */
  private static final int MIN_LINE_HEIGHT = 6;
  /** A blob must be at least this share of edge pixels: text lines are dense, object edges are not. */
  private static final double MIN_FILL = 0.45;
  /** Taller blobs than this share of the image height are surfaces or pictures, not label text. */
  private static final double MAX_HEIGHT_SHARE = 0.3;

  /** CV_8UC1 mask of the input's size: 255 over text lines and codes (with a small margin), 0 elsewhere. */
  public Mat detect(Mat bgr) {
    Mat mask = Mat.zeros(bgr.rows(), bgr.cols(), CvType.CV_8UC1);
    for (BoundingBox box : regions(bgr)) {
      Imgproc.rectangle(mask, new Rect(box.x(), box.y(), box.width(), box.height()), new Scalar(255), -1);
    }
    return mask;
  }

  /** Text-line and code boxes in the input's pixels, padded by a fifth of their height, largest first. */
  public List<BoundingBox> regions(Mat image) {
    Mat gray = Grey.of(image);
    double k = Math.min(1.0, WORKING_SIDE / (double) Math.max(gray.cols(), gray.rows()));
    Mat working = gray;
    if (k < 1) {
      working = new Mat();
      Imgproc.resize(gray, working, new Size(Math.round(gray.cols() * k), Math.round(gray.rows() * k)), 0, 0,
          Imgproc.INTER_AREA);
    }
    Mat gradient = new Mat();
    Imgproc.morphologyEx(working, gradient, Imgproc.MORPH_GRADIENT,
        Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(3, 3)));
    Mat edges = new Mat();
    Imgproc.threshold(gradient, edges, 0, 255, Imgproc.THRESH_BINARY | Imgproc.THRESH_OTSU);
    Mat joined = new Mat();
    Imgproc.morphologyEx(edges, joined, Imgproc.MORPH_CLOSE,
        Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(9, 1)));

    // Connected components, not outer contours: a label's outline would otherwise swallow everything inside it.
    Mat labels = new Mat(), stats = new Mat(), centroids = new Mat();
    int count = Imgproc.connectedComponentsWithStats(joined, labels, stats, centroids, 8, CvType.CV_32S);
    List<BoundingBox> boxes = new ArrayList<>();
    int[] row = new int[5];
    for (int i = 1; i < count; i++) {
      stats.get(i, 0, row);
      Rect r = new Rect(row[0], row[1], row[2], row[3]);
      int pixels = row[4];
      if (r.height < MIN_LINE_HEIGHT || r.height > MAX_HEIGHT_SHARE * working.rows() || r.width < r.height * 0.8) continue;
      if (pixels / (double) r.area() < MIN_FILL) continue;
      int pad = Math.max(2, r.height / 5);
      int x0 = (int) Math.floor(Math.max(0, r.x - pad) / k);
      int y0 = (int) Math.floor(Math.max(0, r.y - pad) / k);
      int x1 = (int) Math.ceil(Math.min(working.cols(), r.x + r.width + pad) / k);
      int y1 = (int) Math.ceil(Math.min(working.rows(), r.y + r.height + pad) / k);
      boxes.add(new BoundingBox(x0, y0, Math.min(gray.cols(), x1) - x0, Math.min(gray.rows(), y1) - y0));
    }
    boxes.sort((a, b) -> Integer.compare(b.area(), a.area()));
    return boxes;
  }
}
