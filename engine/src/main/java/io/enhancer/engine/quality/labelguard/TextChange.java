package io.enhancer.engine.quality.labelguard;

import java.util.List;

/**
 * How the confidently read words of the source fared in the result.
 *
 * @param kept     confident source words found again (exactly, or inside a word the result read merged)
 * @param lost     confident source words with no counterpart in the result
 * @param changed  confident source words that came back with characters changed (a near match)
 * @param gained   confident result words the source did not have
 * @param examples the first few losses and changes in context, e.g. {@code REF 4411-02 -> REF 44I1-02}
 */
public record TextChange(int kept, int lost, int changed, int gained, List<String> examples) {
  public TextChange {
    examples = List.copyOf(examples);
  }
}
