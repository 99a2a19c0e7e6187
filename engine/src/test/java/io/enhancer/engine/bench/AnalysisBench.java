package io.enhancer.engine.bench;

import io.enhancer.engine.TestData;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.Mode;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.Step;
import io.enhancer.engine.pipeline.StepContext;
import io.enhancer.engine.pipeline.StepNotes;
import io.enhancer.engine.pipeline.steps.CorrectLightAndColourStep;
import io.enhancer.engine.pipeline.steps.DenoiseStep;
import io.enhancer.engine.quality.Degradations;
import io.enhancer.engine.quality.ImageAnalyzer;
import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import org.opencv.core.Mat;

/**
 * Prints a table of analysis and step timings (wall and this thread's CPU) at a few sizes. Not a unit test; run
 * with the test classpath: {@code java -cp ... io.enhancer.engine.bench.AnalysisBench}.
 */
public final class AnalysisBench {
  private AnalysisBench() {}

  public static void main(String[] args) {
    ImageAnalyzer analyzer = new ImageAnalyzer();
    Mat base = Degradations.read(TestData.dataset("denoise-Kodak24").resolve("kodim05.png"));
    System.out.printf("%-34s %10s %10s %10s%n", "operation", "pixels", "wall ms", "cpu ms");
    for (int[] size : new int[][] {{500, 500}, {1633, 1225}, {4000, 3000}}) {
      Mat image = Degradations.gaussianNoise(Degradations.resized(base, size[0], size[1]), 12, 1);
      Frame frame = Frame.of(image);
      time("analyse", frame, () -> analyzer.analyse(frame), 20);
      StepContext ctx = new StepContext(EnhanceOptions.builder().mode(Mode.FULL).build(), analyzer.analyse(frame),
          new StepNotes());
      Step light = new CorrectLightAndColourStep();
      time("light_and_colour (full)", frame, () -> light.apply(frame, ctx), 3);
      Step denoise = new DenoiseStep();
      time("denoise (sigma 12)", frame, () -> denoise.apply(frame, ctx), size[0] > 2000 ? 1 : 3);
    }
  }

  private static void time(String name, Frame frame, Supplier<?> work, int runs) {
    for (int i = 0; i < Math.max(2, runs / 2); i++) work.get();
    var threads = ManagementFactory.getThreadMXBean();
    long cpu = threads.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    for (int i = 0; i < runs; i++) work.get();
    System.out.printf("%-34s %10d %10.1f %10.1f%n", name, (long) frame.width() * frame.height(),
        (System.nanoTime() - wall) / 1e6 / runs, (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / runs);
  }
}
