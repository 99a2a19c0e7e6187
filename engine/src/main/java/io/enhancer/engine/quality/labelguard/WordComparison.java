package io.enhancer.engine.quality.labelguard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Compares two readings of the same label as multisets of normalised words. Reading order is not used for
 * matching because Tesseract's sparse-text order shifts when a block moves by a pixel; instead exact matches are
 * taken first and each remaining source word is paired with the closest remaining result word by character edit
 * distance, which is what tells "changed" (4411 -> 44I1) from "lost".
 */
final class WordComparison {
  static final int MAX_EXAMPLES = 3;
  static final int MIN_GUARDED_LENGTH = 3;

  private WordComparison() {}

  /** Upper case, punctuation stripped at both ends; empty when fewer than two characters or no letter/digit remain. */
  static String normalise(String raw) {
    String s = raw.strip().toUpperCase(Locale.ROOT);
    int start = 0, end = s.length();
    while (start < end && !Character.isLetterOrDigit(s.charAt(start))) start++;
    while (end > start && !Character.isLetterOrDigit(s.charAt(end - 1))) end--;
    s = s.substring(start, end);
    return s.length() < 2 ? "" : s;
  }

  /**
   * @param strongConfidence a source word must be read at least this confidently to count; weaker readings flicker
   *                         between runs and would blame the enhancement for OCR noise
   */
  static TextChange compare(List<OcrWord> before, List<OcrWord> after, double strongConfidence) {
    // Two-character readings on packaging are mostly fragments of graphics; REF, LOT and EXP have three.
    List<OcrWord> strongBefore = before.stream()
        .filter(w -> w.confidence() >= strongConfidence && normalise(w.text()).length() >= MIN_GUARDED_LENGTH).toList();
    List<OcrWord> remainingAfter = new ArrayList<>(after.stream().filter(w -> !normalise(w.text()).isEmpty()).toList());
    String afterJoined = after.stream().map(w -> normalise(w.text())).collect(Collectors.joining());

    Map<String, Integer> afterCounts = new HashMap<>();
    remainingAfter.forEach(w -> afterCounts.merge(normalise(w.text()), 1, Integer::sum));
    int kept = 0;
    List<OcrWord> unmatched = new ArrayList<>();
    for (OcrWord word : strongBefore) {
      String token = normalise(word.text());
      if (afterCounts.getOrDefault(token, 0) > 0) {
        afterCounts.merge(token, -1, Integer::sum);
        removeFirst(remainingAfter, token);
        kept++;
      } else {
        unmatched.add(word);
      }
    }

    int lost = 0, changed = 0;
    List<String> examples = new ArrayList<>();
    for (OcrWord word : unmatched) {
      String token = normalise(word.text());
      if (token.length() >= 3 && afterJoined.contains(token)) {
        kept++; // the result read it merged with a neighbour ("REF4411-02"): same characters, not a loss
        continue;
      }
      OcrWord nearest = nearest(token, remainingAfter);
      if (nearest != null) {
        remainingAfter.remove(nearest);
        changed++;
        addExample(examples, lineOf(word, before) + " -> " + lineOf(word, before).replace(word.text(), nearest.text()));
      } else {
        lost++;
        addExample(examples, "lost \"" + word.text() + "\" (in \"" + lineOf(word, before) + "\")");
      }
    }

    Map<String, Long> beforeTokens = before.stream()
        .collect(Collectors.groupingBy(w -> normalise(w.text()), Collectors.counting()));
    int gained = (int) remainingAfter.stream()
        .filter(w -> w.confidence() >= strongConfidence && !beforeTokens.containsKey(normalise(w.text())))
        .count();
    return new TextChange(kept, lost, changed, gained, examples);
  }

  /** Closest word within a small edit distance: at most one edit per four characters, and always at least one. */
  private static OcrWord nearest(String token, List<OcrWord> candidates) {
    int allowed = Math.max(1, token.length() / 4);
    OcrWord best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (OcrWord candidate : candidates) {
      String other = normalise(candidate.text());
      if (Math.abs(other.length() - token.length()) > allowed) continue;
      int distance = editDistance(token, other);
      if (distance <= allowed && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) previous[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static String lineOf(OcrWord word, List<OcrWord> reading) {
    return reading.stream().filter(w -> w.line() == word.line()).map(OcrWord::text).collect(Collectors.joining(" "));
  }

  private static void removeFirst(List<OcrWord> words, String token) {
    for (int i = 0; i < words.size(); i++) {
      if (normalise(words.get(i).text()).equals(token)) {
        words.remove(i);
        return;
      }
    }
  }

  private static void addExample(List<String> examples, String example) {
    if (examples.size() < MAX_EXAMPLES) examples.add(example);
  }
}
