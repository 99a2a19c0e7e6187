package io.enhancer.engine.matting;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Colour guided filter (He, Sun, Tang 2010) in its fast, subsampled form (He and Sun 2015): the filtered map is
 * locally a linear function of the guide's three channels, so it takes the image's edges while keeping the input
 * map's values. A colour guide, unlike a grey one, also sees edges between colours of equal lightness (a grey
 * product on green). Written with box filters because the OpenCV build here has no ximgproc module. The one guided
 * filter of the engine: the neural refiner ({@link MatteRefiner}) and the classical one ({@link MatteEdgeRefiner})
 * both use it.
 *
 * @param radius     window radius in full-resolution pixels
 * @param epsilon    regularisation; larger values smooth more and follow colour edges less (guide in [0,1])
 * @param subsample  factor by which the linear coefficients are computed at lower resolution (1 = exact)
 */
public record GuidedFilter(int radius, double epsilon, int subsample) {

  public GuidedFilter {
    if (radius < 1) throw new IllegalArgumentException("guided filter radius must be >= 1, got " + radius);
    if (!(epsilon > 0)) throw new IllegalArgumentException("guided filter epsilon must be > 0, got " + epsilon);
    if (subsample < 1) throw new IllegalArgumentException("guided filter subsample must be >= 1, got " + subsample);
  }

  /** Exact (not subsampled) filter. */
  public GuidedFilter(int radius, double epsilon) {
    this(radius, epsilon, 1);
  }

  /**
   * @param guideBgr CV_8UC3 image, or CV_32FC3 already scaled to [0,1]
   * @param map      CV_32FC1 map of the same size
   * @return CV_32FC1 filtered map (not clamped)
   */
  public Mat filter(Mat guideBgr, Mat map) {
    try (Scratch w = new Scratch()) {
      Mat guideFull = w.keep(new Mat());
      if (guideBgr.type() == CvType.CV_32FC3) guideBgr.copyTo(guideFull);
      else guideBgr.convertTo(guideFull, CvType.CV_32FC3, 1.0 / 255);
      List<Mat> fullPlanes = new ArrayList<>(3);
      Core.split(guideFull, fullPlanes);
      fullPlanes.forEach(w::keep);

      int s = Math.min(subsample, Math.max(1, Math.min(map.cols(), map.rows()) / 32));
      Size small = new Size(Math.max(1, map.cols() / s), Math.max(1, map.rows() / s));
      int r = Math.max(1, radius / s);
      List<Mat> guide = new ArrayList<>(3);
      for (Mat plane : fullPlanes) guide.add(w.shrink(plane, small, s));
      Mat p = w.shrink(map, small, s);

      Mat[] meanI = new Mat[3];
      Mat[] covIp = new Mat[3];
      Mat meanP = w.box(p, r);
      for (int c = 0; c < 3; c++) {
        meanI[c] = w.box(guide.get(c), r);
        covIp[c] = w.minusProduct(w.box(w.product(guide.get(c), p), r), meanI[c], meanP);
      }
      // Symmetric 3x3 covariance of the guide per pixel, regularised on the diagonal.
      Mat[][] cov = new Mat[3][3];
      for (int i = 0; i < 3; i++) {
        for (int j = i; j < 3; j++) {
          cov[i][j] = w.minusProduct(w.box(w.product(guide.get(i), guide.get(j)), r), meanI[i], meanI[j]);
          if (i == j) Core.add(cov[i][j], new Scalar(epsilon), cov[i][j]);
          cov[j][i] = cov[i][j];
        }
      }
      Mat[] a = solve(w, cov, covIp);

      Mat b = w.keep(meanP.clone());
      for (int c = 0; c < 3; c++) Core.subtract(b, w.product(a[c], meanI[c]), b);

      Mat q = w.grow(w.box(b, r), map.size(), s).clone();
      for (int c = 0; c < 3; c++) {
        Core.add(q, w.product(w.grow(w.box(a[c], r), map.size(), s), fullPlanes.get(c)), q);
      }
      return q;
    }
  }

  /** Per pixel a = cov^-1 * covIp by the adjugate (cov is symmetric positive definite after adding epsilon). */
  private static Mat[] solve(Scratch w, Mat[][] c, Mat[] v) {
    Mat inv00 = w.minusProducts(c[1][1], c[2][2], c[1][2], c[1][2]);
    Mat inv01 = w.minusProducts(c[0][2], c[1][2], c[0][1], c[2][2]);
    Mat inv02 = w.minusProducts(c[0][1], c[1][2], c[0][2], c[1][1]);
    Mat inv11 = w.minusProducts(c[0][0], c[2][2], c[0][2], c[0][2]);
    Mat inv12 = w.minusProducts(c[0][2], c[0][1], c[0][0], c[1][2]);
    Mat inv22 = w.minusProducts(c[0][0], c[1][1], c[0][1], c[0][1]);
    Mat det = w.product(c[0][0], inv00);
    Core.add(det, w.product(c[0][1], inv01), det);
    Core.add(det, w.product(c[0][2], inv02), det);
    Mat[][] inv = {{inv00, inv01, inv02}, {inv01, inv11, inv12}, {inv02, inv12, inv22}};
    Mat[] a = new Mat[3];
    for (int i = 0; i < 3; i++) {
      Mat sum = w.product(inv[i][0], v[0]);
      Core.add(sum, w.product(inv[i][1], v[1]), sum);
      Core.add(sum, w.product(inv[i][2], v[2]), sum);
      Core.divide(sum, det, sum);
      a[i] = sum;
    }
    return a;
  }

  /** Intermediate matrices, released together: native memory the garbage collector does not see. */
  private static final class Scratch implements AutoCloseable {
    private final List<Mat> mats = new ArrayList<>();

    Mat keep(Mat m) {
      mats.add(m);
      return m;
    }

    Mat box(Mat m, int r) {
      Mat out = keep(new Mat());
      Imgproc.boxFilter(m, out, CvType.CV_32F, new Size(2 * r + 1, 2 * r + 1), new Point(-1, -1), true,
          Core.BORDER_REFLECT);
      return out;
    }

    Mat product(Mat x, Mat y) {
      Mat out = keep(new Mat());
      Core.multiply(x, y, out);
      return out;
    }

    /** x - a*b */
    Mat minusProduct(Mat x, Mat a, Mat b) {
      Mat out = keep(new Mat());
      Core.subtract(x, product(a, b), out);
      return out;
    }

    /** a*b - c*d */
    Mat minusProducts(Mat a, Mat b, Mat c, Mat d) {
      Mat out = product(a, b);
      Core.subtract(out, product(c, d), out);
      return out;
    }

    Mat shrink(Mat m, Size size, int s) {
      if (s == 1) return m;
      Mat out = keep(new Mat());
      Imgproc.resize(m, out, size, 0, 0, Imgproc.INTER_AREA);
      return out;
    }

    Mat grow(Mat m, Size size, int s) {
      if (s == 1) return m;
      Mat out = keep(new Mat());
      Imgproc.resize(m, out, size, 0, 0, Imgproc.INTER_LINEAR);
      return out;
    }

    @Override
    public void close() {
      mats.forEach(Mat::release);
    }
  }
}
