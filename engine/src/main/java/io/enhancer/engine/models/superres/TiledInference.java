package io.enhancer.engine.models.superres;

import java.util.function.UnaryOperator;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Range;

/**
 * Runs a scale-s model over a large single-channel image tile by tile so memory stays bounded by the tile size.
 * Each tile is fed with {@code overlap} extra pixels of context on every side and only its core is kept ("crop the
 * margin"): when the model's receptive field fits in the overlap, the result equals the untiled one, so no blending is
 * needed and seams cannot appear. At the image border the context is the image mirrored (OpenCV REFLECT_101), not the
 * zeros of the model's own padding, which would darken the outermost pixels.
 *
 * @param tileSize core tile side in input pixels
 * @param overlap  context pixels added on each inner side of a tile
 */
record TiledInference(int tileSize, int overlap) {

  TiledInference {
    if (tileSize < 16) throw new IllegalArgumentException("tile size must be at least 16 px, got " + tileSize);
    if (overlap < 0 || overlap > tileSize) {
      throw new IllegalArgumentException("tile overlap must be 0.." + tileSize + " px, got " + overlap);
    }
  }

  /**
   * @param input CV_32FC1 image
   * @param scale the model's factor
   * @param model maps a CV_32FC1 tile to a CV_32FC1 result {@code scale} times larger
   * @return CV_32FC1 of size {@code scale * input}
   */
  Mat run(Mat input, int scale, UnaryOperator<Mat> model) {
    int width = input.cols();
    int height = input.rows();
    Mat padded = new Mat();
    Core.copyMakeBorder(input, padded, overlap, overlap, overlap, overlap, Core.BORDER_REFLECT_101);
    Mat output = new Mat(height * scale, width * scale, CvType.CV_32FC1);
    for (int y0 = 0; y0 < height; y0 += tileSize) {
      int y1 = Math.min(height, y0 + tileSize);
      for (int x0 = 0; x0 < width; x0 += tileSize) {
        int x1 = Math.min(width, x0 + tileSize);
        // in padded coordinates the tile with its context spans [y0, y1 + 2 overlap) x [x0, x1 + 2 overlap)
        Mat tile = padded.submat(new Range(y0, y1 + 2 * overlap), new Range(x0, x1 + 2 * overlap)).clone();
        Mat result = model.apply(tile);
        Mat core = result.submat(new Range(overlap * scale, (overlap + y1 - y0) * scale),
            new Range(overlap * scale, (overlap + x1 - x0) * scale));
        core.copyTo(output.submat(new Range(y0 * scale, y1 * scale), new Range(x0 * scale, x1 * scale)));
        tile.release();
        result.release();
      }
    }
    padded.release();
    return output;
  }
}
