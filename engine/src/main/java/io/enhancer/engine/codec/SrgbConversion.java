package io.enhancer.engine.codec;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.ColorConvertOp;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Converts 8-bit pixels from the colour space an ICC profile describes into sRGB, through the JDK's colour engine
 * (LittleCMS). Works a band of rows at a time, so the extra memory is two strips (at most 7 MB), never a second copy
 * of a 50 MP image. Bands are large because every filter call builds a new LittleCMS transform: 64-row bands made a
 * 2 MP CMYK decode take 700 ms instead of ~100.
 */
final class SrgbConversion {
  private static final int STRIP_PIXELS = 1 << 20;

  private SrgbConversion() {}

  /** Converts a BGR frame decoded from RGB or grey samples in place (grey: the three channels are equal). */
  static void inPlace(Mat bgr, ICC_Profile from) {
    int w = bgr.cols();
    boolean grey = from.getColorSpaceType() == ColorSpace.TYPE_GRAY;
    ColorConvertOp op = operation(from);
    int stripRows = stripRows(w, bgr.rows());
    byte[] strip = new byte[w * 3 * stripRows];
    byte[] out = new byte[strip.length];
    for (int y = 0; y < bgr.rows(); y += stripRows) {
      int rows = Math.min(stripRows, bgr.rows() - y);
      int length = w * 3 * rows;
      bgr.get(y, 0, strip); // Mat.get fills min(array, remaining) bytes
      // grey: a one-band view on the blue channel, which holds the grey value like the other two
      WritableRaster source = Raster.createInterleavedRaster(new DataBufferByte(strip, length), w, rows, w * 3, 3,
          grey ? new int[] {0} : new int[] {2, 1, 0}, null);
      op.filter(source, bgrRaster(out, w, rows));
      bgr.put(y, 0, length == out.length ? out : java.util.Arrays.copyOf(out, length));
    }
  }

  /**
   * Converts four-band ink samples (ICC CMYK encoding: 0 = no ink, 255 = solid) to a new BGR frame.
   *
   * @param inks fills a strip of CMYK samples for rows [y, y + rows) into the array, 4 bytes a pixel
   */
  static Mat fromCmyk(int width, int height, ICC_Profile from, CmykRows inks) {
    ColorConvertOp op = operation(from);
    Mat bgr = new Mat(height, width, CvType.CV_8UC3);
    int stripRows = stripRows(width, height);
    byte[] cmyk = new byte[width * 4 * stripRows];
    byte[] out = new byte[width * 3 * stripRows];
    for (int y = 0; y < height; y += stripRows) {
      int rows = Math.min(stripRows, height - y);
      inks.fill(y, rows, cmyk);
      WritableRaster source = Raster.createInterleavedRaster(new DataBufferByte(cmyk, width * 4 * rows), width, rows,
          width * 4, 4, new int[] {0, 1, 2, 3}, null);
      op.filter(source, bgrRaster(out, width, rows));
      bgr.put(y, 0, rows * width * 3 == out.length ? out : java.util.Arrays.copyOf(out, rows * width * 3));
    }
    return bgr;
  }

  /** Rows per band: about a megapixel, and never more than the image. */
  static int stripRows(int width, int height) {
    return Math.max(1, Math.min(height, STRIP_PIXELS / Math.max(1, width)));
  }

  /** Source of CMYK strips. */
  interface CmykRows {
    void fill(int y, int rows, byte[] cmyk);
  }

  /** Converts a small raster of samples in the profile's space to sRGB (R, G, B bands). */
  static WritableRaster convert(ICC_Profile from, Raster samples) {
    WritableRaster out = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, samples.getWidth(), samples.getHeight(),
        3, null);
    operation(from).filter(samples, out);
    return out;
  }

  private static ColorConvertOp operation(ICC_Profile from) {
    return new ColorConvertOp(new ICC_ColorSpace(from), ColorSpace.getInstance(ColorSpace.CS_sRGB), null);
  }

  private static WritableRaster bgrRaster(byte[] data, int width, int rows) {
    return Raster.createInterleavedRaster(new DataBufferByte(data, width * 3 * rows), width, rows, width * 3, 3,
        new int[] {2, 1, 0}, null);
  }
}
