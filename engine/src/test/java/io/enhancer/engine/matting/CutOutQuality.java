package io.enhancer.engine.matting;

import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.Mode;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.StepContext;
import io.enhancer.engine.pipeline.StepNotes;
import io.enhancer.engine.pipeline.steps.RemoveBackgroundStep;
import java.util.List;
import java.util.Locale;
import org.opencv.core.Mat;

/** Runs the cut-out the way the pipeline does (RemoveBackgroundStep, FULL, on white) and scores it. */
final class CutOutQuality {
  private static final RemoveBackgroundStep STEP = new RemoveBackgroundStep();

  /** Scores plus the step's own soft-edge figure, to calibrate its "cut-out uncertain" penalty. */
  record Result(Frame out, SegmentationScore score, double softEdgeShare) {}

  private CutOutQuality() {}

  static Result measure(Mat bgr, Mat truth) {
    EnhanceOptions options = EnhanceOptions.builder().mode(Mode.FULL).canvas(null).build();
    StepNotes notes = new StepNotes();
    Frame out = STEP.apply(Frame.of(bgr), new StepContext(options, null, notes));
    Mat matte = out.hasMatte() ? out.matte() : Mat.zeros(truth.size(), truth.type());
    SegmentationScore score = new SegmentationScore(SegmentationScore.iou(matte, truth),
        SegmentationScore.boundaryF(matte, truth), SegmentationScore.purity(out.bgr(), truth, 3));
    double soft = out.matteResult() == null ? 0 : out.matteResult().confidence().softEdgeShare();
    return new Result(out, score, soft);
  }

  static String header() {
    return "| data set | images | mean IoU | boundary F | bg purity | mean soft-edge share |\n|---|---|---|---|---|---|";
  }

  static String row(String name, List<Result> results) {
    SegmentationScore mean = SegmentationScore.mean(results.stream().map(Result::score).toList());
    double soft = results.stream().mapToDouble(Result::softEdgeShare).average().orElse(0);
    return String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.4f | %.3f |", name, results.size(), mean.iou(),
        mean.boundaryF(), mean.purity(), soft);
  }
}
