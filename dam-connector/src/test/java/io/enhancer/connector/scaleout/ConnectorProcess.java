package io.enhancer.connector.scaleout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One connector JVM ({@code EnhancerApplication}) in a given role with its own port and log file. Workers log
 * every task outcome at INFO ({@code task <id> of image <id>: COMPLETED ...}); that log is how a test tells
 * which process did which image, since the schema does not record the worker.
 */
final class ConnectorProcess implements AutoCloseable {
  private static final Pattern TASK_LINE = Pattern.compile("task (\\S+) of image (\\d+): (\\w+)");
  private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux (getconf CLK_TCK)

  final String name;
  final int port;
  private final Path log;
  private final List<String> jvmArgs;
  private final Map<String, String> env;
  private final JavaLauncher launcher;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process process;

  ConnectorProcess(String name, String role, Map<String, String> baseEnv, List<String> jvmArgs, Path log,
                   JavaLauncher launcher) {
    this.name = name;
    this.port = FreePorts.next();
    this.log = log;
    this.launcher = launcher;
    this.jvmArgs = new ArrayList<>(jvmArgs);
    this.jvmArgs.add("-Dspring.kafka.consumer.client-id=" + name);
    this.env = new HashMap<>(baseEnv);
    this.env.put("ENHANCER_ROLE", role);
    this.env.put("SERVER_PORT", Integer.toString(port));
  }

  ConnectorProcess start() throws IOException {
    process = launcher.start(jvmArgs, "io.enhancer.connector.EnhancerApplication", List.of("serve"), env, log);
    return this;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  Path log() {
    return log;
  }

  /** Waits until /actuator/health answers 200 (database, Kafka and Redis reachable). */
  void awaitHealthy(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!process.isAlive()) throw new IllegalStateException(name + " exited during start-up; see " + log);
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) return;
      } catch (IOException notYet) {
        // not listening yet
      }
      if (System.nanoTime() > end) throw new IllegalStateException(name + " not healthy in " + timeout + "; see " + log);
      Thread.sleep(500);
    }
  }

  /** User + system CPU time of the JVM so far, from /proc/<pid>/stat (fields 14 and 15). */
  double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      // the command name (field 2) is in parentheses and may contain spaces: split after its closing one
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return ticks / (double) CLOCK_TICKS_PER_SECOND;
    } catch (IOException e) {
      return Double.NaN;
    }
  }

  /** Image ids this process logged as COMPLETED, one entry per line (a duplicate would show twice). */
  List<Long> completedImages() throws IOException {
    return taskOutcomes().stream().filter(t -> t.outcome().equals("COMPLETED")).map(TaskOutcome::imageId).toList();
  }

  /** Every task outcome line in this process's log, in order. */
  List<TaskOutcome> taskOutcomes() throws IOException {
    List<TaskOutcome> outcomes = new ArrayList<>();
    if (!Files.exists(log)) return outcomes;
    for (String line : Files.readAllLines(log)) {
      Matcher m = TASK_LINE.matcher(line);
      if (m.find()) outcomes.add(new TaskOutcome(m.group(1), Long.parseLong(m.group(2)), m.group(3)));
    }
    return outcomes;
  }

  record TaskOutcome(String taskId, long imageId, String outcome) {}

  /** SIGKILL: no shutdown hooks, no offset commit, no leaving the consumer group. */
  void killHard() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: Spring's graceful shutdown finishes the task in hand. */
  @Override
  public void close() {
    if (process == null || !process.isAlive()) return;
    process.destroy();
    try {
      if (!process.waitFor(90, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
