package io.enhancer.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enhancer.engine.TestData;
import io.enhancer.engine.errors.InvalidImageException;
import io.enhancer.engine.matting.SyntheticProductScene;
import io.enhancer.engine.options.CanvasOptions;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.Mode;
import io.enhancer.engine.options.OutputFormat;
import io.enhancer.engine.quality.DeltaE;
import io.enhancer.engine.quality.QcStatus;
import io.enhancer.engine.quality.Ssim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The whole engine as the CLI and the connector use it: real decode, every step, encode and QC, with the models the
 * registry finds (classical fallbacks when none are installed). Figures are measured, asserted with tolerances.
 */
class EnhancerEndToEndTest {
  private static Enhancer enhancer;

  @BeforeAll
  static void open() {
    enhancer = new Enhancer(EngineConfig.defaults().withModelsDir(modelsDir()));
  }

  @AfterAll
  static void close() {
    enhancer.close();
  }

  @Test
  void packshotComesOutOnTheExactCanvasWithinTheSizeTargetAndPureWhiteBorders() throws Exception {
    byte[] input = Files.readAllBytes(TestData.dataset("products-GroceryStore").resolve("iconic")
        .resolve("Packages__Alpro-Fresh-Soy-Milk_Iconic.jpg"));
    EnhanceOptions options = EnhanceOptions.builder().mode(Mode.FULL).targetKb(250).build();

    EnhanceResult result = enhancer.enhance(input, options);

    Mat out = decode(result.image());
    assertThat(out.cols()).isEqualTo(1500);
    assertThat(out.rows()).isEqualTo(1500);
    assertThat(result.image().length).isLessThanOrEqualTo(250 * 1024);
    assertThat(result.report().output().fitsTarget()).isTrue();
    // the padding band outside the fitted product (85 % fill leaves 112 px each side) is pure white
    assertThat(whiteShare(out.submat(0, 1500, 0, 100))).isGreaterThan(0.999);
    assertThat(whiteShare(out.submat(0, 100, 0, 1500))).isGreaterThan(0.999);
    assertThat(result.report().steps()).extracting(s -> s.name())
        .containsSubsequence("decode", "analyse", "remove_background", "light_and_colour", "denoise", "upscale",
            "sharpen", "standardise", "encode", "quality_check");
    assertThat(result.report().decisions()).containsKey("models");
    if ("1".equals(System.getenv("ENHANCER_REQUIRE_MODELS"))) {
      String upscaler = io.enhancer.engine.models.superres.ModelFamily.DEFAULT.id();
      assertThat(enhancer.models()).extracting(m -> m.get("name")).contains("u2netp", upscaler);
      assertThat(result.report().decisions()).containsEntry("matte", "u2netp").containsEntry("upscaler", upscaler);
    }
  }

  @Test
  void syntheticProductsKeepTheirColourAndGetAPureWhiteBackground() {
    List<String> lines = new ArrayList<>();
    for (SyntheticProductScene scene : SyntheticProductScene.standardSet()) {
      EnhanceOptions options = EnhanceOptions.builder().mode(Mode.FULL).canvas(null).format(OutputFormat.PNG).build();
      EnhanceResult result = enhancer.enhance(encodePng(scene.bgr()), options);
      Mat out = decode(result.image());
      assertThat(out.size()).isEqualTo(scene.bgr().size());

      Mat background = new Mat();
      Core.bitwise_not(dilate(scene.truth(), 7), background);
      double purity = whiteShare(out, background);
      Mat core = erode(scene.truth(), 7);
      double deltaE = DeltaE.meanCiede2000(scene.bgr(), out, core);
      lines.add(String.format("%-22s purity %.4f  product ΔE2000 %.2f  qc %.0f", scene.name(), purity, deltaE,
          result.report().qcScore()));
      assertThat(purity).as(scene.name() + " background purity").isGreaterThan(0.99);
      assertThat(deltaE).as(scene.name() + " product colour error").isLessThan(6.0);
    }
    System.out.println(String.join("\n", lines));
  }

  @Test
  void aCleanPhotoIsNotMadeWorseWhenTheBackgroundIsKept() throws Exception {
    for (String name : List.of("kodim03.png", "kodim23.png")) {
      byte[] input = Files.readAllBytes(TestData.dataset("denoise-Kodak24").resolve(name));
      EnhanceOptions options = EnhanceOptions.builder().mode(Mode.AUTO).removeBackground(false).canvas(null)
          .format(OutputFormat.PNG).build();
      Mat source = decode(input);
      Mat out = decode(enhancer.enhance(input, options).image());
      assertThat(out.size()).isEqualTo(source.size());
      assertThat(Ssim.of(gray(source), gray(out))).as(name + " SSIM").isGreaterThan(0.93);
    }
  }

  @Test
  void sameBytesInGiveSameBytesOutAlsoFromConcurrentThreads() throws Exception {
    byte[] input = Files.readAllBytes(TestData.dataset("products-GroceryStore").resolve("natural-val")
        .resolve("Packages__Oatly-Oat-Milk_002.jpg"));
    EnhanceOptions options = EnhanceOptions.builder().mode(Mode.FULL).canvas(new CanvasOptions(600, 750)).build();
    byte[] first = enhancer.enhance(input, options).image();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<byte[]>> runs = new ArrayList<>();
      for (int i = 0; i < 3; i++) runs.add(pool.submit(() -> enhancer.enhance(input, options).image()));
      for (Future<byte[]> run : runs) assertThat(Arrays.equals(run.get(), first)).isTrue();
    } finally {
      pool.shutdown();
    }
    Mat out = decode(first);
    assertThat(out.cols()).isEqualTo(600);
    assertThat(out.rows()).isEqualTo(750);
  }

  @Test
  void aDarkNoisyBlurredPhotoGoesToReviewWithNamedReasons() throws Exception {
    Mat photo = decode(Files.readAllBytes(TestData.dataset("products-GroceryStore").resolve("iconic")
        .resolve("Packages__Alpro-Fresh-Soy-Milk_Iconic.jpg")));
    Mat bad = new Mat();
    photo.convertTo(bad, CvType.CV_8UC3, 0.45, 0);
    Imgproc.GaussianBlur(bad, bad, new org.opencv.core.Size(0, 0), 1.5);
    Mat noise = new Mat(bad.size(), CvType.CV_16SC3);
    Core.randn(noise, 0, 12);
    Mat noisy = new Mat();
    bad.convertTo(noisy, CvType.CV_16SC3);
    Core.add(noisy, noise, noisy);
    noisy.convertTo(bad, CvType.CV_8UC3);

    EnhanceResult result = enhancer.enhance(encodePng(bad), EnhanceOptions.builder().mode(Mode.AUTO).build());

    assertThat(result.report().qcStatus()).isEqualTo(QcStatus.NEEDS_REVIEW);
    assertThat(result.report().qcScore()).isLessThanOrEqualTo(75);
    assertThat(result.report().reasons()).isNotEmpty();
  }

  @Test
  void corruptInputFailsWithATypedErrorNamingTheProblem() {
    assertThatThrownBy(() -> enhancer.enhance("not an image".getBytes(), EnhanceOptions.defaults()))
        .isInstanceOf(InvalidImageException.class).hasMessageContaining("not an image");
  }

  static Path modelsDir() {
    String property = System.getProperty("enhancer.models.dir");
    if (property != null && !property.isBlank()) return Path.of(property);
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("mvnw"))) return d.resolve("models");
    }
    return null;
  }

  private static Mat decode(byte[] bytes) {
    return Imgcodecs.imdecode(new MatOfByte(bytes), Imgcodecs.IMREAD_COLOR);
  }

  private static byte[] encodePng(Mat bgr) {
    MatOfByte out = new MatOfByte();
    Imgcodecs.imencode(".png", bgr, out);
    return out.toArray();
  }

  private static Mat gray(Mat bgr) {
    Mat g = new Mat();
    Imgproc.cvtColor(bgr, g, Imgproc.COLOR_BGR2GRAY);
    return g;
  }

  private static Mat dilate(Mat mask, int px) {
    Mat out = new Mat();
    Imgproc.dilate(mask, out, Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new org.opencv.core.Size(2 * px + 1, 2 * px + 1)));
    return out;
  }

  private static Mat erode(Mat mask, int px) {
    Mat out = new Mat();
    Imgproc.erode(mask, out, Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new org.opencv.core.Size(2 * px + 1, 2 * px + 1)));
    return out;
  }

  private static double whiteShare(Mat bgr) {
    return whiteShare(bgr, new Mat(bgr.size(), CvType.CV_8UC1, new Scalar(255)));
  }

  /** Share of masked pixels that are >= 250 in every channel. */
  private static double whiteShare(Mat bgr, Mat mask) {
    Mat white = new Mat();
    Core.inRange(bgr, new Scalar(250, 250, 250), new Scalar(255, 255, 255), white);
    Core.bitwise_and(white, mask, white);
    int total = Core.countNonZero(mask);
    return total == 0 ? 1 : Core.countNonZero(white) / (double) total;
  }
}
