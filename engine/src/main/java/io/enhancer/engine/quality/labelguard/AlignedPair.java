package io.enhancer.engine.quality.labelguard;

import java.util.Optional;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The source and the result cut to the same content and resized to the same pixel grid (the source's crop times
 * a working scale), so OCR and colour comparisons see like with like: the result is resampled from its own
 * resolution, never from a downscaled copy. {@code framing} says how the correspondence was found, for the report.
 */
record AlignedPair(Mat before, Mat after, Mat afterMatte, String framing) {

  /**
   * Maps the result back onto the source frame, both at {@code scale} times the source's pixels. With no recorded mapping the whole
   * images are paired when their aspect ratios agree; otherwise each side is kept whole (word and code comparisons
   * do not need pixel alignment, colour comparison is then skipped).
   */
  static AlignedPair of(Mat before, Mat after, Mat afterMatte, RegionMapping mapping, double scale) {
    Optional<RegionMapping> known = Optional.ofNullable(mapping);
    String framing = "recorded_geometry";
    if (known.isEmpty()) {
      known = RegionMapping.assumeSameFraming(before.cols(), before.rows(), after.cols(), after.rows());
      framing = "same_aspect";
    }
    Optional<RegionMapping.Correspondence> part = known.flatMap(
        m -> m.visiblePart(before.cols(), before.rows(), after.cols(), after.rows()));
    if (part.isEmpty()) {
      // Framing unknown: give the result the same width as the scaled source, the best guess at equal text size.
      Mat afterAtScale = resize(after, scaled(after.size(), scale * before.cols() / (double) after.cols()));
      return new AlignedPair(resize(before, scaled(before.size(), scale)), afterAtScale, null, "unaligned");
    }
    Mat beforeSource = before.submat(part.get().source());
    Size target = scaled(beforeSource.size(), scale);
    Mat beforeCut = resize(beforeSource, target);
    Mat afterCut = resize(after.submat(part.get().result()), target);
    Mat matteCut = afterMatte == null ? null : resize(afterMatte.submat(part.get().result()), target);
    return new AlignedPair(beforeCut, afterCut, matteCut, framing);
  }

  boolean aligned() {
    return !"unaligned".equals(framing);
  }

  private static Size scaled(Size size, double scale) {
    return new Size(Math.max(1, Math.round(size.width * scale)), Math.max(1, Math.round(size.height * scale)));
  }

  private static Mat resize(Mat image, Size target) {
    if (image.size().equals(target)) return image;
    Mat out = new Mat();
    boolean shrinking = image.cols() > target.width;
    Imgproc.resize(image, out, target, 0, 0, shrinking ? Imgproc.INTER_AREA : Imgproc.INTER_CUBIC);
    return out;
  }
}
