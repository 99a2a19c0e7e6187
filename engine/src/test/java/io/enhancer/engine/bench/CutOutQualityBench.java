package io.enhancer.engine.bench;

import io.enhancer.engine.TestData;
import io.enhancer.engine.api.EngineConfig;
import io.enhancer.engine.api.EnhanceResult;
import io.enhancer.engine.api.Enhancer;
import io.enhancer.engine.matting.LabelledProductScene;
import io.enhancer.engine.matting.SegmentationScore;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.models.segmentation.OnnxMatteEstimator;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.Presets;
import io.enhancer.engine.models.ModelRegistry;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.Placement;
import io.enhancer.engine.pipeline.StepContext;
import io.enhancer.engine.pipeline.StepNotes;
import io.enhancer.engine.pipeline.steps.RemoveBackgroundStep;
import io.enhancer.engine.quality.DeltaE;
import io.enhancer.engine.quality.Ssim;
import io.enhancer.engine.quality.labelguard.OcrLayout;
import io.enhancer.engine.quality.labelguard.OcrWord;
import io.enhancer.engine.quality.labelguard.TesseractReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Scores the cut-out of the whole pipeline, run as a user runs it ({@code --preset packshot-white}), on the shared
 * data sets with true masks (ECSSD, eBay composites), on real hand-held photos (GroceryStore, timing and QC only)
 * and on generated labelled product scenes whose ideal rendering, mask and label words are known. Prints one row per
 * image and a summary per set, with a baseline: the raw U²-Netp map used directly as alpha.
 *
 * <p>Not a unit test: {@code bench/quality/run.sh [--quick] [--save DIR]}.
 */
public final class CutOutQualityBench {
  private static final int PURITY_MARGIN = 3;

  /** One image's figures; NaN where a figure does not apply to the set. */
  record Row(String set, String image, double iou, double purity, double deltaEBefore, double deltaEAfter,
             double ssimBefore, double ssimAfter, double ocrBefore, double ocrAfter, double seconds, String qc) {}

  private final Enhancer enhancer;
  private final OnnxMatteEstimator rawModel;
  private final TesseractReader ocr;
  private final EnhanceOptions options;
  private final Path save;
  private final boolean stepOnly;
  private final RemoveBackgroundStep step;

  private CutOutQualityBench(Path modelsDir, Path save, boolean stepOnly, Map<String, String> overrides) {
    this.stepOnly = stepOnly;
    this.options = io.enhancer.engine.options.OptionCatalogue.apply(overrides,
        Presets.builtIn().get("packshot-white").toBuilder()).build();
    ModelRegistry registry = ModelRegistry.open(modelsDir, "u2netp", "espcn", EngineConfig.DEFAULT_MODEL_THREADS);
    this.step = new RemoveBackgroundStep(registry.matteEstimator(), registry.crossCheck());
    // -Dbench.superres=FAMILY (e.g. espcn, fsrcnn, or a missing one for Lanczos): what the upscaler does to the figures
    EngineConfig config = EngineConfig.defaults().withModelsDir(modelsDir);
    String superres = System.getProperty("bench.superres");
    if (superres != null) config = config.withModels(config.segmenter(), superres, config.modelThreads());
    this.enhancer = new Enhancer(config);
    this.rawModel = OnnxMatteEstimator.open(modelsDir.resolve("u2netp"));
    this.ocr = TesseractReader.available() ? new TesseractReader(OcrLayout.SPARSE_TEXT, 1) : null;
    this.save = save;
  }

  public static void main(String[] args) throws Exception {
    OpenCvRuntime.ensureLoaded();
    boolean quick = List.of(args).contains("--quick");
    Path save = null;
    for (int i = 0; i + 1 < args.length; i++) if (args[i].equals("--save")) save = Path.of(args[i + 1]);
    if (save != null) Files.createDirectories(save);
    Path models = Path.of(System.getProperty("enhancer.models.dir", "models")).toAbsolutePath();
    if (!Files.isRegularFile(models.resolve("u2netp/model.json"))) {
      throw new IllegalStateException("no U²-Netp under " + models + " (run scripts/install-models.sh)");
    }
    // --set key=value (repeatable): an option over the packshot-white preset, to see what one step does to the figures
    Map<String, String> overrides = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--set")) {
        String[] kv = args[i + 1].split("=", 2);
        overrides.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    if (!overrides.isEmpty()) System.out.println("options over packshot-white: " + overrides);
    CutOutQualityBench bench = new CutOutQualityBench(models, save, List.of(args).contains("--step"), overrides);
    bench.warmUp();
    List<Row> rows = new ArrayList<>();
    List<Row> baseline = new ArrayList<>();
    // --only SET (scenes, ECSSD, eBay, GroceryStore; repeatable): a shorter loop while studying one set
    List<String> only = new ArrayList<>();
    for (int i = 0; i + 1 < args.length; i++) if (args[i].equals("--only")) only.add(args[i + 1]);
    java.util.function.Predicate<String> wanted = set -> only.isEmpty() || only.contains(set);
    if (wanted.test("scenes")) bench.scenes(quick ? 10 : 25, rows, baseline);
    if (wanted.test("ECSSD")) bench.maskedSet("ECSSD", TestData.dataset("bgremoval-ECSSD"), quick ? 8 : 30, rows, baseline);
    if (wanted.test("eBay")) {
      bench.maskedSet("eBay", TestData.dataset("bgremoval-ebay-composites"), quick ? 8 : 30, rows, baseline);
    }
    if (wanted.test("GroceryStore")) {
      bench.unmasked("GroceryStore", TestData.dataset("products-GroceryStore").resolve("natural-val"), quick ? 4 : 12,
          rows);
    }
    print(rows, baseline, bench.ocr != null, quick);
    bench.enhancer.close();
    bench.rawModel.close();
  }

  private void warmUp() {
    LabelledProductScene scene = LabelledProductScene.catalogue(1).get(0);
    enhancer.enhance(png(scene.upload()), options);
  }

  private void scenes(int count, List<Row> rows, List<Row> baseline) {
    for (LabelledProductScene s : LabelledProductScene.catalogue(count)) {
      Outcome out = run(s.upload());
      Mat truthOnCanvas = out.toCanvas(s.truth(), true);
      // the output is scored against the ideal drawn at high resolution and brought to the canvas, so detail an
      // enlargement recovers counts for it and detail it invents counts against it
      Mat idealOnCanvas = out.toCanvas(s.reference(), false);
      Rect labelOnCanvas = out.toCanvas(s.label());
      Mat inner = eroded(s.truth(), 2);
      Mat innerOnCanvas = eroded(truthOnCanvas, 2);
      double deBefore = DeltaE.meanCiede2000(s.upload(), s.ideal(), inner);
      double deAfter = DeltaE.meanCiede2000(out.output(), idealOnCanvas, innerOnCanvas);
      double ssimBefore = greySsim(s.upload().submat(s.label()), s.ideal().submat(s.label()));
      double ssimAfter = greySsim(out.output().submat(labelOnCanvas), idealOnCanvas.submat(labelOnCanvas));
      double ocrBefore = recall(s.upload().submat(s.label()), s.words());
      double ocrAfter = recall(out.output().submat(labelOnCanvas), s.words());
      rows.add(new Row("scenes", s.name(), SegmentationScore.iou(out.matte(), truthOnCanvas),
          SegmentationScore.purity(out.output(), truthOnCanvas, PURITY_MARGIN), deBefore, deAfter, ssimBefore,
          ssimAfter, ocrBefore, ocrAfter, out.seconds(), out.qc()));
      baseline.add(rawBaseline("scenes", s.name(), s.upload(), s.truth(), s.ideal()));
      saved(s.name(), out);
      if (save != null) {
        writePreview(s.name() + "-upload", s.upload());
        // the label at full size, output beside the reference it is scored against: halos and painted texture show
        // here, not in the averages
        Mat pair = new Mat();
        Core.hconcat(List.of(out.output().submat(labelOnCanvas), idealOnCanvas.submat(labelOnCanvas)), pair);
        Imgcodecs.imwrite(save.resolve(s.name() + "-label-vs-reference.png").toString(), pair);
      }
    }
  }

  private void maskedSet(String set, Path dir, int count, List<Row> rows, List<Row> baseline) {
    List<Path> images = TestData.images(dir).stream().filter(p -> p.toString().contains("/images/")).toList();
    int step = Math.max(1, images.size() / count);
    for (int i = 0; i < images.size() && rows.stream().filter(r -> r.set().equals(set)).count() < count; i += step) {
      Path image = images.get(i);
      String base = image.getFileName().toString().replaceFirst("\\.[^.]+$", "");
      Path maskFile = image.getParent().getParent().resolve("masks").resolve(base + ".png");
      Mat bgr = Imgcodecs.imread(image.toString(), Imgcodecs.IMREAD_COLOR);
      Mat truth = anyNonBlack(Imgcodecs.imread(maskFile.toString(), Imgcodecs.IMREAD_COLOR));
      Outcome out = run(bgr);
      Mat truthOnCanvas = out.toCanvas(truth, true);
      rows.add(new Row(set, base, SegmentationScore.iou(out.matte(), truthOnCanvas),
          SegmentationScore.purity(out.output(), truthOnCanvas, PURITY_MARGIN), Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN, Double.NaN, out.seconds(), out.qc()));
      baseline.add(rawBaseline(set, base, bgr, truth, null));
      saved(set + "-" + base, out);
    }
  }

  private void unmasked(String set, Path dir, int count, List<Row> rows) {
    List<Path> images = TestData.images(dir);
    int step = Math.max(1, images.size() / count);
    for (int i = 0, n = 0; i < images.size() && n < count; i += step, n++) {
      Mat bgr = Imgcodecs.imread(images.get(i).toString(), Imgcodecs.IMREAD_COLOR);
      Outcome out = run(bgr);
      String base = images.get(i).getFileName().toString().replaceFirst("\\.[^.]+$", "");
      rows.add(new Row(set, base, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, out.seconds(), out.qc()));
      saved(set + "-" + base, out);
    }
  }

  /** The model's map as alpha over white, in the upload's own frame: what refinement must beat. */
  private Row rawBaseline(String set, String image, Mat bgr, Mat truth, Mat ideal) {
    long start = System.nanoTime();
    Mat alpha = rawModel.estimateUnrefined(bgr);
    Mat composite = overWhite(bgr, alpha);
    double seconds = (System.nanoTime() - start) / 1e9;
    double deAfter = ideal == null ? Double.NaN : DeltaE.meanCiede2000(composite, ideal, eroded(truth, 2));
    return new Row(set, image, SegmentationScore.iou(alpha, truth),
        SegmentationScore.purity(composite, truth, PURITY_MARGIN), Double.NaN, deAfter, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, seconds, "");
  }

  private Outcome run(Mat upload) {
    if (stepOnly) return runStep(upload);
    byte[] input = png(upload);
    Mat[] finalMatte = new Mat[1];
    Placement[] placement = new Placement[1];
    long start = System.nanoTime();
    // the frame's pixels are released once enhance returns, so the matte is copied inside the callback
    EnhanceResult result = enhancer.enhance(input, options, f -> {
      finalMatte[0] = f.hasMatte() ? f.matte().clone() : null;
      placement[0] = f.placement();
    });
    double seconds = (System.nanoTime() - start) / 1e9;
    Mat output = Imgcodecs.imdecode(new MatOfByte(result.image()), Imgcodecs.IMREAD_COLOR);
    Mat matte = finalMatte[0] != null ? finalMatte[0] : Mat.zeros(output.size(), CvType.CV_8UC1);
    String qc = result.report().qcStatus() + (result.report().reasons().isEmpty() ? ""
        : " (" + String.join("; ", result.report().reasons()) + ")");
    return new Outcome(upload.size(), output, matte, placement[0], seconds, qc);
  }

  /** The background step alone, in the upload's frame: a fast loop while tuning the cut-out. */
  private Outcome runStep(Mat upload) {
    StepNotes notes = new StepNotes();
    long start = System.nanoTime();
    Frame out = step.apply(Frame.of(upload), new StepContext(options, null, notes));
    double seconds = (System.nanoTime() - start) / 1e9;
    Mat matte = out.hasMatte() ? out.matte() : Mat.zeros(upload.size(), CvType.CV_8UC1);
    return new Outcome(upload.size(), out.bgr(), matte, out.placement(), seconds, notes.penalties().isEmpty() ? "AUTO_APPROVED"
        : "NEEDS_REVIEW (" + String.join("; ", notes.penalties().keySet()) + ")");
  }

  /**
   * What the pipeline gave for one upload, and how to bring the upload's truth onto its canvas: through the final
   * frame's placement, the engine's own mapping (the label guard uses the same), so bench and guard cannot drift.
   */
  record Outcome(Size source, Mat output, Mat matte, Placement placement, double seconds, String qc) {

    /**
     * An image covering the upload's frame (truth mask, ideal, or a high-resolution reference) placed where the
     * pipeline put the source on the canvas: resized onto the upload's pixels, then placed as the upload was,
     * exactly and per axis. Integer crops in the upload's pixels were off by up to one upload pixel, three canvas
     * pixels after a 3x enlargement, and cost the enlarged path 0.06 of label SSIM.
     */
    Mat toCanvas(Mat image, boolean mask) {
      if (placement.isIdentity() && image.size().equals(source)) return image;
      Placement onCanvas = Placement.resized(image.cols(), image.rows(), (int) source.width, (int) source.height)
          .then(placement);
      if (onCanvas.scaleX() < 1 || onCanvas.scaleY() < 1) { // shrink by area averaging first, as a camera would
        Mat shrunk = new Mat();
        Imgproc.resize(image, shrunk, new Size(Math.max(1, Math.round(image.cols() * onCanvas.scaleX())),
            Math.max(1, Math.round(image.rows() * onCanvas.scaleY()))), 0, 0, Imgproc.INTER_AREA);
        onCanvas = Placement.resized(shrunk.cols(), shrunk.rows(), image.cols(), image.rows()).then(onCanvas);
        image = shrunk;
      }
      Mat canvas = new Mat();
      Imgproc.warpAffine(image, canvas, onCanvas.sourceToOutputAffine(),
          new Size(onCanvas.canvasWidth(), onCanvas.canvasHeight()), mask ? Imgproc.INTER_LINEAR : Imgproc.INTER_LANCZOS4,
          Core.BORDER_CONSTANT, mask ? new Scalar(0) : new Scalar(255, 255, 255));
      if (mask) Imgproc.threshold(canvas, canvas, 127, 255, Imgproc.THRESH_BINARY);
      return canvas;
    }

    /** An upload-pixel box on the canvas, by the same exact mapping (box edges, not pixel centres). */
    Rect toCanvas(Rect r) {
      return placement.outputPixels(r).orElseThrow(() -> new IllegalStateException("box " + r + " is off the canvas"));
    }
  }

  private double recall(Mat labelBgr, List<String> words) {
    if (ocr == null) return Double.NaN;
    Mat grey = new Mat();
    Imgproc.cvtColor(labelBgr, grey, Imgproc.COLOR_BGR2GRAY);
    // Tesseract wants ~20 px x-height: small labels are read at twice the size
    if (grey.rows() < 120) Imgproc.resize(grey, grey, new Size(grey.cols() * 2, grey.rows() * 2), 0, 0, Imgproc.INTER_CUBIC);
    List<String> read = ocr.read(grey).stream().map(OcrWord::text)
        .map(t -> t.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "")).toList();
    return words.stream().filter(read::contains).count() / (double) words.size();
  }

  private void saved(String name, Outcome out) {
    if (save == null) return;
    writePreview(name, out.output());
  }

  /** PNG previews at most 500 px wide, small enough to look through quickly. */
  private void writePreview(String name, Mat image) {
    Mat small = new Mat();
    double f = Math.min(1, 500.0 / image.cols());
    Imgproc.resize(image, small, new Size(Math.round(image.cols() * f), Math.round(image.rows() * f)), 0, 0,
        Imgproc.INTER_AREA);
    Imgcodecs.imwrite(save.resolve(name + ".png").toString(), small);
  }

  private static double greySsim(Mat a, Mat b) {
    Mat ga = new Mat(), gb = new Mat();
    Imgproc.cvtColor(a, ga, Imgproc.COLOR_BGR2GRAY);
    Imgproc.cvtColor(b, gb, Imgproc.COLOR_BGR2GRAY);
    if (ga.size().width != gb.size().width || ga.size().height != gb.size().height) {
      Imgproc.resize(ga, ga, gb.size(), 0, 0, Imgproc.INTER_AREA);
    }
    return Ssim.of(ga, gb);
  }

  private static Mat overWhite(Mat bgr, Mat alpha) {
    Mat a = new Mat(), a3 = new Mat(), f = new Mat(), out = new Mat();
    alpha.convertTo(a, CvType.CV_32F, 1 / 255.0);
    Core.merge(List.of(a, a, a), a3);
    bgr.convertTo(f, CvType.CV_32FC3);
    Mat white = new Mat(bgr.size(), CvType.CV_32FC3, new Scalar(255, 255, 255));
    Mat inv = new Mat();
    Core.subtract(new Mat(bgr.size(), CvType.CV_32FC3, new Scalar(1, 1, 1)), a3, inv);
    Core.multiply(f, a3, f);
    Core.multiply(white, inv, white);
    Core.add(f, white, f);
    f.convertTo(out, CvType.CV_8UC3);
    return out;
  }

  private static Mat anyNonBlack(Mat colourMask) {
    Mat grey = new Mat();
    Imgproc.cvtColor(colourMask, grey, Imgproc.COLOR_BGR2GRAY);
    Imgproc.threshold(grey, grey, 0, 255, Imgproc.THRESH_BINARY);
    return grey;
  }

  private static Mat eroded(Mat mask, int r) {
    Mat out = new Mat();
    Imgproc.erode(mask, out, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(2 * r + 1, 2 * r + 1)));
    return out;
  }

  private static byte[] png(Mat bgr) {
    MatOfByte buffer = new MatOfByte();
    Imgcodecs.imencode(".png", bgr, buffer);
    return buffer.toArray();
  }

  // ---------- table ----------

  private static void print(List<Row> rows, List<Row> baseline, boolean ocr, boolean quick) {
    System.out.println("## Cut-out quality, pipeline --preset packshot-white" + (quick ? " (quick)" : ""));
    System.out.println("ΔE = CIEDE2000 over the product (mask eroded 2 px) vs the ideal rendering on white;"
        + " SSIM = grey SSIM of the label box vs the ideal; OCR = share of the label's words Tesseract reads"
        + (ocr ? "" : " (n/a: Tesseract not installed, run scripts/install-ocr.sh)") + ".");
    System.out.println();
    System.out.println("| set | image | IoU | purity | ΔE00 upload | ΔE00 output | SSIM upload | SSIM output "
        + "| OCR upload | OCR output | s/image | QC |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.2f | %s |%n", r.set(),
          r.image(), f3(r.iou()), f3(r.purity()), f1(r.deltaEBefore()), f1(r.deltaEAfter()), f3(r.ssimBefore()),
          f3(r.ssimAfter()), f2(r.ocrBefore()), f2(r.ocrAfter()), r.seconds(), r.qc());
    }
    System.out.println();
    System.out.println("### Summary per set (means; worst IoU in brackets)");
    System.out.println();
    System.out.println("| set | method | images | IoU | purity | ΔE00 upload | ΔE00 output | SSIM upload | SSIM output "
        + "| OCR upload | OCR output | s/image | sent to review |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (String set : rows.stream().map(Row::set).distinct().toList()) {
      summary(set, "pipeline", rows.stream().filter(r -> r.set().equals(set)).toList());
      List<Row> base = baseline.stream().filter(r -> r.set().equals(set)).toList();
      if (!base.isEmpty()) summary(set, "raw U²-Netp map as alpha", base);
    }
    List<Row> allMasked = rows.stream().filter(r -> !Double.isNaN(r.iou())).toList();
    summary("all with masks", "pipeline", allMasked);
    summary("all with masks", "raw U²-Netp map as alpha", baseline);
  }

  private static void summary(String set, String method, List<Row> rows) {
    double worst = rows.stream().mapToDouble(Row::iou).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
    long review = rows.stream().filter(r -> !r.qc().isEmpty() && !r.qc().startsWith("AUTO_APPROVED")).count();
    System.out.printf(Locale.ROOT, "| %s | %s | %d | %s (%s) | %s | %s | %s | %s | %s | %s | %s | %.2f | %s |%n", set,
        method, rows.size(), f3(mean(rows, Row::iou)), f3(worst), f3(mean(rows, Row::purity)),
        f1(mean(rows, Row::deltaEBefore)), f1(mean(rows, Row::deltaEAfter)), f3(mean(rows, Row::ssimBefore)),
        f3(mean(rows, Row::ssimAfter)), f2(mean(rows, Row::ocrBefore)), f2(mean(rows, Row::ocrAfter)),
        mean(rows, Row::seconds), method.equals("pipeline") ? String.valueOf(review) : "");
  }

  private static double mean(List<Row> rows, ToDoubleFunction<Row> f) {
    OptionalDouble m = rows.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).average();
    return m.orElse(Double.NaN);
  }

  private static String f3(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String f2(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String f1(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
  }
}
