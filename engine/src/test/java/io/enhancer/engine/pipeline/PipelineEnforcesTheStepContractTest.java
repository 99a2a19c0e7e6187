package io.enhancer.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enhancer.engine.errors.DeadlineExceededException;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.pipeline.PipelineFreesIntermediateFramesTest.Named;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
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
