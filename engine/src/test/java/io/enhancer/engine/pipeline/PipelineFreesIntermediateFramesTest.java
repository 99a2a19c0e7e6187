package io.enhancer.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.matting.MatteConfidence;
import io.enhancer.engine.matting.MatteResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * Frames made between steps hold native pixels the Java heap does not see: the pipeline frees them as soon as the
 * next step has run, keeping the caller's input and any Mat a later frame still uses.
 */
class PipelineFreesIntermediateFramesTest {
  record Named(String name, java.util.function.Function<Frame, Frame> body) implements Step {
    @Override
    public Frame apply(Frame input, StepContext context) {
      return body.apply(input);
    }
  }

  static Mat pixels() {
    return new Mat(40, 30, CvType.CV_8UC3, new Scalar(10, 20, 30));
  }

  @Test
  void intermediatesAreReleasedWhileTheInputAndSharedMatsSurvive() {
    OpenCvRuntime.ensureLoaded();
    List<Frame> made = new ArrayList<>();
    Frame input = Frame.of(pixels());
    Step newPixels = new Named("new_pixels", f -> remember(made, Frame.of(pixels())));
    Step addMatte = new Named("add_matte", f -> {
      Mat matte = new Mat(f.height(), f.width(), CvType.CV_8UC1, new Scalar(255));
      return remember(made, f.withCutOut(f.bgr(), matte, new MatteResult("test", MatteConfidence.of(matte), List.of())));
    });
    Step skip = new Named("skip", f -> f);
    Step keepInputPixels = new Named("reuse_input", f -> remember(made, f.withBgr(input.bgr())));
    Step last = new Named("last", f -> remember(made, Frame.of(pixels())));

    Frame out = new Pipeline(List.of(newPixels, addMatte, skip, keepInputPixels, last))
        .run(input, null, null, Clock.systemUTC(), Pipeline.newTrace());

    assertThat(input.bgr().empty()).as("the caller's input is the caller's").isFalse();
    assertThat(made.get(0).bgr().empty()).as("first intermediate pixels freed").isTrue();
    assertThat(made.get(1).matte().empty()).as("the matte, once nothing uses it, freed").isTrue();
    assertThat(out).isSameAs(made.get(3));
    assertThat(out.bgr().empty()).isFalse();
    assertThat(out.bgr().cols()).isEqualTo(30);
  }

  private static Frame remember(List<Frame> made, Frame f) {
    made.add(f);
    return f;
  }
}
