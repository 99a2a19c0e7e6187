package io.enhancer.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enhancer.engine.errors.DeadlineExceededException;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.pipeline.PipelineFreesIntermediateFramesTest.Named;
import io.enhancer.engine.matting.MatteConfidence;
import io.enhancer.engine.matting.MatteResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

/** The pipeline checks each step's result instead of trusting it (OkHttp's chain does the same for interceptors). */
class PipelineEnforcesTheStepContractTest {

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.ensureLoaded();
  }

  private static Frame frame() {
    return Frame.of(new Mat(20, 30, CvType.CV_8UC3, new Scalar(1, 2, 3)));
  }

  private static Frame run(Step... steps) {
    return new Pipeline(List.of(steps)).run(frame(), null, null, Clock.systemUTC(), Pipeline.newTrace());
  }

  @Test
  void aStepThatReturnsNothingIsNamed() {
    assertThatThrownBy(() -> run(new Named("fine", f -> f), new Named("lazy", f -> null)))
        .isInstanceOf(IllegalStateException.class).hasMessage("step lazy returned null");
  }

  @Test
  void aStepThatReleasesWhatItReturnsIsNamedHereNotInALaterStep() {
    Step careless = new Named("careless", f -> {
      Frame out = Frame.of(f.bgr().clone());
      out.bgr().release();
      return out;
    });
    assertThatThrownBy(() -> run(careless, new Named("victim", f -> Frame.of(f.bgr().clone()))))
        .isInstanceOf(IllegalStateException.class).hasMessage("step careless returned a frame whose pixels were released");
  }

  @Test
  void aMatteOfAnotherSizeCannotEvenBeMade() {
    Step wrongMatte = new Named("wrong_matte", f -> f.withMatte(new Mat(10, 10, CvType.CV_8UC1, new Scalar(255))));
    assertThatThrownBy(() -> run(wrongMatte)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("matte must be CV_8UC1 of the frame's size");
  }

  private static Mat pixels(int width, int height) {
    return new Mat(height, width, CvType.CV_8UC3, new Scalar(1, 2, 3));
  }

  @Test
  void aStepThatResizesWithoutRecordingAPlacementIsNamed() {
    Step grow = new Named("grow", f -> Frame.of(pixels(60, 40)));
    assertThatThrownBy(() -> run(grow)).isInstanceOf(IllegalStateException.class)
        .hasMessage("step grow must produce a Placement: it returned a 60x40 frame from a 30x20 one whose placement"
            + " says the pixels are the source's");
  }

  @Test
  void aStepThatResizesButHandsOnItsInputsPlacementIsNamed() {
    Step stretch = new Named("stretch", f -> f.withBgr(pixels(60, 40)));
    assertThatThrownBy(() -> run(stretch)).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("step stretch returned a 60x40 frame whose placement describes a 30x20 one");
  }

  @Test
  void aStepThatDropsThePlacementItsInputCarriedIsNamed() {
    Step enlarge = new Named("enlarge", f -> f.moved(Placement.resized(30, 20, 60, 40), pixels(60, 40), null));
    Step forgetful = new Named("forgetful", f -> Frame.of(f.bgr().clone()));
    assertThatThrownBy(() -> run(enlarge, forgetful)).isInstanceOf(IllegalStateException.class)
        .hasMessage("step forgetful must produce a Placement: it returned a 60x40 frame from a 60x40 one whose"
            + " placement says the pixels are the source's (its input's placement was dropped)");
  }

  @Test
  void placementsOfSuccessiveStepsCompose() {
    Step enlarge = new Named("enlarge", f -> f.moved(Placement.resized(30, 20, 45, 30), pixels(45, 30), null));
    Step pad = new Named("pad", f -> f.moved(Placement.cropped(new Rect(0, 0, 45, 30), 45, 30, 5, 10, 55, 50),
        pixels(55, 50), null));
    Placement placement = run(enlarge, pad).placement();
    assertThat(placement.scaleX()).isEqualTo(1.5);
    assertThat(placement.toOutputX(10)).isEqualTo(20);
    assertThat(placement.toOutputY(10)).isEqualTo(25);
    assertThat(placement.describes(55, 50)).isTrue();
  }

  @Test
  void aStepThatAddsAMatteWithoutSayingWhatItFoundIsNamed() {
    Step cut = new Named("cut", f -> f.withMatte(new Mat(20, 30, CvType.CV_8UC1, new Scalar(255))));
    assertThatThrownBy(() -> run(cut)).isInstanceOf(IllegalStateException.class)
        .hasMessage("step cut added a matte without a MatteResult saying where it came from and how far to trust it"
            + " (Frame.withCutOut)");
  }

  @Test
  void aStepThatDropsTheMatteResultIsNamed() {
    Step cut = new Named("cut", f -> {
      Mat matte = new Mat(20, 30, CvType.CV_8UC1, new Scalar(255));
      return f.withCutOut(f.bgr().clone(), matte, new MatteResult("test", MatteConfidence.of(matte), List.of()));
    });
    Step careless = new Named("careless", f -> new Frame(f.bgr().clone(), f.matte()));
    assertThatThrownBy(() -> run(cut, careless)).isInstanceOf(IllegalStateException.class)
        .hasMessage("step careless dropped the MatteResult its input carried");
  }

  @Test
  void thePassedDeadlineStopsBeforeTheNextStepAndNamesIt() {
    Clock late = Clock.fixed(Instant.parse("2026-12-04T12:00:01Z"), ZoneOffset.UTC);
    Pipeline pipeline = new Pipeline(List.of(new Named("first", f -> f), new Named("second", f -> f)));
    assertThatThrownBy(() -> pipeline.run(frame(), null, Instant.parse("2026-12-04T12:00:00Z"), late,
        Pipeline.newTrace()))
        .isInstanceOf(DeadlineExceededException.class).hasMessageContaining("before step first");
  }

  @Test
  void theTraceHasOneEntryPerStepSayingWhetherItChangedTheFrame() {
    List<StepTrace> trace = Pipeline.newTrace();
    new Pipeline(List.of(new Named("skip", f -> f), new Named("change", f -> Frame.of(f.bgr().clone()))))
        .run(frame(), null, null, Clock.systemUTC(), trace);
    assertThat(trace).extracting(StepTrace::name).containsExactly("skip", "change");
    assertThat(trace).extracting(StepTrace::applied).containsExactly(false, true);
  }
}
