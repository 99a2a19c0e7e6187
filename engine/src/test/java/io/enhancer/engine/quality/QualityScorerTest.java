package io.enhancer.engine.quality;

import static io.enhancer.engine.quality.Degradations.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.TestData;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.StepNotes;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

class QualityScorerTest {
  private final ImageAnalyzer analyzer = new ImageAnalyzer();
  private final QualityScorer scorer = new QualityScorer();
  private final EnhanceOptions options = EnhanceOptions.defaults();

  private static List<Path> packshots() {
    return TestData.images(TestData.dataset("products-GroceryStore").resolve("iconic")).stream()
        .filter(p -> p.getFileName().toString().startsWith("Packages__")).limit(6).toList();
  }

  private QcResult scoreAsIs(Mat image, StepNotes notes) {
    ImageMetrics m = analyzer.analyse(Frame.of(image));
    return scorer.score(m, m, notes, options);
  }

  private static Mat degraded(Mat clean) {
    return Degradations.gaussianNoise(Degradations.blurred(Degradations.scaled(clean, 0.45), 1.5), 12, 9);
  }

  @Test
  void cleanPackshotOutscoresTheSameImageDarkenedNoisedAndBlurred() {
    for (Path file : packshots()) {
      Mat clean = read(file);
      QcResult good = scoreAsIs(clean, new StepNotes());
      QcResult bad = scoreAsIs(degraded(clean), new StepNotes());
      System.out.printf("qc %s: clean %.1f %s | degraded %.1f %s%n", file.getFileName(), good.score(), good.reasons(),
          bad.score(), bad.reasons());
      assertThat(good.score()).as(file.toString()).isGreaterThan(bad.score() + 30);
      assertThat(bad.reasons()).anyMatch(r -> r.startsWith("underexposed"))
          .anyMatch(r -> r.startsWith("noisy")).anyMatch(r -> r.startsWith("image blurry"))
          .anyMatch(r -> r.startsWith("background not uniform"));
      // Some packshots touch the frame edge, so a clean one may still lose points for its border.
      assertThat(good.reasons()).noneMatch(r -> r.startsWith("noisy") || r.startsWith("underexposed")
          || r.startsWith("image blurry"));
      assertThat(good.reasons()).contains("low resolution source (198x198)");
      assertThat(bad.status()).isEqualTo(QcStatus.NEEDS_REVIEW);
    }
  }

  @Test
  void keepsPenaltiesNotedBySteps() {
    Mat clean = read(packshots().get(0));
    QcResult plain = scoreAsIs(clean, new StepNotes());
    StepNotes notes = new StepNotes();
    notes.penalty("source upscaled 3x", 10);
    QcResult upscaled = scoreAsIs(clean, notes);
    assertThat(upscaled.reasons()).contains("source upscaled 3x");
    assertThat(upscaled.score()).isEqualTo(plain.score() - 10, org.assertj.core.api.Assertions.within(0.01));
  }

  @Test
  void reportsGreyBackdropWithTheShareOfWhiteBorder() {
    Mat clean = read(packshots().get(1));
    Mat grey = clean.clone();
    grey.setTo(new Scalar(200, 200, 200), whiteMask(clean));
    QcResult result = scoreAsIs(grey, new StepNotes());
    assertThat(result.reasons()).contains("background not uniform (0 % of border is white)");
  }

  @Test
  void reportsASmallProductWithItsFill() {
    Mat clean = read(packshots().get(2));
    Mat canvas = new Mat(clean.rows() * 3, clean.cols() * 3, clean.type(), new Scalar(255, 255, 255));
    clean.copyTo(canvas.submat(clean.rows(), 2 * clean.rows(), clean.cols(), 2 * clean.cols()));
    ImageMetrics source = analyzer.analyse(Frame.of(clean));
    QcResult result = scorer.score(source, analyzer.analyse(Frame.of(canvas)), new StepNotes(), options);
    assertThat(result.reasons()).anyMatch(r -> r.matches("product fills 3[0-3] % of the frame"));
  }

  @Test
  void reportsColourCastAndJpegArtefacts() {
    Mat tinted = Degradations.cast(read(packshots().get(3)), 0.75, 0.9, 1.0);
    assertThat(scoreAsIs(tinted, new StepNotes()).reasons()).anyMatch(r -> r.startsWith("colour cast (chroma "));
    Mat blocky = Degradations.jpeg(read(TestData.dataset("denoise-Kodak24").resolve("kodim01.png")), 15);
    QcResult result = scoreAsIs(blocky, new StepNotes());
    assertThat(result.reasons()).anyMatch(r -> r.startsWith("JPEG artefacts (block edges "));
  }

  @Test
  void approvesOnlyAboveTheThreshold() {
    Mat clean = read(packshots().get(0));
    ImageMetrics m = analyzer.analyse(Frame.of(clean));
    double score = scorer.score(m, m, new StepNotes(), options).score();
    EnhanceOptions strict = options.toBuilder().autoApproveThreshold(score).build();
    EnhanceOptions lenient = options.toBuilder().autoApproveThreshold(score - 1).build();
    assertThat(scorer.score(m, m, new StepNotes(), strict).status()).isEqualTo(QcStatus.NEEDS_REVIEW);
    assertThat(scorer.score(m, m, new StepNotes(), lenient).status()).isEqualTo(QcStatus.AUTO_APPROVED);
  }

  private static Mat whiteMask(Mat bgr) {
    Mat mask = new Mat();
    Core.inRange(bgr, new Scalar(236, 236, 236), new Scalar(255, 255, 255), mask);
    return mask;
  }
}
