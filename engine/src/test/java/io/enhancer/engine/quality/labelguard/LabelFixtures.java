package io.enhancer.engine.quality.labelguard;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.MultiFormatWriter;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Medical-style product labels rendered in code, so the words and code values are known: a coloured box with a
 * white label carrying a product name, REF, LOT and EXP lines, a Code 128, a QR code and a Data Matrix.
 */
final class LabelFixtures {
  static final String REF = "4411-02";
  static final String CODE128_VALUE = "4411-02-23A117";
  static final String QR_VALUE = "(01)04012345678901(17)270831(10)23A117";
  static final String DATAMATRIX_VALUE = "0104012345678901172708311023A117";
  static final List<String> LINES = List.of(
      "STERILE SALINE SOLUTION",
      "REF " + REF,
      "LOT 23A117",
      "EXP 2027-08",
      "Single use only. Store below 25 C");

  /** A rendered label and where its pieces are, in its own pixels. */
  record Label(Mat bgr, List<String> words, Map<String, Rect> codeBoxes, Rect refDigit, Rect productBox) {}

  private LabelFixtures() {}

  /** Words a perfect reader would return, normalised. */
  static List<String> groundTruthWords() {
    List<String> words = new ArrayList<>();
    for (String line : LINES) {
      Arrays.stream(line.split(" ")).map(WordComparison::normalise).filter(w -> !w.isEmpty()).forEach(words::add);
    }
    return words;
  }

  /**
   * A label on a {@code width x (0.75 width)} canvas; text and codes scale with the width (1200 px gives
   * 36 px REF text).
   *
   * @param box the product box colour (the label itself is white)
   */
  static Label render(int width, Color box) {
    int height = Math.round(width * 0.75f);
    double u = width / 1200.0;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(new Color(228, 228, 226));
    g.fillRect(0, 0, width, height);
    Rect product = new Rect(px(100, u), px(60, u), px(1000, u), px(780, u));
    g.setColor(box);
    g.fillRect(product.x, product.y, product.width, product.height);
    g.setColor(Color.WHITE);
    g.fillRect(px(150, u), px(110, u), px(900, u), px(680, u));

    g.setColor(new Color(20, 20, 30));
    int[] sizes = {44, 36, 36, 36, 26};
    int[] ys = {185, 255, 315, 375, 430};
    Rect refDigit = null;
    for (int i = 0; i < LINES.size(); i++) {
      Font font = new Font(Font.SANS_SERIF, i == 0 ? Font.BOLD : Font.PLAIN, px(sizes[i], u));
      g.setFont(font);
      g.drawString(LINES.get(i), px(190, u), px(ys[i], u));
      if (i == 1) {
        FontMetrics fm = g.getFontMetrics();
        int x = px(190, u) + fm.stringWidth("REF 44");
        refDigit = new Rect(x - 1, px(ys[i], u) - fm.getAscent(), fm.charWidth('1') + 2, fm.getAscent() + 2);
      }
    }
    Map<String, Rect> codes = new LinkedHashMap<>();
    codes.put("CODE_128", drawCode(g, BarcodeFormat.CODE_128, CODE128_VALUE,
        new Rect(px(190, u), px(500, u), px(440, u), px(120, u))));
    codes.put("QR_CODE", drawCode(g, BarcodeFormat.QR_CODE, QR_VALUE,
        new Rect(px(680, u), px(470, u), px(180, u), px(180, u))));
    codes.put("DATA_MATRIX", drawCode(g, BarcodeFormat.DATA_MATRIX, DATAMATRIX_VALUE,
        new Rect(px(880, u), px(500, u), px(130, u), px(130, u))));
    g.dispose();

    Mat bgr = new Mat(height, width, CvType.CV_8UC3);
    bgr.put(0, 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData());
    return new Label(bgr, groundTruthWords(), codes, refDigit, product);
  }

  /** Draws a code with whole-pixel modules (as a printer would) centred in {@code area}; returns its box. */
  private static Rect drawCode(Graphics2D g, BarcodeFormat format, String value, Rect area) {
    BitMatrix bits;
    try {
      Map<EncodeHintType, Object> hints = Map.of(EncodeHintType.MARGIN, 0);
      bits = new MultiFormatWriter().encode(value, format, 1, 1, hints);
    } catch (WriterException e) {
      throw new IllegalStateException(e);
    }
    int moduleW = Math.max(1, area.width / bits.getWidth());
    int moduleH = format == BarcodeFormat.CODE_128 ? area.height : Math.max(1, area.height / bits.getHeight());
    if (format != BarcodeFormat.CODE_128) moduleW = moduleH = Math.min(moduleW, moduleH);
    int rows = format == BarcodeFormat.CODE_128 ? 1 : bits.getHeight();
    int w = bits.getWidth() * moduleW, h = rows * moduleH;
    int x0 = area.x + (area.width - w) / 2, y0 = area.y + (area.height - h) / 2;
    g.setColor(Color.BLACK);
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < bits.getWidth(); x++) {
        if (bits.get(x, y)) g.fillRect(x0 + x * moduleW, y0 + y * moduleH, moduleW, moduleH);
      }
    }
    return new Rect(x0, y0, w, h);
  }

  private static int px(double v, double u) {
    return (int) Math.round(v * u);
  }

  // ---- degradations: what a poor source looks like ----

  static Mat downscaled(Mat bgr, double factor) {
    Mat out = new Mat();
    Imgproc.resize(bgr, out, new Size(Math.round(bgr.cols() * factor), Math.round(bgr.rows() * factor)), 0, 0,
        Imgproc.INTER_AREA);
    return out;
  }

  static Mat blurred(Mat bgr, double sigma) {
    Mat out = new Mat();
    Imgproc.GaussianBlur(bgr, out, new Size(0, 0), sigma);
    return out;
  }

  static Mat jpeg(Mat bgr, int quality) {
    MatOfByte bytes = new MatOfByte();
    Imgcodecs.imencode(".jpg", bgr, bytes, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality));
    return Imgcodecs.imdecode(bytes, Imgcodecs.IMREAD_COLOR);
  }

  static Mat noisy(Mat bgr, double sigma, long seed) {
    Mat noise = new Mat(bgr.size(), CvType.CV_16SC3);
    Core.setRNGSeed((int) seed);
    Core.randn(noise, 0, sigma);
    Mat wide = new Mat();
    bgr.convertTo(wide, CvType.CV_16SC3);
    Core.add(wide, noise, wide);
    Mat out = new Mat();
    wide.convertTo(out, CvType.CV_8UC3);
    return out;
  }

  // ---- stand-in enhancement (the real steps are being built elsewhere): Lanczos upscale + unsharp mask ----

  static Mat lanczosUnsharp(Mat bgr, double scale) {
    Mat up = new Mat();
    Imgproc.resize(bgr, up, new Size(Math.round(bgr.cols() * scale), Math.round(bgr.rows() * scale)), 0, 0,
        Imgproc.INTER_LANCZOS4);
    Mat soft = new Mat();
    Imgproc.GaussianBlur(up, soft, new Size(0, 0), 1.0 * scale);
    Mat sharp = new Mat();
    Core.addWeighted(up, 1.8, soft, -0.8, 0, sharp);
    return sharp;
  }

  /** Paints a flat colour over a rectangle (a damaged character or code). */
  static Mat paintedOver(Mat bgr, Rect r, Scalar colour) {
    Mat out = bgr.clone();
    Imgproc.rectangle(out, r, colour, -1);
    return out;
  }

  static Rect scaled(Rect r, double s) {
    return new Rect((int) Math.round(r.x * s), (int) Math.round(r.y * s), (int) Math.round(r.width * s),
        (int) Math.round(r.height * s));
  }

  static Random random(long seed) {
    return new Random(seed);
  }
}
