package io.enhancer.engine.models.segmentation;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Borders that make an image square, so resizing it to the model's square input keeps the aspect ratio and
 * nothing of the product is cropped. Borders replicate the edge pixels: a product touching the frame edge then
 * continues into the border instead of ending at an artificial line the model would read as an outline.
 */
record SquarePad(int width, int height, int top, int bottom, int left, int right) {

  static SquarePad of(int width, int height) {
    int side = Math.max(width, height);
    int padX = side - width;
    int padY = side - height;
    return new SquarePad(width, height, padY / 2, padY - padY / 2, padX / 2, padX - padX / 2);
  }

  int side() {
    return width + left + right;
  }

  Mat pad(Mat image) {
    if (top == 0 && bottom == 0 && left == 0 && right == 0) return image;
    Mat padded = new Mat();
    Core.copyMakeBorder(image, padded, top, bottom, left, right, Core.BORDER_REPLICATE);
    return padded;
  }

  /** Scales a map covering the padded square to the padded size and cuts out the original image's area. */
  Mat unpadToOriginal(Mat squareMap) {
    Mat full = new Mat();
    Imgproc.resize(squareMap, full, new Size(side(), side()), 0, 0, Imgproc.INTER_LINEAR);
    Mat cut = full.submat(new Rect(left, top, width, height)).clone();
    full.release();
    return cut;
  }
}
