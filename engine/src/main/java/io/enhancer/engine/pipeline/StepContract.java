package io.enhancer.engine.pipeline;

/**
 * What every step's result must satisfy, checked by the pipeline after each step so that a broken step is named
 * where it broke, not by the later step or report that trips over it: a result with pixels; a placement that
 * describes the frame it is on (a step that resizes, crops or pads composes its own onto its input's); and a matte
 * that a step adds comes with what it found about it.
 */
final class StepContract {
  private StepContract() {}

  static void check(Step step, Frame before, Frame after) {
    if (after == null) throw new IllegalStateException("step " + step.name() + " returned null");
    if (after.bgr().empty() || (after.hasMatte() && after.matte().empty())) {
      throw new IllegalStateException("step " + step.name() + " returned a frame whose pixels were released");
    }
    checkPlacement(step, before, after);
    checkMatteResult(step, before, after);
  }

  private static void checkPlacement(Step step, Frame before, Frame after) {
    Placement placement = after.placement();
    if (!placement.describes(after.width(), after.height())) {
      throw new IllegalStateException("step " + step.name() + " returned a " + size(after) + " frame whose placement"
          + " describes a " + placement.canvasWidth() + "x" + placement.canvasHeight() + " one: a step that resizes,"
          + " crops or pads must record its Placement (Frame.moved)");
    }
    boolean resized = after.width() != before.width() || after.height() != before.height();
    if (placement.isIdentity() && (resized || !before.placement().isIdentity())) {
      throw new IllegalStateException("step " + step.name() + " must produce a Placement: it returned a "
          + size(after) + " frame from a " + size(before) + " one whose placement says the pixels are the source's"
          + (resized ? "" : " (its input's placement was dropped)"));
    }
  }

  private static void checkMatteResult(Step step, Frame before, Frame after) {
    if (after.hasMatte() && after.matteResult() == null && before.matteResult() != null) {
      throw new IllegalStateException("step " + step.name() + " dropped the MatteResult its input carried");
    }
    if (after.hasMatte() && !before.hasMatte() && after.matteResult() == null) {
      throw new IllegalStateException("step " + step.name() + " added a matte without a MatteResult saying where it"
          + " came from and how far to trust it (Frame.withCutOut)");
    }
  }

  private static String size(Frame frame) {
    return frame.width() + "x" + frame.height();
  }
}
