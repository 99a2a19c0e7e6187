package io.enhancer.engine.pipeline;

import io.enhancer.engine.errors.DeadlineExceededException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Runs steps in order and owns what every step needs: timing trace, the deadline check between steps, and the
 * step contract ({@link StepContract}), checked after every step rather than trusted: a step that released what it
 * returned, or resized the frame without saying where the source went, would break a later step far from the cause;
 * the matte's size and type are checked by {@link Frame} itself.
 */
public final class Pipeline {
  private final List<Step> steps;
  private final LongSupplier nanoTime;

  public Pipeline(List<Step> steps) {
    this(steps, System::nanoTime);
  }

  Pipeline(List<Step> steps, LongSupplier nanoTime) {
    this.steps = List.copyOf(steps);
    this.nanoTime = nanoTime;
  }

  public List<Step> steps() {
    return steps;
  }

  /** Runs every step; {@code trace} receives one entry per step. */
  public Frame run(Frame input, StepContext context, Instant deadline, Clock clock, List<StepTrace> trace) {
    Frame current = Objects.requireNonNull(input, "input");
    try {
      for (Step step : steps) {
        if (deadline != null && clock.instant().isAfter(deadline)) {
          throw new DeadlineExceededException("time limit reached before step " + step.name());
        }
        long start = nanoTime.getAsLong();
        Frame next = step.apply(current, context);
        double millis = (nanoTime.getAsLong() - start) / 1e6;
        StepContract.check(step, current, next);
        trace.add(new StepTrace(step.name(), millis, next != current));
        // The caller owns the input; frames made in between are ours to free as soon as the next step has run.
        if (current != input && next != current) current.releaseExcept(next, input);
        current = next;
      }
      return current;
    } catch (RuntimeException e) {
      if (current != input) current.releaseExcept(input);
      throw e;
    }
  }

  public static List<StepTrace> newTrace() {
    return new ArrayList<>();
  }
}
