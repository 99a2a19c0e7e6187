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
 * Encodes the final frame with OpenCV. OpenCV writes no EXIF/ICC/XMP: orientation is already applied, and the pixels
 * are sRGB, which {@link SrgbTag} then states (JPEG/WebP +1 KB profile, PNG +13 bytes; a size target counts it).
 * JPEG is progressive with optimised Huffman tables; WebP and PNG carry the matte as alpha when the options ask for a
 * transparent background. With {@code targetKb}, {@link SizeTargetSearch} picks
 * the highest quality that fits (JPEG/WebP); PNG is lossless, so a target it misses is reported, never faked.
 */
public final class ImageEncoder {
  /** Below this, JPEG/WebP artefacts on product edges and label text become plainly visible. */
  static final int LOSSY_QUALITY_FLOOR = 30;
  /**
   * From this quality up JPEG keeps full-resolution chroma (4:4:4): at 4:2:0 red or blue label text on white
   * bleeds into a coloured halo. Measured at q92 (CodecBenchmark): on a red/blue text label the mean error halves
   * (0.91 -> 0.43 levels) for +51 % bytes; on a 2 MP photo it costs +17 % (419 -> 491 KB). Someone asking for q90+
   * wants fidelity; below it, and so in most size-target searches, 4:2:0 spends the budget on luma detail.
   */
  static final int FULL_CHROMA_FROM_QUALITY = 90;
  /**
   * zlib's default level. Levels 1-3 halve the CPU on photos (1500x1500 product canvas: level 3 209 ms / 1287 KB,
   * level 6 456 ms / 1237 KB, level 9 972 ms / 1228 KB; CodecBenchmark) but their fast matcher handles flat
   * backgrounds badly: a flat 600x600 graphic is 6.3 KB at level 3 vs 2.4 KB at 6 (1.9 KB at 9).
   */
  private static final int PNG_COMPRESSION = 6;
  private static final int PNG_MAX_COMPRESSION = 9;
  /** Level 9 saved at most ~20 % over level 6 in our measurements (flat art; ~1-4 % on photos). */
  private static final double PNG_RECOVERABLE_OVERSHOOT = 1.25;
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
          options.targetKb() * 1024L, floor, options.quality(), sizeCurve(format));
      return new EncodedImage(r.bytes(), format, frame.width(), frame.height(), r.quality(), r.fitsTarget(), r.attempts());
    } finally {
      if (pixels != frame.bgr()) pixels.release();
    }
  }

  private EncodedImage encodePng(Mat pixels, Frame frame, EnhanceOptions options) {
    byte[] bytes = SrgbTag.png(encodeWith(pixels, ".png", Imgcodecs.IMWRITE_PNG_COMPRESSION, PNG_COMPRESSION));
    if (options.targetKb() == null) {
      return new EncodedImage(bytes, OutputFormat.PNG, frame.width(), frame.height(), LOSSLESS_QUALITY, true, 1);
    }
    long target = options.targetKb() * 1024L;
    int attempts = 1;
    if (bytes.length > target && bytes.length <= target * PNG_RECOVERABLE_OVERSHOOT) {
      attempts++; // the only lossless lever left: zlib's slowest, tightest setting
      byte[] tighter = SrgbTag.png(encodeWith(pixels, ".png", Imgcodecs.IMWRITE_PNG_COMPRESSION, PNG_MAX_COMPRESSION));
      if (tighter.length < bytes.length) bytes = tighter;
    }
    return new EncodedImage(bytes, OutputFormat.PNG, frame.width(), frame.height(), LOSSLESS_QUALITY,
        bytes.length <= target, attempts);
  }

  /** The size prior matching {@link #encodeLossy}'s settings, so the search needs few trial encodes. */
  static SizeCurve sizeCurve(OutputFormat format) {
    return switch (format) {
      case JPEG -> SizeCurve.jpeg(FULL_CHROMA_FROM_QUALITY);
      case WEBP -> SizeCurve.webp();
      case PNG -> throw new IllegalArgumentException("PNG is lossless");
    };
  }

  static byte[] encodeLossy(Mat pixels, OutputFormat format, int quality) {
    return switch (format) {
      // progressive + optimised Huffman: ~4 % smaller than baseline at q85 for ~2.4x the CPU (132 vs 55 ms, 2 MP)
      case JPEG -> SrgbTag.jpeg(encodeWith(pixels, ".jpg",
          Imgcodecs.IMWRITE_JPEG_QUALITY, quality,
          Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1,
          Imgcodecs.IMWRITE_JPEG_OPTIMIZE, 1,
          Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR, quality >= FULL_CHROMA_FROM_QUALITY
              ? Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_444 : Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_420));
      // libwebp treats quality > 100 as lossless; 1..100 stays lossy
      case WEBP -> SrgbTag.webp(encodeWith(pixels, ".webp", Imgcodecs.IMWRITE_WEBP_QUALITY, quality), pixels.cols(),
          pixels.rows());
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
