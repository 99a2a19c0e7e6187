package io.enhancer.engine.quality.labelguard;

import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.Placement;
import io.enhancer.engine.quality.BoundingBox;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Proves that enhancement kept label text and codes readable: reads words (Tesseract) and codes (ZXing) in the
 * source and in the result mapped back onto the source, and compares them. Thread-safe; one instance serves every
 * thread (OCR handles are pooled). Close it to free the OCR models.
 */
public final class LabelGuard implements AutoCloseable {
  private final LabelGuardOptions options;
  private final TesseractReader reader;
  private final BarcodeScanner scanner = new BarcodeScanner();
  private final TextRegionDetector textRegions = new TextRegionDetector();

  public LabelGuard(LabelGuardOptions options) {
    this(options, new TesseractReader(options.layout(), Runtime.getRuntime().availableProcessors()));
  }

  public LabelGuard(LabelGuardOptions options, TesseractReader reader) {
    OpenCvRuntime.ensureLoaded();
    this.options = Objects.requireNonNull(options, "options");
    this.reader = Objects.requireNonNull(reader, "reader");
    if (reader.layout() != options.layout()) {
      throw new IllegalArgumentException("reader layout " + reader.layout() + " differs from options " + options.layout());
    }
  }

  /** Compares two BGR images; {@code placement} may be null (then the framing is assumed from the aspect ratio). */
  public LabelGuardResult check(Mat beforeBgr, Mat afterBgr, Placement placement) {
    return check(Frame.of(beforeBgr), Frame.of(afterBgr), placement);
  }

  /**
   * Compares the source frame with the enhanced result. The result's matte (or the source's) selects the product
   * pixels for the colour check; {@code placement} is where the pipeline put the source on the result (the result
   * frame's own), or null when unknown.
   */
  public LabelGuardResult check(Frame before, Frame after, Placement placement) {
    return inspect(before, after, placement).result();
  }

  /** The result plus the words each side read, for measurements against known text. */
  record Inspection(LabelGuardResult result, List<OcrWord> wordsBefore, List<OcrWord> wordsAfter) {}

  Inspection inspect(Frame before, Frame after, Placement placement) {
    if (placement != null && !placement.describes(after.width(), after.height())) {
      throw new IllegalArgumentException("placement describes a " + placement.canvasWidth() + "x"
          + placement.canvasHeight() + " result, got " + after.width() + "x" + after.height());
    }
    long start = System.nanoTime();
    double ocrScale = ocrScale(placement == null ? Math.max(before.width(), before.height())
        : (int) Math.ceil(Math.max(placement.cropWidth(), placement.cropHeight())));
    AlignedPair pair = AlignedPair.of(before.bgr(), after.bgr(), after.matte(), placement, ocrScale);

    List<OcrWord> wordsBefore = reader.read(Grey.of(pair.before()));
    List<OcrWord> wordsAfter = reader.read(Grey.of(pair.after()));
    TextChange text = WordComparison.compare(wordsBefore, wordsAfter, options.strongConfidence());
    if (pair.aligned() && text.lost() > options.toleratedWordLoss()) {
      // A loss is confirmed line by line before it is reported: Tesseract's page layout can drop a whole label that
      // sits as a light box on a dark product (a boxed label read at one working size and at none of eleven others
      // around it), while each detected text line, cut from both sides at the same place, reads reliably.
      List<BoundingBox> lines = textRegions.regions(pair.before());
      List<OcrWord> linesBefore = readLines(pair.before(), lines);
      List<OcrWord> linesAfter = readLines(pair.after(), lines);
      TextChange byLine = WordComparison.compare(linesBefore, linesAfter, options.strongConfidence());
      // only when it matches more source words, so a line reading that simply sees less of the source cannot hide a loss
      if (byLine.kept() > text.kept() && byLine.lost() < text.lost()) {
        wordsBefore = linesBefore;
        wordsAfter = linesAfter;
        text = byLine;
      }
    }
    TextReading readingBefore = reading(wordsBefore);
    TextReading readingAfter = reading(wordsAfter);

    List<ScannedCode> scannedBefore = scanner.scan(before.bgr());
    List<CodeReading> codesBefore = scannedBefore.stream().map(ScannedCode::code).toList();
    List<CodeReading> codesAfter = new ArrayList<>(scanner.scan(after.bgr()).stream().map(ScannedCode::code).toList());
    List<CodeReading> codesLost = new ArrayList<>();
    List<CodeReading> codesUnconfirmed = new ArrayList<>();
    for (ScannedCode missing : scannedBefore.stream().filter(s -> !codesAfter.contains(s.code())).toList()) {
      // A discrepancy: look harder in the result where the code should be, and check the source reading was no fluke.
      List<CodeReading> retried = afterBox(missing.box(), before, after, placement)
          .map(box -> scanner.decodeAround(after.bgr(), box, false)).orElse(List.of());
      if (retried.contains(missing.code())) {
        codesAfter.add(missing.code());
      } else if (scanner.decodeAround(before.bgr(), missing.box(), true).contains(missing.code())) {
        codesLost.add(missing.code());
      } else {
        codesUnconfirmed.add(missing.code());
      }
    }

    ColourShiftResult colour = null;
    if (pair.aligned()) {
      Mat productMask = pair.afterMatte();
      if (productMask == null && before.matte() != null && placement == null) {
        productMask = resizeTo(before.matte(), pair.before());
      }
      colour = ColourShift.measure(pair.before(), pair.after(), productMask);
    }

    List<String> problems = new ArrayList<>();
    codesLost.forEach(c -> problems.add(codeProblem(c, codesAfter)));
    List<String> reviewReasons = textProblems(text, readingBefore, readingAfter);
    for (CodeReading c : codesUnconfirmed) {
      reviewReasons.add("code " + c.format() + " \"" + c.value()
          + "\" read in the source but not in the result (the source reading did not repeat, so not rejected)");
    }
    String colourProblem = colourProblem(colour);

    LabelGuardVerdict verdict;
    String reason;
    if (!codesLost.isEmpty()) {
      verdict = LabelGuardVerdict.REJECT;
      problems.addAll(reviewReasons);
      if (colourProblem != null) problems.add(colourProblem);
      reason = String.join("; ", problems);
    } else if (!reviewReasons.isEmpty() || colourProblem != null) {
      verdict = LabelGuardVerdict.REVIEW;
      if (colourProblem != null) reviewReasons.add(colourProblem);
      reason = String.join("; ", reviewReasons);
    } else {
      String gain = improvement(text, readingBefore, readingAfter, codesBefore, codesAfter);
      verdict = gain == null ? LabelGuardVerdict.OK : LabelGuardVerdict.IMPROVED;
      reason = gain == null ? "" : gain;
    }
    double millis = (System.nanoTime() - start) / 1e6;
    return new Inspection(new LabelGuardResult(verdict, reason, readingBefore, readingAfter, text, codesBefore,
        codesAfter, codesLost, colour, pair.framing(), ocrScale, millis), wordsBefore, wordsAfter);
  }

  /**
   * Where no generative or super-resolution pixels may go: detected text lines plus decoded codes, as a CV_8UC1
   * mask of the image's size (255 = protected).
   */
  public Mat protectedRegions(Mat bgr) {
    Mat mask = textRegions.detect(bgr);
    for (ScannedCode code : scanner.scan(bgr)) {
      BoundingBox b = code.box();
      int pad = Math.max(4, Math.max(b.width(), b.height()) / 10);
      Imgproc.rectangle(mask, new Rect(b.x() - pad, b.y() - pad, b.width() + 2 * pad, b.height() + 2 * pad),
          new Scalar(255), -1);
    }
    return mask;
  }

  public LabelGuardOptions options() {
    return options;
  }

  private double ocrScale(int longerSide) {
    double scale = longerSide < options.smallSourceSide() ? 2.0 : 1.0;
    return Math.min(scale, options.maxOcrSide() / (double) longerSide);
  }

  /** Where a source box lies in the result, through the recorded placement or, without one, the width ratio. */
  private static Optional<BoundingBox> afterBox(BoundingBox box, Frame before, Frame after, Placement placement) {
    Optional<Placement> known = placement != null ? Optional.of(placement)
        : AlignedPair.assumeSameFraming(before.width(), before.height(), after.width(), after.height());
    return known.flatMap(p -> p.outputPixels(new Rect(box.x(), box.y(), box.width(), box.height())))
        .filter(r -> r.width >= 2 && r.height >= 2)
        .map(r -> new BoundingBox(r.x, r.y, r.width, r.height));
  }

  private TextReading reading(List<OcrWord> words) {
    List<OcrWord> real = words.stream().filter(w -> !WordComparison.normalise(w.text()).isEmpty()).toList();
    int readable = (int) real.stream().filter(w -> w.confidence() >= options.readableConfidence()).count();
    double mean = real.stream().mapToDouble(OcrWord::confidence).average().orElse(0);
    return new TextReading(readable, round1(mean));
  }

  private List<String> textProblems(TextChange text, TextReading before, TextReading after) {
    List<String> problems = new ArrayList<>();
    String examples = text.examples().isEmpty() ? "" : " (" + String.join(", ", text.examples()) + ")";
    if (text.changed() > 0 || text.lost() > options.toleratedWordLoss()) {
      List<String> parts = new ArrayList<>();
      if (text.lost() > 0) parts.add(words(text.lost()) + " lost");
      if (text.changed() > 0) parts.add(words(text.changed()) + " changed");
      problems.add("label text: " + String.join(", ", parts) + examples);
    }
    if (before.words() >= 3 && before.meanConfidence() - after.meanConfidence() > options.maxConfidenceDrop()) {
      problems.add(String.format(Locale.ROOT, "label text less certain: mean OCR confidence %.0f -> %.0f",
          before.meanConfidence(), after.meanConfidence()));
    }
    return problems;
  }

  private String colourProblem(ColourShiftResult colour) {
    if (colour == null || options.maxProductDeltaE() == null || colour.meanDeltaE() <= options.maxProductDeltaE()) {
      return null;
    }
    return String.format(Locale.ROOT, "product colour shifted: mean Delta E00 %.1f > %.1f (95th percentile %.1f)",
        colour.meanDeltaE(), options.maxProductDeltaE(), colour.p95DeltaE());
  }

  private static String improvement(TextChange text, TextReading before, TextReading after, List<CodeReading> codesBefore,
      List<CodeReading> codesAfter) {
    List<String> gains = new ArrayList<>();
    if (text.gained() > 0 && after.words() > before.words()) {
      gains.add("words read " + before.words() + " -> " + after.words());
    }
    if (after.words() >= 3 && after.meanConfidence() - before.meanConfidence() >= 3) {
      gains.add(String.format(Locale.ROOT, "mean OCR confidence %.0f -> %.0f", before.meanConfidence(),
          after.meanConfidence()));
    }
    if (codesAfter.size() > codesBefore.size()) {
      gains.add("codes decoded " + codesBefore.size() + " -> " + codesAfter.size());
    }
    return gains.isEmpty() ? null : "label more readable: " + String.join(", ", gains);
  }

  private static String codeProblem(CodeReading lost, List<CodeReading> after) {
    List<CodeReading> sameFormat = after.stream().filter(c -> c.format().equals(lost.format())).toList();
    if (sameFormat.size() == 1) {
      return "code changed: " + lost.format() + " \"" + lost.value() + "\" -> \"" + sameFormat.get(0).value() + "\"";
    }
    return "code lost: " + lost.format() + " \"" + lost.value() + "\" no longer decodes";
  }

  private static String words(int n) {
    return n + (n == 1 ? " word" : " words");
  }

  /** Each box of {@code image} read on its own, with a white margin as Tesseract likes; words in reading order. */
  private List<OcrWord> readLines(Mat image, List<BoundingBox> boxes) {
    Mat grey = Grey.of(image);
    List<OcrWord> words = new ArrayList<>();
    for (BoundingBox b : boxes) {
      Rect r = new Rect(b.x(), b.y(), b.width(), b.height());
      if (r.x < 0 || r.y < 0 || r.x + r.width > grey.cols() || r.y + r.height > grey.rows() || r.area() == 0) continue;
      int margin = Math.max(8, r.height / 2);
      Mat padded = new Mat();
      Core.copyMakeBorder(grey.submat(r), padded, margin, margin, margin, margin, Core.BORDER_CONSTANT,
          new Scalar(255));
      words.addAll(reader.read(padded));
      padded.release();
    }
    return words;
  }

  private static Mat resizeTo(Mat mask, Mat like) {
    if (mask.size().equals(like.size())) return mask;
    Mat out = new Mat();
    Imgproc.resize(mask, out, like.size(), 0, 0, Imgproc.INTER_AREA);
    return out;
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  @Override
  public void close() {
    reader.close();
  }
}
