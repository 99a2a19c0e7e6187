package io.enhancer.engine.models.superres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enhancer.engine.TestData;
import io.enhancer.engine.errors.ModelException;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.models.superres.OnnxSuperResolver.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Range;
import org.opencv.imgcodecs.Imgcodecs;

class OnnxSuperResolverTest {
  private static final Path MODELS = TestData.shared().resolve("models");
  private static OnnxSuperResolver espcn;
  private static Mat photo;

  @BeforeAll
  static void load() {
    OpenCvRuntime.ensureLoaded();
    espcn = OnnxSuperResolver.load(MODELS, "espcn", 1).orElseThrow();
    espcn.warmUp();
    // Set14 img_002 LR (360x288): big enough for several tiles
    photo = Imgcodecs.imread(TestData.dataset("sr-Set14").resolve("x2/img_002_SRF_2_LR.png").toString());
  }

  @AfterAll
  static void close() {
    espcn.close();
  }

  @Test
  void checksumsPinnedInCodeMatchTheModelReadmes() throws IOException {
    Pattern row = Pattern.compile("^\\|\\s*(\\S+\\.onnx)\\s*\\|\\s*\\d+\\s*\\|\\s*([0-9a-f]{64})\\s*\\|", Pattern.MULTILINE);
    for (ModelFamily family : ModelFamily.values()) {
      String readme = family.bundled()
          ? new String(OnnxSuperResolver.class.getResourceAsStream(family.directory() + "/README.md").readAllBytes(),
              java.nio.charset.StandardCharsets.UTF_8)
          : Files.readString(MODELS.resolve(family.directory()).resolve("README.md"));
      for (var entry : family.sha256ByScale().entrySet()) {
        Matcher m = row.matcher(readme);
        String documented = null;
        while (m.find()) if (m.group(1).equals(family.fileName(entry.getKey()))) documented = m.group(2);
        assertThat(documented).as(family.fileName(entry.getKey())).isEqualTo(entry.getValue());
      }
    }
  }

  @Test
  void refusesAModelWhoseChecksumDiffers(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("espcn"));
    byte[] bytes = Files.readAllBytes(MODELS.resolve("espcn/ESPCN_x2.onnx"));
    bytes[bytes.length - 10] ^= 0x01;
    Files.write(dir.resolve("espcn/ESPCN_x2.onnx"), bytes);

    assertThatThrownBy(() -> OnnxSuperResolver.load(dir, "espcn", 1))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("ESPCN_x2.onnx has sha256");
  }

  @Test
  void returnsEmptyForTheClassicalFallbackWhenModelFilesAreAbsent(@TempDir Path dir) {
    assertThat(OnnxSuperResolver.load(dir, "fsrcnn", 1)).isEmpty();
  }

  @Test
  void loadsOnlyTheScalesWhoseFilesArePresent(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("espcn"));
    Files.copy(MODELS.resolve("espcn/ESPCN_x3.onnx"), dir.resolve("espcn/ESPCN_x3.onnx"));
    try (OnnxSuperResolver partial = OnnxSuperResolver.load(dir, "espcn", 1).orElseThrow()) {
      assertThat(partial.scales()).containsExactly(3);
      Mat out = partial.upscale(crop(photo, 40, 60), 2); // x3 model, then area-reduced to 2x
      assertThat(out.cols()).isEqualTo(80);
      assertThat(out.rows()).isEqualTo(120);
    }
  }

  @Test
  void rejectsAnUnknownModelFamily() {
    assertThatThrownBy(() -> OnnxSuperResolver.load(MODELS, "edsr", 1))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("got 'edsr'");
  }

  @Test
  void tiledOutputMatchesUntiledOutput() {
    for (ModelFamily family : List.of(ModelFamily.ESPCN, ModelFamily.FSRCNN)) {
      try (OnnxSuperResolver tiled = OnnxSuperResolver.load(MODELS, family, new Settings(1, 64, 16)).orElseThrow();
           OnnxSuperResolver whole = OnnxSuperResolver.load(MODELS, family, new Settings(1, 4096, 0)).orElseThrow()) {
        Mat a = tiled.upscale(photo, 2);
        Mat b = whole.upscale(photo, 2);
        assertThat(psnr(a, b)).as(family.id()).isGreaterThan(55);
        assertThat(Core.norm(a, b, Core.NORM_INF)).as(family.id()).isLessThanOrEqualTo(2);
      }
    }
  }

  @Test
  void tilesLapSrnWithinATenthOfADecibel() {
    Mat small = crop(photo, 96, 96);
    try (OnnxSuperResolver tiled = OnnxSuperResolver.load(MODELS, ModelFamily.LAPSRN, new Settings(1, 48, 16)).orElseThrow();
         OnnxSuperResolver whole = OnnxSuperResolver.load(MODELS, ModelFamily.LAPSRN, new Settings(1, 4096, 0)).orElseThrow()) {
      Mat hr = Imgcodecs.imread(TestData.dataset("sr-Set14").resolve("x2/img_002_SRF_2_HR.png").toString());
      Mat truth = crop(hr, 192, 192);
      double tiledPsnr = psnr(EvaluationLuma.of(tiled.upscale(small, 2), 2), EvaluationLuma.of(truth, 2));
      double wholePsnr = psnr(EvaluationLuma.of(whole.upscale(small, 2), 2), EvaluationLuma.of(truth, 2));
      assertThat(Math.abs(tiledPsnr - wholePsnr)).isLessThan(0.1);
    }
  }

  @Test
  void reachesFactorsBetweenModelScalesAtTheExactSize() {
    Mat input = crop(photo, 101, 77);
    Mat out = espcn.upscale(input, 2.6);
    assertThat(out.cols()).isEqualTo(263);
    assertThat(out.rows()).isEqualTo(200);
    // same picture as a plain Lanczos stretch, only sharper
    assertThat(psnr(out, new LanczosResolver().upscale(input, 2.6))).isGreaterThan(28);
  }

  @Test
  void isDeterministicAndSafeToShareAcrossThreads() throws Exception {
    Mat input = crop(photo, 120, 100);
    Mat reference = espcn.upscale(input, 3);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Mat>> runs = pool.invokeAll(List.of(() -> espcn.upscale(input, 3), () -> espcn.upscale(input, 3)));
      for (Future<Mat> run : runs) assertThat(Core.norm(run.get(), reference, Core.NORM_INF)).isZero();
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void neverMutatesItsInput() {
    Mat input = crop(photo, 64, 64);
    Mat copy = input.clone();
    espcn.upscale(input, 2);
    assertThat(Core.norm(input, copy, Core.NORM_INF)).isZero();
  }

  private static Mat crop(Mat image, int width, int height) {
    return image.submat(new Range(0, height), new Range(0, width)).clone();
  }

  private static double psnr(Mat a, Mat b) {
    return Psnr.of(a, b);
  }
}
