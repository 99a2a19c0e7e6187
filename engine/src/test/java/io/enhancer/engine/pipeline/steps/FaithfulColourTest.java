package io.enhancer.engine.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.Mode;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.StepContext;
import io.enhancer.engine.pipeline.StepNotes;
import io.enhancer.engine.quality.DeltaE;
import io.enhancer.engine.quality.ImageAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

/**
 * Light and colour on scenes with known truth: product CIEDE2000 against the ideal rendering before and after.
 * Casts and exposure errors must lose at least 40 % of their error; a photo that is already right (white, grey or
 * coloured backdrops, near-white products) must not get worse. Prints the table the README quotes.
 */
class FaithfulColourTest {
  private static final ImageAnalyzer ANALYZER = new ImageAnalyzer();
  private static final CorrectLightAndColourStep STEP = new CorrectLightAndColourStep();
  private static List<ColourScenes> scenes;

  @BeforeAll
  static void render() {
    io.enhancer.engine.models.OpenCvRuntime.ensureLoaded();
    scenes = ColourScenes.standardSet();
  }

  record Row(String name, boolean degraded, double uploadProduct, double outProduct, double uploadLabel,
             double outLabel, String notes) {}

  private static Row measure(ColourScenes s, Mode mode, boolean withMatte) {
    Frame in = withMatte ? new Frame(composited(s), s.productMask()) : Frame.of(s.upload());
    StepContext context = new StepContext(EnhanceOptions.builder().mode(mode).build(),
        ANALYZER.analyse(Frame.of(s.upload())), new StepNotes(), s.upload());
    Frame out = STEP.apply(in, context);
    Object done = context.notes().fact("light_and_colour");
    Object left = context.notes().fact("light_and_colour_left");
    return new Row(s.name(), s.degraded(),
        DeltaE.meanCiede2000(s.truth(), s.upload(), s.productMask()),
        DeltaE.meanCiede2000(s.truth(), out.bgr(), s.productMask()),
        DeltaE.meanCiede2000(s.truth(), s.upload(), s.labelMask()),
        DeltaE.meanCiede2000(s.truth(), out.bgr(), s.labelMask()),
        (done == null ? "" : done) + (left == null ? "" : " | left: " + left));
  }

  /** What the cut-out hands on: the upload's product on a pure white backdrop, with the true mask as matte. */
  private static Mat composited(ColourScenes s) {
    Mat out = new Mat(s.upload().size(), s.upload().type(), new org.opencv.core.Scalar(255, 255, 255));
    s.upload().copyTo(out, s.productMask());
    return out;
  }

  private static List<Row> table(Mode mode, boolean withMatte) {
    List<Row> rows = new ArrayList<>();
    System.out.printf(Locale.ROOT, "%n| scene (%s%s) | dE upload | dE out | ratio | label dE upload | label dE out | decision |%n",
        mode.id(), withMatte ? ", after cut-out" : "");
    System.out.println("|---|---|---|---|---|---|---|");
    for (ColourScenes s : scenes) {
      Row r = measure(s, mode, withMatte);
      rows.add(r);
      System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %s |%n", r.name(), r.uploadProduct(),
          r.outProduct(), r.outProduct() / r.uploadProduct(), r.uploadLabel(), r.outLabel(), r.notes());
    }
    return rows;
  }

  private static void assertFaithful(List<Row> rows) {
    for (Row r : rows) {
      if (r.name().startsWith("neutral")) {
        assertThat(r.outProduct()).as(r.name() + " product").isLessThanOrEqualTo(r.uploadProduct() + 0.05);
        assertThat(r.outLabel()).as(r.name() + " label").isLessThanOrEqualTo(r.uploadLabel() + 0.05);
      } else if (!r.name().startsWith("gamma")) {
        assertThat(r.outProduct()).as(r.name() + " product").isLessThanOrEqualTo(0.6 * r.uploadProduct());
        assertThat(r.outLabel()).as(r.name() + " label").isLessThanOrEqualTo(0.6 * r.uploadLabel());
      } else {
        // A tone curve that keeps white in place leaves the backdrop nearly as it was: nothing to estimate it from.
        assertThat(r.outProduct()).as(r.name() + " product").isLessThanOrEqualTo(r.uploadProduct() + 0.05);
      }
    }
  }

  @Test
  void correctsCastsAndExposureAndLeavesRightPhotosAloneWithoutCutOut() {
    assertFaithful(table(Mode.AUTO, false));
  }

  @Test
  void sameInFullMode() {
    assertFaithful(table(Mode.FULL, false));
  }

  @Test
  void estimatesOnTheSourceBackdropAfterTheCutOut() {
    assertFaithful(table(Mode.AUTO, true));
  }

}
