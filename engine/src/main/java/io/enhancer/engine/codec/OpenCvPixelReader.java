package io.enhancer.engine.codec;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Decodes JPEG (YCbCr and grey), PNG, WebP and BMP with OpenCV's bundled libjpeg-turbo/libpng/libwebp: faster than
 * ImageIO for JPEG (see CodecBenchmark) and it keeps PNG/WebP alpha unpremultiplied. Orientation is left to the
 * caller (IMREAD_IGNORE_ORIENTATION; IMREAD_UNCHANGED ignores it too) so all formats share one implementation.
 */
final class OpenCvPixelReader {

  private OpenCvPixelReader() {}

  /** @return the pixels, or null when OpenCV cannot decode these bytes */
  static DecodedPixels read(byte[] bytes, ImageFormat format, int subsampling) {
    int flags = switch (format) {
      case JPEG -> reducedColourFlag(subsampling) | Imgcodecs.IMREAD_IGNORE_ORIENTATION;
      case PNG, WEBP -> Imgcodecs.IMREAD_UNCHANGED; // keeps 16-bit and alpha; we convert below
      // 32-bit BMPs often carry an unused, all-zero alpha byte: never read it as transparency
      case BMP -> Imgcodecs.IMREAD_COLOR | Imgcodecs.IMREAD_IGNORE_ORIENTATION;
      default -> throw new IllegalArgumentException("OpenCV path does not handle " + format);
    };
    MatOfByte encoded = new MatOfByte(bytes);
    Mat raw;
    try {
      raw = Imgcodecs.imdecode(encoded, flags);
    } catch (RuntimeException e) {
      return null;
    } finally {
      encoded.release();
    }
    if (raw.empty()) return null;
    return toEightBitBgr(raw);
  }

  /** libjpeg scales in the DCT domain, so a reduced read never holds the full-resolution pixels. */
  private static int reducedColourFlag(int subsampling) {
    return switch (subsampling) {
      case 1 -> Imgcodecs.IMREAD_COLOR;
      case 2 -> Imgcodecs.IMREAD_REDUCED_COLOR_2;
      case 4 -> Imgcodecs.IMREAD_REDUCED_COLOR_4;
      case 8 -> Imgcodecs.IMREAD_REDUCED_COLOR_8;
      default -> throw new IllegalArgumentException("JPEG subsampling must be 1, 2, 4 or 8, got " + subsampling);
    };
  }

  private static DecodedPixels toEightBitBgr(Mat raw) {
    Mat eight = raw;
    if (raw.depth() == CvType.CV_16U) {
      eight = new Mat();
      raw.convertTo(eight, CvType.CV_8U, 255.0 / 65535.0); // 65535 -> 255 exactly, rounding in between
      raw.release();
    } else if (raw.depth() != CvType.CV_8U) {
      raw.release();
      return null;
    }
    Mat bgr = new Mat();
    Mat alpha = null;
    switch (eight.channels()) {
      case 1 -> Imgproc.cvtColor(eight, bgr, Imgproc.COLOR_GRAY2BGR);
      case 3 -> bgr = eight;
      case 4 -> {
        alpha = new Mat();
        Core.extractChannel(eight, alpha, 3);
        Imgproc.cvtColor(eight, bgr, Imgproc.COLOR_BGRA2BGR);
      }
      default -> {
        eight.release();
        return null;
      }
    }
    if (bgr != eight) eight.release();
    return new DecodedPixels(bgr, alpha, null);
  }
}
