package io.enhancer.engine.pipeline;

/**
 * One stage of the enhancement. Implementations are stateless and thread-safe; they return a new frame and never
 * mutate the one they receive. A step that does not apply returns its input unchanged (same instance) and the
 * trace records it as skipped.
 */
public interface Step {

  /** Short snake_case name for reports and traces, e.g. {@code remove_background}. */
  String name();

  Frame apply(Frame input, StepContext context);
}
