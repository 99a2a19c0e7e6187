package io.enhancer.engine.quality.labelguard;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import io.enhancer.engine.quality.BoundingBox;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Finds the barcodes and 2D codes ZXing can decode in an image. Stateless and thread-safe.
 *
 * <p>ZXing's whole-image multi-code search with TRY_HARDER costs 1-3 s at 1200x900 and still misses Data Matrix
 * codes in a cluttered picture (it expects them nearly alone in the frame). So we decode each dense-texture blob
 * the {@link TextRegionDetector} finds (codes are such blobs) as its own small image (~1 ms each), plus one
 * whole-image pass for a code the detector split or missed (~40 ms).
 */
public final class BarcodeScanner {
  /** Blobs tried, largest first: enough for a label with several codes among its text lines. */
  static final int MAX_CANDIDATES = 12;
  /** Blobs wider than this many heights are text lines, not codes (1D codes are ~1.5-4, 2D codes ~1). */
  private static final double MAX_CODE_ASPECT = 6;
  /** Crops smaller than this (shorter side) are upscaled: ZXing needs ~2-3 px per module. */
  private static final int MIN_CROP_SIDE = 160;
  /** Whole images with a shorter longer side than this are scanned at 2x. */
  private static final int SMALL_IMAGE_SIDE = 1000;
  private static final Map<DecodeHintType, Object> HINTS = new EnumMap<>(Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));

  private final TextRegionDetector regions = new TextRegionDetector();

  /** Codes in an 8-bit grey or BGR image, one entry per distinct (format, value), boxes in the image's pixels. */
  public List<ScannedCode> scan(Mat image) {
    Mat gray = Grey.of(image);
    Map<CodeReading, ScannedCode> found = new LinkedHashMap<>();
    Rect whole = new Rect(0, 0, gray.cols(), gray.rows());
    decodeInto(gray, whole, Math.max(gray.cols(), gray.rows()) < SMALL_IMAGE_SIDE ? 2.0 : 1.0, true, found);
    List<BoundingBox> candidates = regions.regions(gray).stream()
        .filter(b -> b.width() <= MAX_CODE_ASPECT * b.height()).limit(MAX_CANDIDATES).toList();
    for (BoundingBox box : candidates) {
      int pad = Math.max(8, Math.max(box.width(), box.height()) / 8);
      int x0 = Math.max(0, box.x() - pad), y0 = Math.max(0, box.y() - pad);
      int x1 = Math.min(gray.cols(), box.x() + box.width() + pad);
      int y1 = Math.min(gray.rows(), box.y() + box.height() + pad);
      Rect area = new Rect(x0, y0, x1 - x0, y1 - y0);
      double upscale = Math.max(1.0, Math.min(4.0, MIN_CROP_SIDE / (double) Math.min(area.width, area.height)));
      decodeInto(gray, area, upscale, false, found);
    }
    return List.copyOf(found.values());
  }

  /**
   * Decodes around a known place again, harder: the box with a quarter margin at 1x and 2x, plain and lightly
   * smoothed, with both binarizers. Used only to settle a discrepancy (a code read on one side but not the other),
   * so its cost (~50 ms) is paid rarely.
   *
   * @param smoothedOnly try only smoothed variants: a code found again there is not a chance read of noise
   */
  public List<CodeReading> decodeAround(Mat image, BoundingBox box, boolean smoothedOnly) {
    Mat gray = Grey.of(image);
    int pad = Math.max(8, Math.max(box.width(), box.height()) / 4);
    int x0 = Math.max(0, box.x() - pad), y0 = Math.max(0, box.y() - pad);
    int x1 = Math.min(gray.cols(), box.x() + box.width() + pad), y1 = Math.min(gray.rows(), box.y() + box.height() + pad);
    if (x1 - x0 < 4 || y1 - y0 < 4) return List.of();
    Mat crop = gray.submat(new Rect(x0, y0, x1 - x0, y1 - y0));
    Mat smoothed = new Mat();
    Imgproc.GaussianBlur(crop, smoothed, new Size(0, 0), 0.8);
    Map<CodeReading, ScannedCode> found = new LinkedHashMap<>();
    List<Mat> variants = smoothedOnly ? List.of(smoothed) : List.of(crop, smoothed);
    for (Mat variant : variants) {
      Rect whole = new Rect(0, 0, variant.cols(), variant.rows());
      decodeInto(variant, whole, 1.0, true, found);
      decodeInto(variant, whole, 2.0, true, found);
    }
    return found.keySet().stream().toList();
  }

  private static void decodeInto(Mat gray, Rect area, double upscale, boolean bothBinarizers,
      Map<CodeReading, ScannedCode> found) {
    Mat crop = gray.submat(area);
    if (upscale > 1.0) {
      Mat larger = new Mat();
      Imgproc.resize(crop, larger, new Size(Math.round(area.width * upscale), Math.round(area.height * upscale)), 0, 0,
          Imgproc.INTER_CUBIC);
      crop = larger;
    } else {
      crop = crop.clone();
    }
    byte[] pixels = new byte[(int) crop.total()];
    crop.get(0, 0, pixels);
    LuminanceSource source = new PlanarYUVLuminanceSource(pixels, crop.cols(), crop.rows(), 0, 0,
        crop.cols(), crop.rows(), false);
    // Hybrid binarisation copes with uneven light; the global one keeps 1D codes on smooth gradients. Crops are
    // small and evenly lit, so they get only the first (a failed decode costs ~10 ms, and most blobs are text).
    List<BinaryBitmap> bitmaps = bothBinarizers
        ? List.of(new BinaryBitmap(new HybridBinarizer(source)), new BinaryBitmap(new GlobalHistogramBinarizer(source)))
        : List.of(new BinaryBitmap(new HybridBinarizer(source)));
    for (BinaryBitmap bitmap : bitmaps) {
      try {
        Result result = new MultiFormatReader().decode(bitmap, HINTS);
        CodeReading code = new CodeReading(result.getBarcodeFormat().name(), result.getText());
        found.putIfAbsent(code, new ScannedCode(code, box(result.getResultPoints(), area, upscale)));
        return;
      } catch (ReaderException e) {
        // not decodable with this binarizer; try the other
      }
    }
  }

  private static BoundingBox box(ResultPoint[] points, Rect area, double upscale) {
    if (points == null || points.length == 0) return new BoundingBox(area.x, area.y, area.width, area.height);
    float minX = Float.MAX_VALUE, minY = Float.MAX_VALUE, maxX = -Float.MAX_VALUE, maxY = -Float.MAX_VALUE;
    for (ResultPoint p : points) {
      if (p == null) continue;
      minX = Math.min(minX, p.getX());
      minY = Math.min(minY, p.getY());
      maxX = Math.max(maxX, p.getX());
      maxY = Math.max(maxY, p.getY());
    }
    return new BoundingBox(area.x + (int) Math.floor(minX / upscale), area.y + (int) Math.floor(minY / upscale),
        (int) Math.ceil((maxX - minX) / upscale) + 1, (int) Math.ceil((maxY - minY) / upscale) + 1);
  }
}
