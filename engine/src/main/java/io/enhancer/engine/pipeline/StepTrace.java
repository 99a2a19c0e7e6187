package io.enhancer.engine.pipeline;

/** One line of the report's {@code steps}: name, wall time, and whether the step changed the image. */
public record StepTrace(String name, double millis, boolean applied) {}
