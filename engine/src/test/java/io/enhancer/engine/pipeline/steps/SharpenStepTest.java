package io.enhancer.engine.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.Mode;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.Placement;
import io.enhancer.engine.pipeline.StepContext;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

class SharpenStepTest {
  private final SharpenStep step = new SharpenStep();

  @BeforeAll
  static void opencv() {
    OpenCvRuntime.ensureLoaded();
  }

  @Test
  void makesBlurredLabelTextCrisperWithoutHalos() {
    Mat sharp = labelText();
    Mat blurred = blur(sharp, 1.5);
    Frame out = step.apply(Frame.of(blurred), context(Mode.AUTO, blurred));

    double before = EdgeAcutance.of(luma(blurred));
    double after = EdgeAcutance.of(luma(out.bgr()));
    double overshoot = overshootBeyondLocalRange(luma(blurred), luma(out.bgr()));
    System.out.printf("blurred text: acutance %.3f -> %.3f, MAD to sharp %.2f -> %.2f, halo %.2f levels%n", before, after,
        meanAbsDiff(luma(blurred), luma(sharp)), meanAbsDiff(luma(out.bgr()), luma(sharp)), overshoot);
    assertThat(after).isGreaterThan(before * 1.2);
    assertThat(meanAbsDiff(luma(out.bgr()), luma(sharp))).isLessThan(meanAbsDiff(luma(blurred), luma(sharp)));
    assertThat(overshoot).isLessThanOrEqualTo(1.0);
  }

  @Test
  void sharpensUpscaledTextWithAWiderRadius() {
    Mat small = new Mat();
    Imgproc.resize(labelText(), small, new Size(300, 100), 0, 0, Imgproc.INTER_AREA);
    Mat enlarged = new Mat();
    Imgproc.resize(small, enlarged, new Size(1200, 400), 0, 0, Imgproc.INTER_LANCZOS4);
    StepContext context = context(Mode.AUTO, enlarged);
    Frame out = step.apply(enlargedBy(small, enlarged), context);

    assertThat((double) context.notes().fact("sharpen_sigma")).isBetween(2.5, 3.0);
    assertThat(EdgeAcutance.of(luma(out.bgr()))).isGreaterThan(EdgeAcutance.of(luma(enlarged)) * 1.1);
    assertThat(overshootBeyondLocalRange(luma(enlarged), luma(out.bgr()))).isLessThanOrEqualTo(1.0);
  }

  @Test
  void bringsMildlyBlurredPhotosCloserToTheirOriginals() {
    for (var hrPath : io.enhancer.engine.TestData.images(io.enhancer.engine.TestData.dataset("sr-Set14").resolve("x2"))
        .stream().filter(p -> p.toString().endsWith("_HR.png")).limit(5).toList()) {
      Mat original = org.opencv.imgcodecs.Imgcodecs.imread(hrPath.toString());
      Mat blurred = blur(original, 1.2);
      Frame out = step.apply(Frame.of(blurred), context(Mode.AUTO, blurred));
      System.out.printf("%s blurred 1.2: PSNR %.2f -> %.2f dB%n", hrPath.getFileName(), Core.PSNR(blurred, original),
          Core.PSNR(out.bgr(), original));
      assertThat(Core.PSNR(out.bgr(), original)).as(hrPath.getFileName().toString())
          .isGreaterThan(Core.PSNR(blurred, original));
      assertThat(overshootBeyondLocalRange(luma(blurred), luma(out.bgr()))).isLessThanOrEqualTo(1.0);
    }
  }

  @Test
  void leavesAlreadySharpImageAloneInAuto() {
    Mat sharp = labelText();
    Frame input = Frame.of(sharp);
    assertThat(step.apply(input, context(Mode.AUTO, sharp))).isSameAs(input);
  }

  @Test
  void explicitSharpenModeStillAppliesALightTouchToSharpImages() {
    Mat sharp = blur(labelText(), 0.8);
    Frame out = step.apply(Frame.of(sharp), context(Mode.SHARPEN, sharp));
    assertThat(out.bgr()).isNotSameAs(sharp);
    assertThat(meanAbsDiff(luma(out.bgr()), luma(sharp))).isBetween(0.01, 3.0);
  }

  @Test
  void doesNotBoostNoiseOnFlatBackground() {
    Mat noisy = new Mat(300, 300, CvType.CV_8UC3, new Scalar(200, 200, 200));
    Mat noise = new Mat(300, 300, CvType.CV_8UC3);
    Core.randn(noise, 0, 2);
    Core.add(noisy, noise, noisy); // uint8 add saturates; values stay near 200 ± a few
    Mat withText = labelText();
    Mat canvas = new Mat(500, 600, CvType.CV_8UC3, new Scalar(200, 200, 200));
    noisy.copyTo(canvas.submat(200, 500, 0, 300));
    withText.submat(0, 200, 0, 600).copyTo(canvas.submat(0, 200, 0, 600));
    Mat input = blur(canvas, 1.5);
    Frame out = step.apply(Frame.of(input), context(Mode.SHARPEN, input));

    double before = stdDev(luma(input).submat(220, 480, 20, 280));
    double after = stdDev(luma(out.bgr()).submat(220, 480, 20, 280));
    assertThat(after).isLessThan(before * 1.1 + 0.05);
  }

  @Test
  void keepsColourAndNeverTouchesItsInput() {
    Mat coloured = new Mat(200, 600, CvType.CV_8UC3, new Scalar(40, 90, 200));
    Mat text = labelText();
    Mat mask = new Mat();
    Imgproc.cvtColor(text, mask, Imgproc.COLOR_BGR2GRAY);
    Imgproc.threshold(mask, mask, 128, 255, Imgproc.THRESH_BINARY_INV);
    coloured.setTo(new Scalar(230, 220, 30), mask);
    Mat input = blur(coloured, 1.5);
    Mat copy = input.clone();
    Frame out = step.apply(Frame.of(input), context(Mode.AUTO, input));

    assertThat(Core.norm(input, copy, Core.NORM_INF)).isZero();
    Mat inYcc = new Mat();
    Mat outYcc = new Mat();
    Imgproc.cvtColor(input, inYcc, Imgproc.COLOR_BGR2YCrCb);
    Imgproc.cvtColor(out.bgr(), outYcc, Imgproc.COLOR_BGR2YCrCb);
    Mat diff = new Mat();
    Core.absdiff(inYcc, outYcc, diff);
    Scalar meanDiff = Core.mean(diff);
    Mat lumaDiff = new Mat();
    Core.extractChannel(diff, lumaDiff, 0);
    assertThat(Core.minMaxLoc(lumaDiff).maxVal).isGreaterThan(3); // edges got steeper
    assertThat(meanDiff.val[1]).isLessThan(0.5); // chroma (Cr, Cb) essentially unchanged
    assertThat(meanDiff.val[2]).isLessThan(0.5);
  }

  @Test
  void skipsWhenModeDoesNotSharpen() {
    Mat blurred = blur(labelText(), 2);
    Frame input = Frame.of(blurred);
    assertThat(step.apply(input, context(Mode.OPTIMIZE, blurred))).isSameAs(input);
  }

  /** Black label text on white, drawn with antialiasing as a real product label would be printed and photographed. */
  static Mat labelText() {
    BufferedImage image = new BufferedImage(600, 200, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 600, 200);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 34));
    g.drawString("Nutrition Facts 250 g", 20, 60);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
    g.drawString("Ingredients: oats, honey, almonds (12%)", 20, 110);
    g.drawString("Best before 2026-03-01  LOT 4711", 20, 150);
    g.dispose();
    byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    Mat mat = new Mat(200, 600, CvType.CV_8UC3);
    mat.put(0, 0, pixels);
    return mat;
  }

  private static Mat blur(Mat image, double sigma) {
    Mat out = new Mat();
    Imgproc.GaussianBlur(image, out, new Size(0, 0), sigma);
    return out;
  }

  /** Lanczos-enlarged label text loses OCR confidence under a full-strength mask (LabelGuardInPipelineTest). */
  @Test
  void enlargedTextLinesAreSharpenedGentlyAndTheRestAsBefore() {
    Mat enlarged = new Mat();
    Imgproc.resize(labelText(), enlarged, new Size(0, 0), 2.0, 2.0, Imgproc.INTER_LANCZOS4);
    Mat blurred = blur(enlarged, 2.0);
    StepContext asEnlarged = context(Mode.AUTO, blurred);
    StepContext asSource = context(Mode.AUTO, blurred);
    Frame twiceTheSource = enlargedBy(labelText(), blurred);
    Frame barelyEnlarged = new Frame(blurred, null, Placement.resized((int) Math.round(blurred.cols() / 1.19),
        (int) Math.round(blurred.rows() / 1.19), blurred.cols(), blurred.rows()), null);

    double gentle = meanAbsDiff(luma(blurred), luma(step.apply(twiceTheSource, asEnlarged).bgr()));
    double full = meanAbsDiff(luma(blurred), luma(step.apply(barelyEnlarged, asSource).bgr()));

    assertThat((double) asSource.notes().fact("sharpen_amount")).isGreaterThan(SharpenStep.TEXT_MAX_AMOUNT * 2);
    assertThat(asEnlarged.notes().fact("sharpen_text_amount")).isEqualTo(SharpenStep.TEXT_MAX_AMOUNT);
    assertThat(asSource.notes().fact("sharpen_text_amount")).isNull();
    assertThat(gentle).isGreaterThan(0).isLessThan(0.7 * full);
  }

  /** {@code enlarged} as the upscale step leaves it: a frame whose placement says it is {@code source} enlarged. */
  private static Frame enlargedBy(Mat source, Mat enlarged) {
    return new Frame(enlarged, null, Placement.resized(source.cols(), source.rows(), enlarged.cols(), enlarged.rows()),
        null);
  }

  private static StepContext context(Mode mode, Mat image) {
    return StepContexts.of(EnhanceOptions.builder().mode(mode).build(), image.cols(), image.rows());
  }

  static Mat luma(Mat bgr) {
    Mat f = new Mat();
    bgr.convertTo(f, CvType.CV_32FC3);
    Mat y = new Mat();
    Imgproc.cvtColor(f, y, Imgproc.COLOR_BGR2GRAY);
    return y;
  }

  /** Largest amount (levels) by which the result leaves the original's 3x3 min..max: the halo height. */
  private static double overshootBeyondLocalRange(Mat original, Mat result) {
    Mat k = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3));
    Mat hi = new Mat();
    Mat lo = new Mat();
    Imgproc.dilate(original, hi, k);
    Imgproc.erode(original, lo, k);
    Mat above = new Mat();
    Mat below = new Mat();
    Core.subtract(result, hi, above);
    Core.subtract(lo, result, below);
    return Math.max(0, Math.max(Core.minMaxLoc(above).maxVal, Core.minMaxLoc(below).maxVal));
  }

  private static double meanAbsDiff(Mat a, Mat b) {
    Mat d = new Mat();
    Core.absdiff(a, b, d);
    return Core.mean(d).val[0];
  }

  private static double stdDev(Mat m) {
    MatOfDouble mean = new MatOfDouble();
    MatOfDouble std = new MatOfDouble();
    Core.meanStdDev(m, mean, std);
    return std.get(0, 0)[0];
  }
}
