package io.enhancer.engine.codec;

import io.enhancer.engine.errors.InvalidImageException;
import io.enhancer.engine.errors.LimitExceededException;
import io.enhancer.engine.limits.ImageLimits;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.pipeline.Frame;
import java.util.Objects;
import org.opencv.core.Core;
import org.opencv.core.Mat;

/**
 * Turns image bytes into an upright 8-bit sRGB frame (matte = source alpha, colours kept unpremultiplied).
 * Order: empty and byte limit, signature sniff, header (size, truncation, colour profile), pixel limit, pixel decode,
 * conversion to sRGB, orientation. Nothing pixel-sized is allocated before the limits pass, so a small file declaring
 * 20000x20000 costs nothing.
 *
 * <p>Colour: an embedded ICC profile (JPEG APP2, PNG iCCP, WebP ICCP) other than sRGB is converted to sRGB
 * ({@link ColourPlan}); no profile, PNG's sRGB chunk or an sRGB profile cost no conversion. CMYK/YCCK JPEG goes
 * through its own profile or, without one, a default CMYK profile ({@link CmykJpegReader}).
 *
 * <p>Decode paths: OpenCV for JPEG (YCbCr/grey), PNG, WebP, BMP; ImageIO (TwelveMonkeys) for CMYK/YCCK JPEG (raw
 * samples), TIFF, GIF, and WebP that OpenCV rejects (animated). Speed is not what decides JPEG: on a 2 MP JPEG, thread-CPU
 * medians over three runs were OpenCV imdecode 25-37 ms, ImageIO TwelveMonkeys 22-27 ms, JDK reader 21-29 ms
 * (CodecBenchmark on a loaded 2-core box; this openpnp build's libjpeg-turbo shows no edge). OpenCV wins on what
 * else it gives: DCT-domain reduced reads (1/2: 13-18 ms, 1/8: 6 ms), a BGR Mat with no BufferedImage step,
 * pixels off the Java heap, and one code path with PNG/WebP. OpenCV would also apply EXIF orientation itself with
 * IMREAD_COLOR (verified), but we read with IMREAD_IGNORE_ORIENTATION and rotate in {@link ExifOrientation} so the
 * ImageIO path matches.
 */
public final class ImageDecoder {
  private static final int[] JPEG_SCALE_FACTORS = {8, 4, 2};

  private final ImageLimits limits;

  public ImageDecoder(ImageLimits limits) {
    OpenCvRuntime.ensureLoaded();
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * Width x height the file declares, read from its header without decoding a pixel: what a caller needs to
   * budget memory for a run before taking it on.
   */
  public static long declaredPixels(byte[] bytes) {
    if (bytes == null || bytes.length == 0) throw new InvalidImageException("input is empty");
    return SourceHeader.read(bytes, ImageFormat.sniff(bytes)).pixels();
  }

  public DecodedImage decode(byte[] bytes) {
    return decode(bytes, 0);
  }

  /**
   * @param maxLongSide the largest long side the pipeline will use (e.g. the canvas), or 0 for full resolution.
   *                    A JPEG whose long side is at least twice this is read reduced by 2, 4 or 8 (never below it).
   */
  public DecodedImage decode(byte[] bytes, int maxLongSide) {
    if (maxLongSide < 0) throw new IllegalArgumentException("maxLongSide must be >= 0, got " + maxLongSide);
    if (bytes == null || bytes.length == 0) throw new InvalidImageException("input is empty");
    if (bytes.length > limits.maxBytes()) {
      throw new LimitExceededException("input is " + bytes.length + " bytes, limit is " + limits.maxBytes());
    }
    ImageFormat format = ImageFormat.sniff(bytes);
    SourceHeader header = SourceHeader.read(bytes, format);
    if (header.pixels() > limits.maxPixels()) {
      throw new LimitExceededException("image is " + header.width() + "x" + header.height() + " = " + header.pixels()
          + " pixels, limit is " + limits.maxPixels());
    }
    int subsampling = subsamplingFor(header, maxLongSide);
    ColourPlan colour = ColourPlan.forSource(header.profile(), header.colourSpace());
    DecodedPixels pixels = decodePixels(bytes, header, subsampling, colour);

    ExifOrientation orientation = ExifOrientation.of(header.exifOrientation());
    Mat bgr = orientation.upright(pixels.bgr());
    Mat matte = pixels.alpha() == null ? null : orientation.upright(pixels.alpha());
    if (bgr != pixels.bgr()) pixels.bgr().release();
    if (matte != null && matte != pixels.alpha()) pixels.alpha().release();
    if (matte != null && isFullyOpaque(matte)) {
      matte.release(); // an all-opaque alpha says nothing about where the product is
      matte = null;
    }
    boolean swap = orientation.swapsWidthAndHeight();
    String colourSpace = header.colourSpace() != null ? header.colourSpace()
        : pixels.colourSpace() != null ? pixels.colourSpace() : "srgb";
    SourceInfo info = new SourceInfo(format.id(), swap ? header.height() : header.width(),
        swap ? header.width() : header.height(), bytes.length, matte != null, orientation.tagValue(), colourSpace,
        colour.note(), subsampling);
    return new DecodedImage(new Frame(bgr, matte), info);
  }

  /** Only JPEG is read reduced: its decoder scales in the DCT domain; other formats would decode full size first. */
  private static int subsamplingFor(SourceHeader header, int maxLongSide) {
    if (maxLongSide == 0 || header.format() != ImageFormat.JPEG) return 1;
    int longSide = Math.max(header.width(), header.height());
    for (int factor : JPEG_SCALE_FACTORS) {
      if (longSide / factor >= maxLongSide) return factor;
    }
    return 1;
  }

  private static DecodedPixels decodePixels(byte[] bytes, SourceHeader header, int subsampling, ColourPlan colour) {
    ImageFormat format = header.format();
    return switch (format) {
      case JPEG -> header.needsCmykConversion()
          ? CmykJpegReader.read(bytes, header.adobeTransform(), subsampling, colour.convertFrom())
          : toSrgb(orFail(OpenCvPixelReader.read(bytes, format, subsampling), format), colour);
      case PNG, BMP -> toSrgb(orFail(OpenCvPixelReader.read(bytes, format, 1), format), colour);
      case WEBP -> {
        DecodedPixels pixels = OpenCvPixelReader.read(bytes, format, 1);
        // the ImageIO fallback (animated WebP) is kept as the reader converts it: getRGB goes through its colour model
        yield pixels != null ? toSrgb(pixels, colour) : ImageIoPixelReader.read(bytes, format, 1);
      }
      case TIFF, GIF -> ImageIoPixelReader.read(bytes, format, subsampling);
    };
  }

  /** OpenCV reads samples as stored and ignores profiles: convert here when the plan says so. */
  private static DecodedPixels toSrgb(DecodedPixels pixels, ColourPlan colour) {
    if (colour.converts()) SrgbConversion.inPlace(pixels.bgr(), colour.convertFrom());
    return pixels;
  }

  private static DecodedPixels orFail(DecodedPixels pixels, ImageFormat format) {
    if (pixels == null) {
      throw new InvalidImageException("corrupt " + format.name() + ": the decoder rejected the data"
          + (format == ImageFormat.PNG ? " (bad checksum or damaged compressed stream)" : ""));
    }
    return pixels;
  }

  private static boolean isFullyOpaque(Mat alpha) {
    return Core.minMaxLoc(alpha).minVal >= 255;
  }
}
