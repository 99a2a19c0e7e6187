package io.enhancer.engine.codec;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** Test inputs generated in code: synthetic pictures, files in every format, and hand-made marker segments. */
final class SampleImages {
  static final Scalar RED = new Scalar(30, 30, 220);
  static final Scalar GREEN = new Scalar(40, 200, 40);
  static final Scalar BLUE = new Scalar(210, 60, 20);
  static final Scalar WHITE = new Scalar(245, 245, 245);

  private SampleImages() {}

  /** Four flat quadrants (red TL, green TR, blue BL, white BR) with a soft gradient stripe: easy to locate, compressible. */
  static Mat quadrants(int width, int height) {
    Mat m = new Mat(height, width, CvType.CV_8UC3);
    int hw = width / 2, hh = height / 2;
    Imgproc.rectangle(m, new Rect(0, 0, hw, hh), RED, -1);
    Imgproc.rectangle(m, new Rect(hw, 0, width - hw, hh), GREEN, -1);
    Imgproc.rectangle(m, new Rect(0, hh, hw, height - hh), BLUE, -1);
    Imgproc.rectangle(m, new Rect(hw, hh, width - hw, height - hh), WHITE, -1);
    return m;
  }

  /** Photo-like content that does not compress to nothing: smooth shapes plus mild noise. */
  static Mat texture(int width, int height, long seed) {
    Mat m = quadrants(width, height);
    for (int i = 0; i < 12; i++) {
      Imgproc.circle(m, new Point((i * 97 + seed * 13) % width, (i * 61 + seed * 7) % height), 20 + i * 9,
          new Scalar((i * 40) % 255, (i * 70) % 255, (i * 110) % 255), -1);
    }
    Core.setRNGSeed((int) seed);
    Mat noise = new Mat(height, width, CvType.CV_16SC3);
    Core.randn(noise, 0, 10);
    Mat signed = new Mat();
    m.convertTo(signed, CvType.CV_16SC3);
    Core.add(signed, noise, signed);
    Mat noisy = new Mat();
    signed.convertTo(noisy, CvType.CV_8UC3); // saturates to 0..255
    return noisy;
  }

  /**
   * A real photo as the optimize path delivers it: scaled (Lanczos) so its long side fills {@code fill} of a square
   * white canvas of {@code side} px, centred.
   */
  static Mat photoCanvas(java.nio.file.Path photo, int side, double fill) {
    Mat source = Imgcodecs.imread(photo.toString(), Imgcodecs.IMREAD_COLOR);
    if (source.empty()) throw new IllegalStateException("cannot read " + photo);
    double scale = side * fill / Math.max(source.cols(), source.rows());
    Mat scaled = new Mat();
    Imgproc.resize(source, scaled, new org.opencv.core.Size(Math.round(source.cols() * scale),
        Math.round(source.rows() * scale)), 0, 0, Imgproc.INTER_LANCZOS4);
    Mat canvas = new Mat(side, side, CvType.CV_8UC3, new Scalar(255, 255, 255));
    scaled.copyTo(canvas.submat(new Rect((side - scaled.cols()) / 2, (side - scaled.rows()) / 2, scaled.cols(), scaled.rows())));
    source.release();
    scaled.release();
    return canvas;
  }

  static byte[] encode(Mat m, String extension, int... params) {
    MatOfByte out = new MatOfByte();
    if (!Imgcodecs.imencode(extension, m, out, new MatOfInt(params))) throw new IllegalStateException("encode " + extension);
    return out.toArray();
  }

  static byte[] imageIo(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) throw new IllegalStateException("no ImageIO writer for " + format);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static BufferedImage toBufferedImage(Mat bgr) {
    BufferedImage image = new BufferedImage(bgr.cols(), bgr.rows(), BufferedImage.TYPE_3BYTE_BGR);
    byte[] data = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
    bgr.get(0, 0, data);
    return image;
  }

  /** A GIF whose frames are flat colours (RGB ints), written with ImageIO's sequence support. */
  static byte[] animatedGif(int width, int height, int... rgbFrames) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
    ImageWriter writer = writers.next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      writer.prepareWriteSequence(null);
      for (int rgb : rgbFrames) {
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) frame.setRGB(x, y, rgb);
        writer.writeToSequence(new IIOImage(frame, null, null), null);
      }
      writer.endWriteSequence();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** Inserts a marker segment right after a JPEG's SOI. */
  static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
    byte[] out = new byte[jpeg.length + segment.length];
    System.arraycopy(jpeg, 0, out, 0, 2);
    System.arraycopy(segment, 0, out, 2, segment.length);
    System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
    return out;
  }

  /** An APP1 "Exif" segment whose IFD0 holds only the Orientation tag. */
  static byte[] exifOrientationSegment(int orientation, ByteOrder order) {
    ByteBuffer tiff = ByteBuffer.allocate(26).order(order);
    tiff.put(order == ByteOrder.LITTLE_ENDIAN ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'});
    tiff.putShort((short) 42).putInt(8);            // header, IFD0 at offset 8
    tiff.putShort((short) 1);                        // one entry
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
    tiff.putInt(0);                                  // no next IFD
    byte[] body = tiff.array();
    int length = 2 + 6 + body.length;
    ByteBuffer seg = ByteBuffer.allocate(2 + length).order(ByteOrder.BIG_ENDIAN);
    seg.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).put(body);
    return seg.array();
  }

  /** An Adobe APP14 segment; transform 0 marks four-component data as plain (Adobe-inverted) CMYK. */
  static byte[] adobeSegment(int transform) {
    return new byte[] {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform};
  }

  /** Mean absolute difference per channel value between two same-size 8-bit images. */
  static double meanAbsDiff(Mat a, Mat b) {
    Mat diff = new Mat();
    Core.absdiff(a, b, diff);
    Scalar mean = Core.mean(diff);
    double sum = 0;
    for (int c = 0; c < a.channels(); c++) sum += mean.val[c];
    return sum / a.channels();
  }

  /** Mean BGR of a small square around (x, y). */
  static double[] meanAround(Mat m, int x, int y) {
    int r = 3;
    int x0 = Math.max(0, x - r), y0 = Math.max(0, y - r);
    Rect roi = new Rect(x0, y0, Math.min(m.cols(), x + r + 1) - x0, Math.min(m.rows(), y + r + 1) - y0);
    Scalar s = Core.mean(m.submat(roi));
    return new double[] {s.val[0], s.val[1], s.val[2]};
  }

  static boolean near(double[] bgr, Scalar expected, double tolerance) {
    for (int c = 0; c < 3; c++) {
      if (Math.abs(bgr[c] - expected.val[c]) > tolerance) return false;
    }
    return true;
  }
}
