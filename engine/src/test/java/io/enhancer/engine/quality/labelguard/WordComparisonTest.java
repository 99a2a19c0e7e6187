package io.enhancer.engine.quality.labelguard;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.quality.BoundingBox;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordComparisonTest {
  private static List<OcrWord> reading(String... lines) {
    List<OcrWord> words = new ArrayList<>();
    for (int line = 0; line < lines.length; line++) {
      for (String w : lines[line].split(" ")) words.add(new OcrWord(w, 95, new BoundingBox(0, 0, 1, 1), line));
    }
    return words;
  }

  @Test
  void normalisesCaseAndEdgePunctuationButKeepsInnerHyphens() {
    assertThat(WordComparison.normalise("only.")).isEqualTo("ONLY");
    assertThat(WordComparison.normalise("(4411-02),")).isEqualTo("4411-02");
    assertThat(WordComparison.normalise("a")).isEmpty();
    assertThat(WordComparison.normalise("--")).isEmpty();
  }

  @Test
  void changedCharacterIsReportedInContext() {
    TextChange change = WordComparison.compare(reading("REF 4411-02", "LOT 23A117"), reading("LOT 23A117", "REF 44I1-02"), 80);

    assertThat(change.changed()).isEqualTo(1);
    assertThat(change.lost()).isZero();
    assertThat(change.kept()).isEqualTo(3);
    assertThat(change.examples()).containsExactly("REF 4411-02 -> REF 44I1-02");
  }

  @Test
  void missingWordIsLostAndNewWordIsGained() {
    TextChange change = WordComparison.compare(reading("STERILE SALINE", "EXP 2027-08"), reading("STERILE", "EXP 2027-08 NEW"), 80);

    assertThat(change.lost()).isEqualTo(1);
    assertThat(change.gained()).isEqualTo(1);
    assertThat(change.examples()).containsExactly("lost \"SALINE\" (in \"STERILE SALINE\")");
  }

  @Test
  void wordsMergedByTheReaderAreKept() {
    TextChange change = WordComparison.compare(reading("REF 4411-02"), reading("REF4411-02"), 80);

    assertThat(change.lost()).isZero();
    assertThat(change.changed()).isZero();
  }

  @Test
  void weakSourceReadingsAreNotHeldAgainstTheResult() {
    List<OcrWord> before = List.of(new OcrWord("xq7z", 40, new BoundingBox(0, 0, 1, 1), 0));

    assertThat(WordComparison.compare(before, List.of(), 80).lost()).isZero();
  }

  @Test
  void editDistanceCountsSubstitutionsInsertionsAndDeletions() {
    assertThat(WordComparison.editDistance("4411-02", "44I1-02")).isEqualTo(1);
    assertThat(WordComparison.editDistance("23A117", "273A117")).isEqualTo(1);
    assertThat(WordComparison.editDistance("LOT", "")).isEqualTo(3);
  }
}
