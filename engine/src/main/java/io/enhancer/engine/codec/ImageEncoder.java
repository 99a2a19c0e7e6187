package io.enhancer.engine.codec;

import io.enhancer.engine.errors.EncodeException;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.OutputFormat;
import io.enhancer.engine.pipeline.Frame;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Encodes the final frame with OpenCV. OpenCV writes no EXIF/ICC/XMP, which is what we want: orientation is already
 * applied and the pixels are sRGB. JPEG is progressive with optimised Huffman tables; WebP and PNG carry the matte
 * as alpha when the options ask for a transparent background. With {@code targetKb}, {@link SizeTargetSearch} picks
 * the highest quality that fits (JPEG/WebP); PNG is lossless, so a target it misses is reported, never faked.
 */
public final class ImageEncoder {
  /** Below this, JPEG/WebP artefacts on product edges and label text become plainly visible. */
  static final int LOSSY_QUALITY_FLOOR = 30;
  /**
   * From this quality up JPEG keeps full-resolution chroma (4:4:4): at 4:2:0 red or blue label text on white
   * bleeds into a coloured halo, and at high quality that costs only ~10-20 % more bytes (see CodecBenchmark).
   * Below it, and so during size-target searches, 4:2:0 spends the budget on luma detail instead.
   */
  static final int FULL_CHROMA_FROM_QUALITY = 90;
  private static final int PNG_COMPRESSION = 6;
  private static final int PNG_MAX_COMPRESSION = 9;
  private static final int LOSSLESS_QUALITY = 100;

  public ImageEncoder() {
    OpenCvRuntime.ensureLoaded();
  }

  public EncodedImage encode(Frame frame, EnhanceOptions options) {
    OutputFormat format = options.format();
    boolean withAlpha = options.transparent() && frame.hasMatte() && format != OutputFormat.JPEG;
    Mat pixels = withAlpha ? withAlphaChannel(frame) : frame.bgr();
    try {
      if (format == OutputFormat.PNG) return encodePng(pixels, frame, options);
      if (options.targetKb() == null) {
        byte[] bytes = encodeLossy(pixels, format, options.quality());
        return new EncodedImage(bytes, format, frame.width(), frame.height(), options.quality(), true, 1);
      }
      int floor = Math.min(LOSSY_QUALITY_FLOOR, options.quality());
      SizeTargetSearch.Result r = SizeTargetSearch.search(q -> encodeLossy(pixels, format, q),
          options.targetKb() * 1024L, floor, options.quality());
      return new EncodedImage(r.bytes(), format, frame.width(), frame.height(), r.quality(), r.fitsTarget(), r.attempts());
    } finally {
      if (pixels != frame.bgr()) pixels.release();
    }
  }

  private EncodedImage encodePng(Mat pixels, Frame frame, EnhanceOptions options) {
    byte[] bytes = encodeWith(pixels, ".png", Imgcodecs.IMWRITE_PNG_COMPRESSION, PNG_COMPRESSION);
    if (options.targetKb() == null) {
      return new EncodedImage(bytes, OutputFormat.PNG, frame.width(), frame.height(), LOSSLESS_QUALITY, true, 1);
    }
    long target = options.targetKb() * 1024L;
    int attempts = 1;
    if (bytes.length > target) {
      attempts++; // the only lossless lever left: zlib's slowest, tightest setting
      byte[] tighter = encodeWith(pixels, ".png", Imgcodecs.IMWRITE_PNG_COMPRESSION, PNG_MAX_COMPRESSION);
      if (tighter.length < bytes.length) bytes = tighter;
    }
    return new EncodedImage(bytes, OutputFormat.PNG, frame.width(), frame.height(), LOSSLESS_QUALITY,
        bytes.length <= target, attempts);
  }

  static byte[] encodeLossy(Mat pixels, OutputFormat format, int quality) {
    return switch (format) {
      case JPEG -> encodeWith(pixels, ".jpg",
          Imgcodecs.IMWRITE_JPEG_QUALITY, quality,
          Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1,
          Imgcodecs.IMWRITE_JPEG_OPTIMIZE, 1,
          Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR, quality >= FULL_CHROMA_FROM_QUALITY
              ? Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_444 : Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_420);
      // libwebp treats quality > 100 as lossless; 1..100 stays lossy
      case WEBP -> encodeWith(pixels, ".webp", Imgcodecs.IMWRITE_WEBP_QUALITY, quality);
      case PNG -> throw new IllegalArgumentException("PNG is lossless");
    };
  }

  private static byte[] encodeWith(Mat pixels, String extension, int... params) {
    MatOfByte out = new MatOfByte();
    MatOfInt flags = new MatOfInt(params);
    try {
      if (!Imgcodecs.imencode(extension, pixels, out, flags)) {
        throw new EncodeException(extension.substring(1) + " encoding failed", null);
      }
      return out.toArray();
    } catch (RuntimeException e) {
      if (e instanceof EncodeException encode) throw encode;
      throw new EncodeException(extension.substring(1) + " encoding failed: " + e.getMessage(), e);
    } finally {
      out.release();
      flags.release();
    }
  }

  private static Mat withAlphaChannel(Frame frame) {
    List<Mat> channels = new ArrayList<>(4);
    Core.split(frame.bgr(), channels);
    channels.add(frame.matte());
    Mat bgra = new Mat();
    Core.merge(channels, bgra);
    for (int i = 0; i < 3; i++) channels.get(i).release();
    return bgra;
  }
}
