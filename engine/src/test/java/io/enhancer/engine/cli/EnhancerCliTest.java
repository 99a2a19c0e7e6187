package io.enhancer.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enhancer.engine.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnhancerCliTest {
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final ObjectMapper json = new ObjectMapper();

  private int cli(boolean terminal, String... args) {
    EnhancerCli cli = new EnhancerCli(new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8), Map.of(), terminal, System::nanoTime);
    return cli.run(args);
  }

  private String out() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  private static List<Path> packshots(int n) {
    return TestData.images(TestData.dataset("products-GroceryStore").resolve("iconic")).subList(0, n);
  }

  @Test
  void batchGoesOnPastACorruptFileAndExitsOne(@TempDir Path tmp) throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    List<Path> good = packshots(3);
    for (Path p : good) Files.copy(p, in.resolve(p.getFileName()));
    Files.writeString(in.resolve("broken.jpg"), "this is not a JPEG at all");
    Files.writeString(in.resolve("notes.txt"), "skipped: not an image");
    Path out = tmp.resolve("out");
    Path reports = tmp.resolve("reports");

    int status = cli(false, "batch", in.toString(), out.toString(), "--threads", "2", "--report-dir", reports.toString(),
        "--format", "jpeg");

    assertThat(status).isEqualTo(ExitStatus.FAILED);
    for (Path p : good) {
      String base = OutputFiles.baseName(p);
      Path image = out.resolve(base + ".jpg");
      assertThat(image).isRegularFile();
      BufferedImage decoded = ImageIO.read(image.toFile());
      assertThat(decoded).as("output %s decodes", image).isNotNull();
      JsonNode report = json.readTree(reports.resolve(base + ".json").toFile());
      assertThat(report.at("/output/width").asInt()).isEqualTo(decoded.getWidth());
      assertThat(report.at("/output/height").asInt()).isEqualTo(decoded.getHeight());
      assertThat(report.at("/output/bytes").asLong()).isEqualTo(Files.size(image));
    }
    assertThat(out.resolve("broken.jpg")).doesNotExist();
    assertThat(reports.resolve("broken.json")).doesNotExist();
    try (Stream<Path> left = Files.list(out)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
    assertThat(out())
        .contains("done 3, failed 1, skipped 1 (not images)")
        .containsPattern("mean QC score \\d+\\.\\d")
        .contains("failed:\n  broken.jpg: invalid_image:")
        .contains("[4/4]");
  }

  @Test
  void fullBatchWithoutLabelFlagsGivesEveryReportALabelGuardEntry(@TempDir Path tmp) throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    List<Path> good = packshots(2);
    for (Path p : good) Files.copy(p, in.resolve(p.getFileName()));
    Path reports = tmp.resolve("reports");

    int status = cli(false, "batch", in.toString(), tmp.resolve("out").toString(), "--mode", "full",
        "--remove-background", "--threads", "1", "--report-dir", reports.toString());

    assertThat(status).isEqualTo(ExitStatus.OK);
    for (Path p : good) {
      JsonNode report = json.readTree(reports.resolve(OutputFiles.baseName(p) + ".json").toFile());
      assertThat(report.has("label_guard")).as(p.getFileName().toString()).isTrue();
      assertThat(report.at("/label_guard/verdict").asText()).isNotBlank();
      if (report.at("/decisions/text_regions").asInt() == 0) {
        assertThat(report.at("/label_guard/reason").asText()).isEqualTo("skipped: no text detected");
      }
    }
  }

  /** Issue 18: "--mode upscale --scale 2" returned the image at its own size, since --scale was only a ceiling. */
  @Test
  void upscaleModeWithScaleTwoDoublesTheImage(@TempDir Path tmp) throws IOException {
    Path source = tmp.resolve("small.png");
    org.opencv.core.Mat photo = new org.opencv.core.Mat(200, 300, org.opencv.core.CvType.CV_8UC3,
        new org.opencv.core.Scalar(200, 180, 160));
    org.opencv.imgproc.Imgproc.circle(photo, new org.opencv.core.Point(150, 100), 60,
        new org.opencv.core.Scalar(40, 60, 150), -1);
    org.opencv.imgcodecs.Imgcodecs.imwrite(source.toString(), photo);
    Path out = tmp.resolve("big.png");

    int status = cli(false, "enhance", source.toString(), out.toString(), "--mode", "upscale", "--scale", "2");

    assertThat(status).isEqualTo(ExitStatus.OK);
    org.opencv.core.Mat result = org.opencv.imgcodecs.Imgcodecs.imread(out.toString());
    assertThat(result.cols()).isEqualTo(600);
    assertThat(result.rows()).isEqualTo(400);
  }

  @Test
  void noLabelGuardFlagOptsOut(@TempDir Path tmp) throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Path p = packshots(1).get(0);
    Files.copy(p, in.resolve(p.getFileName()));
    Path reports = tmp.resolve("reports");
    int status = cli(false, "batch", in.toString(), tmp.resolve("out").toString(), "--no-label-guard",
        "--report-dir", reports.toString());
    assertThat(status).isEqualTo(ExitStatus.OK);
    assertThat(json.readTree(reports.resolve(OutputFiles.baseName(p) + ".json").toFile()).has("label_guard")).isFalse();
  }

  @Test
  void batchOnATerminalDrawsABarWithRateAndEta(@TempDir Path tmp) throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    for (Path p : packshots(2)) Files.copy(p, in.resolve(p.getFileName()));

    int status = cli(true, "batch", in.toString(), tmp.resolve("out").toString(), "--threads", "1");

    assertThat(status).isEqualTo(ExitStatus.OK);
    assertThat(out()).contains("\r").contains("2/2 100%").contains("img/s").contains("ETA").contains("done 2, failed 0");
  }

  @Test
  void reportJsonHoldsTheDocumentedFields(@TempDir Path tmp) throws IOException {
    Path input = packshots(1).get(0);
    Path output = tmp.resolve("product.jpg");
    Path report = tmp.resolve("report.json");

    int status = cli(false, "enhance", input.toString(), output.toString(), "--report", report.toString());

    assertThat(status).as(err()).isEqualTo(ExitStatus.OK);
    JsonNode r = json.readTree(report.toFile());
    assertThat(r.get("qc_score").isNumber()).isTrue();
    assertThat(r.get("qc_score").asDouble()).isBetween(0.0, 100.0);
    assertThat(r.get("qc_status").asText()).isIn("auto_approved", "needs_review");
    assertThat(r.get("reasons").isArray()).isTrue();
    assertThat(r.get("metrics_before").get("width").asInt()).isEqualTo(198);
    assertThat(r.get("metrics_after").get("width").asInt()).isPositive();
    assertThat(r.get("steps").isArray()).isTrue();
    assertThat(r.get("steps").size()).isGreaterThanOrEqualTo(3);
    for (JsonNode step : r.get("steps")) {
      assertThat(step.get("name").asText()).isNotBlank();
      assertThat(step.get("millis").asDouble()).isGreaterThanOrEqualTo(0);
    }
    assertThat(r.at("/output/format").asText()).isEqualTo("jpeg");
    assertThat(r.at("/output/bytes").asLong()).isEqualTo(Files.size(output));
    assertThat(r.at("/output/width").asInt()).isPositive();
    assertThat(r.at("/output/height").asInt()).isPositive();
    assertThat(out()).contains("product.jpg").contains("qc ");
  }

  @Test
  void enhanceOfAMissingInputIsAUsageError(@TempDir Path tmp) {
    int status = cli(false, "enhance", tmp.resolve("nope.jpg").toString(), tmp.resolve("o.jpg").toString());

    assertThat(status).isEqualTo(ExitStatus.USAGE);
    assertThat(err()).startsWith("error: input not found:").hasLineCount(1);
  }

  @Test
  void enhanceOfACorruptImageExitsOneWithOneLine(@TempDir Path tmp) throws IOException {
    Path broken = Files.writeString(tmp.resolve("broken.png"), "garbage");

    int status = cli(false, "enhance", broken.toString(), tmp.resolve("o.jpg").toString());

    assertThat(status).isEqualTo(ExitStatus.FAILED);
    assertThat(err()).contains("invalid_image").hasLineCount(1);
    assertThat(tmp.resolve("o.jpg")).doesNotExist();
  }

  @Test
  void formatMustAgreeWithTheOutputName(@TempDir Path tmp) {
    int status = cli(false, "enhance", packshots(1).get(0).toString(), tmp.resolve("o.jpg").toString(), "--format", "png");

    assertThat(status).isEqualTo(ExitStatus.USAGE);
    assertThat(err()).isEqualTo("error: --format png does not match the output name o.jpg\n");
  }

  @Test
  void unknownFlagIsRejectedNamingIt() {
    int status = cli(false, "batch", "in", "out", "--colour", "red");

    assertThat(status).isEqualTo(ExitStatus.USAGE);
    assertThat(err()).contains("unknown option --colour");
  }

  @Test
  void unknownCommandAndHelp() {
    assertThat(cli(false, "polish", "x")).isEqualTo(ExitStatus.USAGE);
    assertThat(err()).contains("unknown command 'polish'");
    assertThat(cli(false, "batch", "--help")).isEqualTo(ExitStatus.OK);
    assertThat(out()).contains("--threads N").contains("--report-dir DIR").contains("medical-label");
  }
}
