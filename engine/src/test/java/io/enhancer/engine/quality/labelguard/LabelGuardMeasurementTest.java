package io.enhancer.engine.quality.labelguard;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.Placement;
import java.awt.Color;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * Generated labels with known words and codes, degraded the way poor sources are, "enhanced" by a stand-in
 * (Lanczos 2x + unsharp mask: the real steps are built elsewhere) and read back by the guard.
 */
class LabelGuardMeasurementTest {
  private static LabelGuard guard;
  private static LabelFixtures.Label label;

  @BeforeAll
  static void setUp() {
    OpenCvRuntime.ensureLoaded();
    guard = new LabelGuard(LabelGuardOptions.defaults());
    label = LabelFixtures.render(1200, new Color(40, 110, 190));
  }

  @AfterAll
  static void tearDown() {
    guard.close();
  }

  record Row(String mode, double accuracyBefore, double accuracyAfter, int codesBefore, int codesAfter,
      LabelGuardVerdict verdict, double millis) {}

  @Test
  void readsDegradedLabelsBeforeAndAfterEnhancement() {
    Map<String, UnaryOperator<Mat>> modes = new LinkedHashMap<>();
    modes.put("clean", m -> m);
    modes.put("downscale 0.5x", m -> LabelFixtures.downscaled(m, 0.5));
    modes.put("blur sigma 1.5", m -> LabelFixtures.blurred(m, 1.5));
    modes.put("jpeg q30", m -> LabelFixtures.jpeg(m, 30));
    modes.put("noise sigma 12", m -> LabelFixtures.noisy(m, 12, 7));

    List<Row> rows = new ArrayList<>();
    for (var mode : modes.entrySet()) {
      Mat before = mode.getValue().apply(label.bgr());
      Mat after = LabelFixtures.lanczosUnsharp(before, 2.0);
      LabelGuard.Inspection seen = guard.inspect(Frame.of(before), Frame.of(after),
          Placement.resized(before.cols(), before.rows(), after.cols(), after.rows()));
      LabelGuardResult r = seen.result();
      System.out.println(mode.getKey() + ": " + r.verdict().id() + " " + r.reason());
      rows.add(new Row(mode.getKey(), accuracy(seen.wordsBefore()), accuracy(seen.wordsAfter()), r.codesBefore().size(),
          r.codesAfter().size(), r.verdict(), r.millis()));
    }
    System.out.println(table(rows));

    Row clean = rows.get(0);
    assertThat(clean.accuracyBefore()).isGreaterThanOrEqualTo(0.9);
    assertThat(clean.accuracyAfter()).isGreaterThanOrEqualTo(0.9);
    assertThat(clean.codesBefore()).isEqualTo(3);
    assertThat(clean.codesAfter()).isEqualTo(3);
    assertThat(clean.verdict()).isIn(LabelGuardVerdict.OK, LabelGuardVerdict.IMPROVED);
    for (Row row : rows) {
      // Every degradation here keeps the label legible to a person; the stand-in must not make it unreadable.
      assertThat(row.accuracyBefore()).as(row.mode()).isGreaterThanOrEqualTo(0.6);
      assertThat(row.accuracyAfter()).as(row.mode()).isGreaterThanOrEqualTo(0.6);
      assertThat(row.codesBefore()).as(row.mode()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void paintedOverDigitGoesToReviewNamingTheWord() {
    Mat after = LabelFixtures.lanczosUnsharp(label.bgr(), 2.0);
    after = LabelFixtures.paintedOver(after, LabelFixtures.scaled(label.refDigit(), 2.0), new Scalar(255, 255, 255));

    LabelGuardResult r = guard.check(label.bgr(), after, Placement.resized(label.bgr().cols(), label.bgr().rows(), after.cols(), after.rows()));

    System.out.println("painted digit: " + r.verdict() + " | " + r.reason());
    assertThat(r.verdict()).isEqualTo(LabelGuardVerdict.REVIEW);
    assertThat(r.reason()).contains("label text").contains(LabelFixtures.REF);
    assertThat(r.text().lost() + r.text().changed()).isGreaterThanOrEqualTo(1);
    assertThat(r.codesLost()).isEmpty();
  }

  @Test
  void heavyBlurRejectsNamingTheLostCodes() {
    Mat after = LabelFixtures.blurred(LabelFixtures.lanczosUnsharp(label.bgr(), 2.0), 9);

    LabelGuardResult r = guard.check(label.bgr(), after, null);

    System.out.println("heavy blur: " + r.verdict() + " | " + r.reason());
    assertThat(r.verdict()).isEqualTo(LabelGuardVerdict.REJECT);
    assertThat(r.codesLost()).isNotEmpty();
    assertThat(r.reason()).contains("code").contains(r.codesLost().get(0).value());
    assertThat(r.framing()).isEqualTo("same_aspect");
  }

  @Test
  void qrCodePaintedOverIsRejected() {
    Mat after = LabelFixtures.paintedOver(label.bgr(), label.codeBoxes().get("QR_CODE"), new Scalar(255, 255, 255));

    LabelGuardResult r = guard.check(label.bgr(), after, null);

    System.out.println("QR painted over: " + r.verdict() + " | " + r.reason());
    assertThat(r.verdict()).isEqualTo(LabelGuardVerdict.REJECT);
    assertThat(r.codesLost()).containsExactly(new CodeReading("QR_CODE", LabelFixtures.QR_VALUE));
    assertThat(r.reason()).contains("QR_CODE").contains(LabelFixtures.QR_VALUE);
    assertThat(r.codesAfter()).hasSize(2);
  }

  @Test
  void costAt1500PixelsIsReported() {
    LabelFixtures.Label big = LabelFixtures.render(1500, new Color(200, 60, 50));
    Mat square = new Mat();
    int pad = (1500 - big.bgr().rows()) / 2;
    Core.copyMakeBorder(big.bgr(), square, pad, 1500 - big.bgr().rows() - pad, 0, 0, Core.BORDER_CONSTANT,
        new Scalar(226, 228, 228));
    Mat after = LabelFixtures.lanczosUnsharp(square, 1.0);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    guard.check(square, after, null); // warm-up: JIT and the OCR handle
    List<Double> wall = new ArrayList<>(), cpu = new ArrayList<>();
    LabelGuardResult r = null;
    for (int i = 0; i < 1; i++) {
      long cpuStart = threads.getCurrentThreadCpuTime();
      r = guard.check(square, after, null);
      cpu.add((threads.getCurrentThreadCpuTime() - cpuStart) / 1e6);
      wall.add(r.millis());
    }
    Map<String, Double> parts = partCosts(square);
    System.out.printf(Locale.ROOT, "guard at 1500x1500: wall median %.0f ms, thread CPU median %.0f ms; parts (one side): %s%n",
        median(wall), median(cpu), parts);
    assertThat(r.verdict()).isIn(LabelGuardVerdict.OK, LabelGuardVerdict.IMPROVED);
    assertThat(r.codesAfter()).hasSize(3);
  }

  private static Map<String, Double> partCosts(Mat image) {
    Map<String, Double> parts = new LinkedHashMap<>();
    long t = System.nanoTime();
    new TextRegionDetector().regions(image);
    parts.put("text_regions_ms", round((System.nanoTime() - t) / 1e6));
    t = System.nanoTime();
    new BarcodeScanner().scan(image);
    parts.put("codes_ms", round((System.nanoTime() - t) / 1e6));
    try (TesseractReader reader = new TesseractReader(OcrLayout.SPARSE_TEXT, 1)) {
      reader.read(Grey.of(image));
      t = System.nanoTime();
      reader.read(Grey.of(image));
      parts.put("ocr_psm11_ms", round((System.nanoTime() - t) / 1e6));
    }
    return parts;
  }

  static double accuracy(List<OcrWord> read) {
    Map<String, Integer> counts = new HashMap<>();
    read.forEach(w -> counts.merge(WordComparison.normalise(w.text()), 1, Integer::sum));
    List<String> truth = LabelFixtures.groundTruthWords();
    int found = 0;
    for (String word : truth) {
      if (counts.getOrDefault(word, 0) > 0) {
        counts.merge(word, -1, Integer::sum);
        found++;
      }
    }
    return found / (double) truth.size();
  }

  private static String table(List<Row> rows) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n%-16s %9s %9s %7s %7s %-9s %8s%n",
        "mode", "acc_bef", "acc_aft", "codes_b", "codes_a", "verdict", "guard_ms"));
    for (Row r : rows) {
      out.append(String.format(Locale.ROOT, "%-16s %9.2f %9.2f %7d %7d %-9s %8.0f%n", r.mode(), r.accuracyBefore(),
          r.accuracyAfter(), r.codesBefore(), r.codesAfter(), r.verdict().id(), r.millis()));
    }
    return out.toString();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
