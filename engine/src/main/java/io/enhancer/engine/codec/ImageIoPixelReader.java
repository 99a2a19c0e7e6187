package io.enhancer.engine.codec;

import io.enhancer.engine.errors.InvalidImageException;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * Decodes what OpenCV cannot: TIFF (TwelveMonkeys covers more compressions and photometrics, and applies an embedded
 * profile through its colour model), GIF (OpenCV 4.9 has no GIF codec; frame 0 is read), and animated WebP as a
 * fallback. CMYK/YCCK JPEG has its own reader, {@link CmykJpegReader}.
 */
final class ImageIoPixelReader {

  private ImageIoPixelReader() {}

  static ImageReader readerFor(ImageFormat format) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
    if (!readers.hasNext()) throw new IllegalStateException("no ImageIO reader for " + format);
    return readers.next(); // TwelveMonkeys registers ahead of the JDK readers
  }

  static DecodedPixels read(byte[] bytes, ImageFormat format, int subsampling) {
    ImageReader reader = readerFor(format);
    // MemoryCacheImageInputStream: never a temp file, whatever ImageIO.setUseCache says
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, format != ImageFormat.GIF);
      ImageReadParam param = reader.getDefaultReadParam();
      if (subsampling > 1) param.setSourceSubsampling(subsampling, subsampling, 0, 0);
      BufferedImage image = reader.read(0, param);
      return toEightBitBgr(image);
    } catch (IOException | RuntimeException e) {
      throw new InvalidImageException("corrupt " + format.name() + ": " + describe(e), e);
    } finally {
      reader.dispose();
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  static DecodedPixels toEightBitBgr(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    ColorModel cm = image.getColorModel();
    String colourSpace = switch (cm.getColorSpace().getType()) {
      case ColorSpace.TYPE_GRAY -> "gray";
      case ColorSpace.TYPE_CMYK -> "cmyk";
      default -> "srgb";
    };
    if (image.getType() == BufferedImage.TYPE_3BYTE_BGR && isWholeRaster(image)) {
      Mat bgr = new Mat(h, w, CvType.CV_8UC3);
      bgr.put(0, 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData());
      return new DecodedPixels(bgr, null, colourSpace);
    }
    if ("gray".equals(colourSpace) && !cm.hasAlpha() && image.getRaster().getNumBands() == 1) {
      return new DecodedPixels(greySamples(image.getRaster()), null, colourSpace);
    }
    // getRGB converts any colour model to non-premultiplied sRGB ARGB; one row at a time keeps the buffer small
    boolean alpha = cm.hasAlpha();
    Mat bgr = new Mat(h, w, CvType.CV_8UC3);
    Mat alphaMat = alpha ? new Mat(h, w, CvType.CV_8UC1) : null;
    int[] argb = new int[w];
    byte[] bgrRow = new byte[w * 3];
    byte[] alphaRow = alpha ? new byte[w] : null;
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, argb, 0, w);
      for (int x = 0; x < w; x++) {
        int p = argb[x];
        bgrRow[3 * x] = (byte) p;
        bgrRow[3 * x + 1] = (byte) (p >> 8);
        bgrRow[3 * x + 2] = (byte) (p >> 16);
        if (alpha) alphaRow[x] = (byte) (p >>> 24);
      }
      bgr.put(y, 0, bgrRow);
      if (alpha) alphaMat.put(y, 0, alphaRow);
    }
    return new DecodedPixels(bgr, alphaMat, colourSpace);
  }

  private static boolean isWholeRaster(BufferedImage image) {
    Raster r = image.getRaster();
    return r.getParent() == null && r.getSampleModelTranslateX() == 0 && r.getSampleModelTranslateY() == 0
        && ((DataBufferByte) r.getDataBuffer()).getData().length == image.getWidth() * image.getHeight() * 3;
  }

  /** Grey samples taken as stored: getRGB would treat them as linear and brighten them through a gamma curve. */
  private static Mat greySamples(Raster raster) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    int bits = raster.getSampleModel().getSampleSize(0);
    double scale = 255.0 / ((1L << bits) - 1);
    Mat grey = new Mat(h, w, CvType.CV_8UC1);
    int[] row = new int[w];
    byte[] out = new byte[w];
    for (int y = 0; y < h; y++) {
      raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
      for (int x = 0; x < w; x++) out[x] = (byte) Math.round(row[x] * scale);
      grey.put(y, 0, out);
    }
    Mat bgr = new Mat();
    Imgproc.cvtColor(grey, bgr, Imgproc.COLOR_GRAY2BGR);
    grey.release();
    return bgr;
  }
}
