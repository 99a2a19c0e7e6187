package io.enhancer.engine.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What steps decided, collected for the report: facts ({@code upscale_factor: 3.0}, {@code matte: "classical"})
 * and QC reasons that a step knows best ("source upscaled 3x"). One instance per enhancement; not shared. For
 * people and QC only: what a later step needs travels typed on the {@link Frame} (its {@link Placement}, the
 * cut-out's MatteResult), because a fact rounded for the report cannot map pixels back.
 */
public final class StepNotes {
  private final Map<String, Object> facts = new LinkedHashMap<>();
  private final List<String> reasons = new ArrayList<>();
  private final Map<String, Double> penalties = new LinkedHashMap<>();

  public void fact(String key, Object value) {
    facts.put(key, value);
  }

  /** A reason that lowers the QC score by {@code penalty} points. */
  public void penalty(String reason, double penalty) {
    reasons.add(reason);
    penalties.merge(reason, penalty, Double::sum);
  }

  public Map<String, Object> facts() {
    return Collections.unmodifiableMap(facts);
  }

  public Map<String, Double> penalties() {
    return Collections.unmodifiableMap(penalties);
  }

  public Object fact(String key) {
    return facts.get(key);
  }
}
