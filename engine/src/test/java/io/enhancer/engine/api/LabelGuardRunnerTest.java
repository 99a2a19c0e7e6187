package io.enhancer.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.quality.QcResult;
import io.enhancer.engine.quality.QcStatus;
import io.enhancer.engine.quality.labelguard.LabelGuardResult;
import io.enhancer.engine.quality.labelguard.LabelGuardVerdict;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelGuardRunnerTest {

  private static LabelGuardResult guard(LabelGuardVerdict verdict) {
    return new LabelGuardResult(verdict, "label text lost: 'Ibuprofen'", null, null, null, List.of(), List.of(),
        List.of(), null, "recorded_geometry", 1, 0);
  }

  @ParameterizedTest(name = "threshold {0}")
  @ValueSource(doubles = {60, 80, 95})
  void blockedLabelIsCappedAtTheRequestsOwnThresholdAndSentToReview(double threshold) {
    QcResult approved = new QcResult(97, QcStatus.AUTO_APPROVED, List.of());
    QcResult decided = LabelGuardRunner.decide(approved, guard(LabelGuardVerdict.REVIEW), threshold);
    assertThat(decided.score()).isEqualTo(threshold);
    assertThat(decided.status()).isEqualTo(QcStatus.NEEDS_REVIEW);
    assertThat(decided.reasons()).containsExactly("label text lost: 'Ibuprofen'");
  }

  @ParameterizedTest(name = "threshold {0}")
  @ValueSource(doubles = {60, 95})
  void aLowerScoreStaysAndAnUnblockedGuardChangesNothing(double threshold) {
    QcResult low = new QcResult(40, QcStatus.NEEDS_REVIEW, List.of("blurry"));
    assertThat(LabelGuardRunner.decide(low, guard(LabelGuardVerdict.REJECT), threshold).score()).isEqualTo(40);
    assertThat(LabelGuardRunner.decide(low, guard(LabelGuardVerdict.REJECT), threshold).status())
        .isEqualTo(QcStatus.REJECTED);
    QcResult approved = new QcResult(97, QcStatus.AUTO_APPROVED, List.of());
    assertThat(LabelGuardRunner.decide(approved, guard(LabelGuardVerdict.OK), threshold)).isEqualTo(approved);
  }
}
