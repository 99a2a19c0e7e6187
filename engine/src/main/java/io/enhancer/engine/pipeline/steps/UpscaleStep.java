package io.enhancer.engine.pipeline.steps;

import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.Step;
import io.enhancer.engine.pipeline.StepContext;

/** TODO(issue 2): not implemented yet; passes the frame through. */
public final class UpscaleStep implements Step {

  @Override
  public String name() {
    return "upscale";
  }

  @Override
  public Frame apply(Frame input, StepContext context) {
    return input;
  }
}
