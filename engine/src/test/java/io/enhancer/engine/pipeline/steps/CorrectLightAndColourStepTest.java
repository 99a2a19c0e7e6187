package io.enhancer.engine.pipeline.steps;

import static io.enhancer.engine.quality.Degradations.cast;
import static io.enhancer.engine.quality.Degradations.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.TestData;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.Mode;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.StepContext;
import io.enhancer.engine.pipeline.StepNotes;
import io.enhancer.engine.quality.DeltaE;
import io.enhancer.engine.quality.Degradations;
import io.enhancer.engine.quality.ImageAnalyzer;
import io.enhancer.engine.quality.ImageMetrics;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class CorrectLightAndColourStepTest {
  private final ImageAnalyzer analyzer = new ImageAnalyzer();
  private final CorrectLightAndColourStep step = new CorrectLightAndColourStep();

  private static List<Path> packshots() {
    return TestData.images(TestData.dataset("products-GroceryStore").resolve("iconic")).stream().limit(16).toList();
  }

  private StepContext context(Frame frame, Mode mode) {
    return new StepContext(EnhanceOptions.builder().mode(mode).build(), analyzer.analyse(frame), new StepNotes());
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"AUTO", "FULL"})
  void keepsProductColoursOfWellExposedNeutralPackshots(Mode mode) {
    double sum = 0;
    for (Path file : packshots()) {
      Frame in = Frame.of(read(file));
      Frame out = step.apply(in, context(in, mode));
      double deltaE = DeltaE.meanCiede2000(in.bgr(), out.bgr(), Degradations.notWhite(in.bgr()));
      assertThat(deltaE).as(file.toString()).isLessThan(3);
      sum += deltaE;
    }
    System.out.printf("light_and_colour %s mean CIEDE2000 on product: %.2f%n", mode, sum / packshots().size());
  }

  @Test
  void skipsGoodPackshotsInAutoMode() {
    Frame in = Frame.of(read(packshots().get(0)));
    assertThat(step.apply(in, context(in, Mode.AUTO))).isSameAs(in);
  }

  @Test
  void removesMostOfAnArtificialCast() {
    for (Path file : packshots().subList(0, 8)) {
      Mat original = read(file);
      Frame tinted = Frame.of(cast(original, 0.8, 0.92, 1.0));
      StepContext context = context(tinted, Mode.AUTO);
      Frame out = step.apply(tinted, context);
      ImageMetrics after = analyzer.analyse(out);
      System.out.printf("cast %s: %.1f -> %.1f, gains %s%n", file.getFileName(), context.source().colourCast(),
          after.colourCast(), context.notes().fact("white_balance_gains_rgb"));
      assertThat(after.colourCast()).as(file.toString()).isLessThan(0.3 * context.source().colourCast());
      Mat product = Degradations.notWhite(original);
      assertThat(DeltaE.meanCiede2000(original, out.bgr(), product))
          .isLessThan(0.5 * DeltaE.meanCiede2000(original, tinted.bgr(), product));
      assertThat(context.notes().facts()).containsKeys("white_balance_gains_rgb", "exposure_gain", "clahe_amount");
    }
  }

  @Test
  void brightensAnUnderexposedImage() {
    for (Path file : packshots().subList(0, 6)) {
      Mat original = read(file);
      Frame dark = Frame.of(Degradations.scaled(original, 0.45));
      StepContext context = context(dark, Mode.AUTO);
      Frame out = step.apply(dark, context);
      System.out.printf("dark %s: %s | %s%n", file.getFileName(), context.notes().fact("light_and_colour"),
          context.notes().fact("light_and_colour_left"));
      double before = Degradations.meanAbsDiff(original, dark.bgr());
      double after = Degradations.meanAbsDiff(original, out.bgr());
      assertThat(after).as(file.toString()).isLessThan(0.35 * before);
    }
  }

  @Test
  void liftsALowContrastImage() {
    Mat original = read(TestData.dataset("denoise-Kodak24").resolve("kodim03.png"));
    Mat flat = new Mat();
    original.convertTo(flat, -1, 0.4, 80);
    Frame in = Frame.of(flat);
    StepContext context = context(in, Mode.AUTO);
    Frame out = step.apply(in, context);
    assertThat(analyzer.analyse(out).contrast()).isGreaterThan(1.3 * context.source().contrast());
    assertThat((double) context.notes().fact("clahe_amount")).isGreaterThan(0.5);
  }

  @Test
  void correctsOnlyTheProductWhenTheFrameHasAMatte() {
    Mat original = read(packshots().get(3));
    Mat matte = Degradations.notWhite(original);
    Imgproc.dilate(matte, matte, Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new org.opencv.core.Size(5, 5)));
    // The source had a warm cast everywhere; remove_background then composited the backdrop to pure white.
    Mat tinted = cast(original, 0.8, 0.92, 1.0);
    ImageMetrics source = analyzer.analyse(Frame.of(tinted));
    Mat composited = new Mat(original.size(), original.type(), new Scalar(255, 255, 255));
    tinted.copyTo(composited, matte);
    Frame in = new Frame(composited, matte);
    Frame out = step.apply(in, new StepContext(EnhanceOptions.defaults(), source, new StepNotes(), tinted));

    Mat background = new Mat();
    Core.compare(matte, new Scalar(0), background, Core.CMP_EQ);
    Mat diff = new Mat();
    Core.absdiff(in.bgr(), out.bgr(), diff);
    Imgproc.cvtColor(diff, diff, Imgproc.COLOR_BGR2GRAY);
    Mat changedBackground = new Mat();
    Core.bitwise_and(diff, background, changedBackground);
    assertThat(Core.countNonZero(changedBackground)).isZero();
    assertThat(DeltaE.meanCiede2000(original, out.bgr(), matte))
        .isLessThan(0.5 * DeltaE.meanCiede2000(original, composited, matte));
    assertThat(out.matte()).isSameAs(matte);
  }

  @Test
  void leavesItsInputUntouched() {
    Mat tinted = cast(read(packshots().get(0)), 0.8, 0.9, 1.0);
    Mat copy = tinted.clone();
    Frame in = Frame.of(tinted);
    step.apply(in, context(in, Mode.FULL));
    assertThat(Core.norm(tinted, copy, Core.NORM_INF)).isZero();
  }

  @Test
  void doesNothingWhenTheModeExcludesIt() {
    Frame in = Frame.of(cast(read(packshots().get(0)), 0.7, 0.9, 1.0));
    assertThat(step.apply(in, context(in, Mode.SHARPEN))).isSameAs(in);
  }
}
