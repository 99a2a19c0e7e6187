package io.enhancer.engine.codec;

import io.enhancer.engine.errors.InvalidImageException;
import java.awt.color.CMMException;
import java.awt.color.ICC_Profile;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.opencv.core.Mat;

/**
 * Decodes a four-component (CMYK or YCCK) JPEG into sRGB through a CMYK profile. The scan is read raw (the ImageIO
 * reader's readRaster: no colour conversion), then, as libjpeg defines them, YCCK is turned back into CMYK and Adobe's
 * inverted inks are flipped, so the profile sees ICC-encoded ink amounts. TwelveMonkeys would convert itself, but
 * without an embedded profile it falls back to a naive formula (cyan ink comes out as #00FFFF instead of #00AEEF),
 * and it refuses input-only profiles such as our default.
 */
final class CmykJpegReader {

  private CmykJpegReader() {}

  /**
   * @param adobeTransform the APP14 transform byte, or -1 without an Adobe segment (then the inks are stored plainly)
   */
  static DecodedPixels read(byte[] bytes, int adobeTransform, int subsampling, ICC_Profile cmykProfile) {
    Raster raw = readRaw(bytes, subsampling);
    if (raw.getNumBands() != 4) {
      throw new InvalidImageException("corrupt JPEG: expected 4 colour components, the decoder found " + raw.getNumBands());
    }
    boolean adobe = adobeTransform >= 0;
    boolean ycck = adobe && adobeTransform != 0; // libjpeg: an Adobe 4-component scan is YCCK unless transform is 0
    int w = raw.getWidth();
    int[] samples = new int[w * 4 * SrgbConversion.stripRows(w, raw.getHeight())];
    try {
      Mat bgr = SrgbConversion.fromCmyk(w, raw.getHeight(), cmykProfile, (y, rows, cmyk) -> {
        raw.getPixels(raw.getMinX(), raw.getMinY() + y, w, rows, samples);
        for (int i = 0, n = w * rows * 4; i < n; i += 4) {
          if (ycck) yccToInks(samples, i);
          else if (adobe) invert(samples, i, 3);
          cmyk[i] = (byte) samples[i];
          cmyk[i + 1] = (byte) samples[i + 1];
          cmyk[i + 2] = (byte) samples[i + 2];
          cmyk[i + 3] = (byte) (adobe ? 255 - samples[i + 3] : samples[i + 3]);
        }
      });
      return new DecodedPixels(bgr, null, ycck ? "ycck" : "cmyk");
    } catch (CMMException e) {
      throw new InvalidImageException("CMYK JPEG: its colour profile cannot be applied (" + e.getMessage() + ")", e);
    }
  }

  private static Raster readRaw(byte[] bytes, int subsampling) {
    ImageReader reader = ImageIoPixelReader.readerFor(ImageFormat.JPEG);
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      ImageReadParam param = reader.getDefaultReadParam();
      if (subsampling > 1) param.setSourceSubsampling(subsampling, subsampling, 0, 0);
      return reader.readRaster(0, param);
    } catch (IOException | RuntimeException e) {
      String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
      throw new InvalidImageException("corrupt JPEG: " + message, e);
    } finally {
      reader.dispose();
    }
  }

  /**
   * YCC back to the first three channels with the JFIF equations, as libjpeg's ycck_cmyk_convert does; libjpeg then
   * inverts them to give Adobe's inverted inks, which we would invert again, so the RGB-like values are the inks.
   */
  private static void yccToInks(int[] s, int i) {
    double y = s[i], cb = s[i + 1] - 128.0, cr = s[i + 2] - 128.0;
    s[i] = clamp(y + 1.402 * cr);
    s[i + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
    s[i + 2] = clamp(y + 1.772 * cb);
  }

  private static void invert(int[] s, int i, int count) {
    for (int k = 0; k < count; k++) s[i + k] = 255 - s[i + k];
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }
}
