package io.enhancer.engine.codec;

import io.enhancer.engine.errors.InvalidImageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * What the source declares before any pixel is decoded: enough to enforce limits, pick a decode path and a
 * subsampling factor. JPEG and PNG are parsed here (they also reveal truncation); other formats ask an ImageIO
 * reader, whose getWidth/getHeight read only the header.
 *
 * @param width           stored width (before EXIF orientation)
 * @param height          stored height
 * @param colourSpace     "srgb", "gray", "cmyk", "ycck", or null when only decoding tells
 * @param exifOrientation 1..8
 * @param mayHaveAlpha    false when the header proves there is no transparency
 * @param adobeTransform  a JPEG's APP14 transform byte, or -1 (no Adobe segment, or not a JPEG)
 * @param profile         the colour profile the file embeds
 */
record SourceHeader(ImageFormat format, int width, int height, String colourSpace, int exifOrientation,
                    boolean mayHaveAlpha, boolean needsCmykConversion, int adobeTransform, EmbeddedProfile profile) {

  long pixels() {
    return (long) width * height;
  }

  static SourceHeader read(byte[] bytes, ImageFormat format) {
    return switch (format) {
      case JPEG -> {
        JpegStructure jpeg = JpegStructure.parse(bytes);
        yield new SourceHeader(format, jpeg.width(), jpeg.height(), jpeg.colourSpace(), jpeg.exifOrientation(), false,
            jpeg.needsCmykConversion(), jpeg.adobeTransform(), jpeg.profile());
      }
      case PNG -> {
        PngStructure png = PngStructure.parse(bytes);
        yield new SourceHeader(format, png.width(), png.height(), png.colourSpace(), png.exifOrientation(),
            png.hasTransparency(), false, -1, png.profile());
      }
      case WEBP -> fromImageIo(bytes, format, WebpMetadataChunks.orientation(bytes), WebpMetadataChunks.profile(bytes));
      // TIFF: the ImageIO reader applies a profile itself (its colour model), so none is handed on
      case TIFF -> fromImageIo(bytes, format, TiffOrientationTag.read(bytes, 0, bytes.length), EmbeddedProfile.NONE);
      case BMP, GIF -> fromImageIo(bytes, format, 1, EmbeddedProfile.NONE);
    };
  }

  private static SourceHeader fromImageIo(byte[] bytes, ImageFormat format, int orientation, EmbeddedProfile profile) {
    ImageReader reader = ImageIoPixelReader.readerFor(format);
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      if (width <= 0 || height <= 0) {
        throw new InvalidImageException("corrupt " + format.name() + ": header declares " + width + "x" + height);
      }
      return new SourceHeader(format, width, height, null, orientation, format != ImageFormat.BMP, false, -1, profile);
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidImageException invalid) throw invalid;
      throw new InvalidImageException("corrupt " + format.name() + ": unreadable header (" + e.getMessage() + ")", e);
    } finally {
      reader.dispose();
    }
  }
}
