package io.enhancer.engine.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.matting.SegmentationScore;
import io.enhancer.engine.matting.SyntheticProductScene;
import io.enhancer.engine.matting.SyntheticProductScene.Backdrop;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.Mode;
import io.enhancer.engine.options.RgbColor;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.StepContext;
import io.enhancer.engine.pipeline.StepNotes;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

class RemoveBackgroundStepTest {
  private static SyntheticProductScene whiteScene;
  private static SyntheticProductScene colouredScene;
  private final RemoveBackgroundStep step = new RemoveBackgroundStep();

  @BeforeAll
  static void load() {
    OpenCvRuntime.ensureLoaded();
    whiteScene = SyntheticProductScene.render("white", Backdrop.WHITE, new Scalar(170, 90, 30), false, 11);
    colouredScene = SyntheticProductScene.render("coloured", Backdrop.COLOURED, new Scalar(60, 170, 240), false, 12);
  }

  private static StepContext context(EnhanceOptions options, StepNotes notes) {
    return new StepContext(options, null, notes);
  }

  @Test
  void autoModeSkipsAPhotoAlreadyOnCleanWhite() {
    StepNotes notes = new StepNotes();
    Frame input = Frame.of(whiteScene.bgr());
    Frame out = step.apply(input, context(EnhanceOptions.defaults(), notes));
    assertThat(out).isSameAs(input);
    assertThat(notes.fact("background_already_clean")).isEqualTo(true);
  }

  @Test
  void autoModeReplacesAColouredBackgroundWithWhite() {
    StepNotes notes = new StepNotes();
    Frame out = step.apply(Frame.of(colouredScene.bgr()), context(EnhanceOptions.defaults(), notes));
    assertThat(out.hasMatte()).isTrue();
    assertThat(SegmentationScore.iou(out.matte(), colouredScene.truth())).isGreaterThan(0.95);
    assertThat(SegmentationScore.purity(out.bgr(), colouredScene.truth(), 3)).isGreaterThan(0.99);
    assertThat(notes.fact("matte")).isEqualTo("classical");
    assertThat(out.matteResult().source()).isEqualTo("classical");
    assertThat(out.matteResult().confidence().productShare()).isBetween(0.05, 0.95);
  }

  @Test
  void optionFalseKeepsTheBackgroundEvenInFullMode() {
    Frame input = Frame.of(colouredScene.bgr());
    EnhanceOptions options = EnhanceOptions.builder().mode(Mode.FULL).removeBackground(false).build();
    assertThat(step.apply(input, context(options, new StepNotes()))).isSameAs(input);
  }

  @Test
  void singleOperationModesLeaveTheBackgroundAlone() {
    Frame input = Frame.of(colouredScene.bgr());
    EnhanceOptions options = EnhanceOptions.builder().mode(Mode.SHARPEN).build();
    assertThat(step.apply(input, context(options, new StepNotes()))).isSameAs(input);
  }

  @Test
  void usesTheSourceAlphaChannelInsteadOfEstimating() {
    Mat bgr = new Mat(400, 500, CvType.CV_8UC3, new Scalar(0, 0, 0)); // transparent pixels are often stored black
    Imgproc.circle(bgr, new Point(250, 200), 120, new Scalar(30, 160, 90), -1);
    Mat alpha = Mat.zeros(400, 500, CvType.CV_8UC1);
    Imgproc.circle(alpha, new Point(250, 200), 120, new Scalar(255), -1, Imgproc.LINE_AA);
    StepNotes notes = new StepNotes();

    Frame out = step.apply(new Frame(bgr, alpha), context(EnhanceOptions.defaults(), notes));

    assertThat(notes.fact("matte")).isEqualTo("source_alpha");
    assertThat(out.matteResult().source()).isEqualTo("source_alpha");
    assertThat(out.matteResult().doubtful()).isFalse();
    assertThat(SegmentationScore.iou(out.matte(), alpha)).isGreaterThan(0.999);
    assertThat(SegmentationScore.purity(out.bgr(), alpha, 1)).isGreaterThan(0.999);
  }

  @Test
  void compositesOnTheRequestedColourExactly() {
    RgbColor cream = new RgbColor(250, 245, 230);
    EnhanceOptions options = EnhanceOptions.builder().mode(Mode.FULL).background(cream).build();
    Frame out = step.apply(Frame.of(colouredScene.bgr()), context(options, new StepNotes()));

    Mat background = new Mat();
    Core.compare(out.matte(), new Scalar(0), background, Core.CMP_EQ);
    Mat exact = new Mat();
    Core.inRange(out.bgr(), new Scalar(230, 245, 250), new Scalar(230, 245, 250), exact);
    Core.bitwise_and(exact, background, exact);
    assertThat(Core.countNonZero(exact) / (double) Core.countNonZero(background)).isGreaterThan(0.999);
  }

  /** Grey product on saturated green: a naive composite leaves a green rim; the decontaminated one must not. */
  @Test
  void edgesCarryNoFringeOfTheOldBackground() {
    Mat bgr = new Mat(500, 600, CvType.CV_8UC3, new Scalar(0, 200, 0));
    Mat big = new Mat(1000, 1200, CvType.CV_8UC3, new Scalar(0, 200, 0));
    Imgproc.ellipse(big, new Point(600, 500), new Size(300, 340), 0, 0, 360, new Scalar(128, 128, 128), -1);
    Imgproc.resize(big, bgr, bgr.size(), 0, 0, Imgproc.INTER_AREA);
    Imgproc.GaussianBlur(bgr, bgr, new Size(0, 0), 1.2); // a slightly soft lens: edges mix the two colours
    EnhanceOptions options = EnhanceOptions.builder().mode(Mode.FULL).build();

    Frame out = step.apply(Frame.of(bgr), context(options, new StepNotes()));

    Mat soft = new Mat();
    Core.inRange(out.matte(), new Scalar(1), new Scalar(254), soft);
    assertThat(Core.countNonZero(soft)).isGreaterThan(200);
    double fringe = meanGreenExcess(out.bgr(), soft);
    double naive = meanGreenExcess(naiveComposite(bgr, out.matte()), soft);
    System.out.printf("fringe (mean G - (R+B)/2 in soft band): decontaminated %.1f, naive %.1f%n", fringe, naive);
    assertThat(fringe).isLessThan(6);
    assertThat(naive).isGreaterThan(2 * fringe);
  }

  @Test
  void shadowDarkensTheFloorButNotTheSky() {
    EnhanceOptions options = EnhanceOptions.builder().mode(Mode.FULL).shadow(true).build();
    Frame out = step.apply(Frame.of(colouredScene.bgr()), context(options, new StepNotes()));

    Mat truth = colouredScene.truth();
    Mat below = Mat.zeros(truth.size(), CvType.CV_8UC1);
    Mat above = Mat.zeros(truth.size(), CvType.CV_8UC1);
    org.opencv.core.Rect box = Imgproc.boundingRect(truth);
    Imgproc.rectangle(below, new Point(box.x, box.y + box.height + 3), new Point(box.x + box.width, box.y + box.height + 15),
        new Scalar(255), -1);
    Imgproc.rectangle(above, new Point(0, 0), new Point(truth.cols() - 1, box.y - 5), new Scalar(255), -1);

    assertThat(Core.mean(grey(out.bgr()), below).val[0]).isLessThan(245);
    assertThat(Core.mean(grey(out.bgr()), above).val[0]).isGreaterThan(254);
  }

  @Test
  void reportsAProductRunningOffTheImageEdge() {
    SyntheticProductScene cut = SyntheticProductScene.render("cut", Backdrop.COLOURED, new Scalar(60, 140, 60), true, 13);
    StepNotes notes = new StepNotes();
    Frame out = step.apply(Frame.of(cut.bgr()), context(EnhanceOptions.builder().mode(Mode.FULL).build(), notes));
    assertThat(notes.fact("matte_touches_border")).isEqualTo(List.of("bottom"));
    assertThat(notes.penalties().keySet()).anyMatch(r -> r.contains("touches the image border (bottom)"));
    // the same doubt travels on the frame, typed, for whatever comes after the cut-out
    assertThat(out.matteResult().confidence().touchingSides()).containsExactly("bottom");
    assertThat(out.matteResult().doubts()).anyMatch(r -> r.contains("touches the image border (bottom)"));
  }

  @Test
  void flagsAClutteredBackgroundAsUncertain() {
    Mat bgr = new Mat(480, 640, CvType.CV_8UC3);
    Random random = new Random(5);
    for (int y = 0; y < 480; y += 40) {
      for (int x = 0; x < 640; x += 40) {
        Imgproc.rectangle(bgr, new Point(x, y), new Point(x + 39, y + 39),
            new Scalar(random.nextInt(256), random.nextInt(256), random.nextInt(256)), -1);
      }
    }
    Imgproc.circle(bgr, new Point(320, 240), 120, new Scalar(200, 200, 200), -1);
    StepNotes notes = new StepNotes();
    step.apply(Frame.of(bgr), context(EnhanceOptions.builder().mode(Mode.FULL).build(), notes));
    assertThat(notes.penalties().keySet()).anyMatch(r -> r.contains("cluttered background"));
  }

  @Test
  void leavesItsInputUntouched() {
    Mat before = colouredScene.bgr().clone();
    step.apply(Frame.of(colouredScene.bgr()), context(EnhanceOptions.builder().mode(Mode.FULL).build(), new StepNotes()));
    Mat diff = new Mat();
    Core.absdiff(before, colouredScene.bgr(), diff);
    assertThat(Core.sumElems(diff).val[0]).isLessThan(1);
  }

  private static Mat grey(Mat bgr) {
    Mat g = new Mat();
    Imgproc.cvtColor(bgr, g, Imgproc.COLOR_BGR2GRAY);
    return g;
  }

  private static double meanGreenExcess(Mat bgr, Mat where) {
    Mat f = new Mat();
    bgr.convertTo(f, CvType.CV_32FC3);
    List<Mat> ch = new java.util.ArrayList<>();
    Core.split(f, ch);
    Mat rb = new Mat();
    Core.addWeighted(ch.get(0), 0.5, ch.get(2), 0.5, 0, rb);
    Mat excess = new Mat();
    Core.subtract(ch.get(1), rb, excess);
    return Core.mean(excess, where).val[0];
  }

  private static Mat naiveComposite(Mat bgr, Mat matte) {
    Mat a = new Mat();
    matte.convertTo(a, CvType.CV_32F, 1 / 255.0);
    Mat a3 = new Mat();
    Core.merge(List.of(a, a, a), a3);
    Mat img = new Mat();
    bgr.convertTo(img, CvType.CV_32FC3);
    Mat white = new Mat(bgr.size(), CvType.CV_32FC3, new Scalar(255, 255, 255));
    Mat inv = new Mat();
    Core.subtract(new Mat(bgr.size(), CvType.CV_32FC3, new Scalar(1, 1, 1)), a3, inv);
    Mat out = new Mat();
    Core.add(img.mul(a3), white.mul(inv), out);
    Mat result = new Mat();
    out.convertTo(result, CvType.CV_8UC3);
    return result;
  }
}
