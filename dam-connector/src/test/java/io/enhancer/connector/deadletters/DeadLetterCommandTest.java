package io.enhancer.connector.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The dlt command line: what it accepts, and errors that name the bad argument. */
class DeadLetterCommandTest {

  @Test
  void parsesReplayFiltersAndFlags() {
    DeadLetterCommand.Args args = DeadLetterCommand.Args.parse(new String[] {"dlt", "replay", "--since", "2026-03-01",
        "--key", "42", "--dry-run", "--from-beginning"});
    assertThat(args.action()).isEqualTo("replay");
    assertThat(args.replay()).isEqualTo(new ReplayOptions(Instant.parse("2026-03-01T00:00:00Z"), "42", true, true));
    assertThat(DeadLetterCommand.Args.parse(new String[] {"dlt", "replay", "--since", "2026-03-01T10:15:00Z"})
        .replay().since()).isEqualTo(Instant.parse("2026-03-01T10:15:00Z"));
    assertThat(DeadLetterCommand.Args.parse(new String[] {"dlt", "list", "--limit", "7"}).limit()).isEqualTo(7);
    assertThat(DeadLetterCommand.Args.parse(new String[] {"dlt", "list"}).replay()).isNull();
  }

  @Test
  void replayOptionsFilterByKeyAndTime() {
    ReplayOptions options = new ReplayOptions(Instant.parse("2026-03-01T00:00:00Z"), "42", false, false);
    assertThat(options.matches("42", Instant.parse("2026-03-01T00:00:00Z"))).isTrue();
    assertThat(options.matches("42", Instant.parse("2026-02-28T23:59:59Z"))).isFalse();
    assertThat(options.matches("43", Instant.parse("2026-03-02T00:00:00Z"))).isFalse();
    assertThat(ReplayOptions.all().matches(null, Instant.EPOCH)).isTrue();
  }

  @Test
  void rejectsWrongArgumentsByName() {
    assertThatThrownBy(() -> DeadLetterCommand.Args.parse(new String[] {"dlt"})).hasMessageContaining("usage:");
    assertThatThrownBy(() -> DeadLetterCommand.Args.parse(new String[] {"dlt", "purge"}))
        .hasMessageContaining("usage:");
    assertThatThrownBy(() -> DeadLetterCommand.Args.parse(new String[] {"dlt", "replay", "--since", "yesterday"}))
        .hasMessageContaining("since must be an ISO-8601 instant").hasMessageContaining("'yesterday'");
    assertThatThrownBy(() -> DeadLetterCommand.Args.parse(new String[] {"dlt", "replay", "--limit", "5"}))
        .hasMessageContaining("dlt replay does not take --limit");
    assertThatThrownBy(() -> DeadLetterCommand.Args.parse(new String[] {"dlt", "list", "--dry-run"}))
        .hasMessageContaining("dlt list does not take --dry-run");
    assertThatThrownBy(() -> DeadLetterCommand.Args.parse(new String[] {"dlt", "list", "--limit", "0"}))
        .hasMessageContaining("--limit must be 1..10000, got 0");
    assertThatThrownBy(() -> DeadLetterCommand.Args.parse(new String[] {"dlt", "replay", "--key"}))
        .hasMessageContaining("--key needs a value");
    assertThatThrownBy(() -> DeadLetterCommand.Args.parse(new String[] {"dlt", "replay", "extra"}))
        .hasMessageContaining("unknown argument extra");
  }
}
