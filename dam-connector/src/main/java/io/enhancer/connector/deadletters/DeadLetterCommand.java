package io.enhancer.connector.deadletters;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code enhancer dlt list [--limit N]} and {@code enhancer dlt replay [--since ISO] [--key K] [--dry-run]
 * [--from-beginning]}: the dead-letter topic for operators (see docs/operations.md, "Dead letters and replay").
 */
public final class DeadLetterCommand {
  static final String USAGE = """
      usage: enhancer dlt list [--limit N]
             enhancer dlt replay [--since 2026-03-01T00:00:00Z] [--key IMAGE_ID] [--dry-run] [--from-beginning]
        list              the newest N dead letters (default 50): partition:offset, time, key, task, failure code,
                          message; 'handled' marks those an earlier replay has dealt with
        replay            sends each dead letter not handled yet back to the jobs topic (same key and value) after
                          putting its image back to pending; images that moved on are skipped
        --since           only records dead-lettered at or after this instant or date (UTC)
        --key             only records of this key (the image id)
        --dry-run         print what would be replayed; change nothing
        --from-beginning  also look at records an earlier replay handled""";

  private final PrintStream out;

  public DeadLetterCommand(PrintStream out) {
    this.out = out;
  }

  /** The parsed command line; {@code replay} is null for list. */
  public record Args(String action, int limit, ReplayOptions replay) {
    public static Args parse(String[] argv) {
      List<String> a = List.of(argv);
      if (a.size() < 2 || !a.get(0).equals("dlt") || !List.of("list", "replay").contains(a.get(1))) {
        throw new IllegalArgumentException(USAGE);
      }
      String action = a.get(1);
      int limit = 50;
      String since = null;
      String key = null;
      boolean dryRun = false;
      boolean fromBeginning = false;
      for (int i = 2; i < a.size(); i++) {
        String option = a.get(i);
        boolean forList = option.equals("--limit");
        if (forList != action.equals("list") && option.startsWith("--")) {
          throw new IllegalArgumentException("dlt " + action + " does not take " + option + "\n" + USAGE);
        }
        switch (option) {
          case "--limit" -> limit = number(value(a, ++i, option), option);
          case "--since" -> since = value(a, ++i, option);
          case "--key" -> key = value(a, ++i, option);
          case "--dry-run" -> dryRun = true;
          case "--from-beginning" -> fromBeginning = true;
          default -> throw new IllegalArgumentException("unknown argument " + option + "\n" + USAGE);
        }
      }
      if (limit < 1 || limit > 10_000) throw new IllegalArgumentException("--limit must be 1..10000, got " + limit);
      ReplayOptions replay = action.equals("replay")
          ? new ReplayOptions(ReplayOptions.parseSince(since), key, dryRun, fromBeginning) : null;
      return new Args(action, limit, replay);
    }

    private static String value(List<String> a, int i, String option) {
      if (i >= a.size() || a.get(i).startsWith("--")) throw new IllegalArgumentException(option + " needs a value");
      return a.get(i);
    }

    private static int number(String text, String option) {
      try {
        return Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " must be a number, got '" + text + "'");
      }
    }
  }

  /** Runs the parsed command; exit code 0 (a replay that skipped records still succeeded). */
  public int run(Args args, DeadLetterReplay deadLetters) {
    if (args.action().equals("list")) {
      printList(deadLetters.list(args.limit()));
    } else {
      printReplay(deadLetters.replay(args.replay()));
    }
    return 0;
  }

  private void printList(List<DeadLetter> letters) {
    if (letters.isEmpty()) {
      out.println("no dead letters");
      return;
    }
    out.printf("%-12s %-24s %-10s %-36s %-18s %-8s %s%n", "OFFSET", "TIME", "KEY", "TASK", "REASON", "HANDLED",
        "MESSAGE");
    for (DeadLetter l : letters) {
      out.printf("%-12s %-24s %-10s %-36s %-18s %-8s %s%n", l.partition() + ":" + l.offset(), l.timestamp(),
          l.key(), l.taskId() == null ? "(not a task)" : l.taskId(), l.failureCode(), l.handled() ? "yes" : "no",
          l.message() == null ? "" : l.message().replaceAll("\\s+", " "));
    }
  }

  private void printReplay(ReplayReport report) {
    String verb = report.dryRun() ? "would replay" : "replayed";
    for (ReplayReport.Entry e : report.replayed()) {
      out.printf("%s %d:%d key %s task %s (%s)%n", verb, e.partition(), e.offset(), e.key(), e.taskId(),
          e.failureCode());
    }
    for (ReplayReport.Entry e : report.skipped()) {
      out.printf("skipped %d:%d key %s: %s%n", e.partition(), e.offset(), e.key(), e.note());
    }
    out.printf("%s %d of %d dead letters read from %s (%d skipped, %d not matching the filters)%s%n", verb,
        report.replayed().size(), report.read(), report.topic(), report.skipped().size(), report.filteredOut(),
        report.dryRun() ? "; dry run: nothing changed" : "");
  }
}
