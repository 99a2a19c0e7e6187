package io.enhancer.connector.dam.directus;

import io.enhancer.connector.TestInfra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Directus 12 with its own PostgreSQL on loopback, started by the shared scripts
 * ({@code ../shared/dam/directus/start-directus.sh}). The npm install under the directory is kept between runs
 * (minutes the first time); the database and uploads are wiped, so every run starts from an empty Directus.
 */
final class DirectusInstance implements AutoCloseable {
  final Path dir;
  final String url;
  final String adminToken;
  final String webhookSecret;

  private DirectusInstance(Path dir, String url, String adminToken, String webhookSecret) {
    this.dir = dir;
    this.url = url;
    this.adminToken = adminToken;
    this.webhookSecret = webhookSecret;
  }

  static Path scripts() {
    return TestInfra.shared().resolve("dam/directus");
  }

  /**
   * Where Directus is installed and run: {@code -Denhancer.it.directus.dir}, else {@code ENHANCER_DIRECTUS_IT_DIR},
   * else {@code directus-it} in {@link TestInfra#toolsDir()}, so that {@code mvn clean} does not throw away an
   * install that takes many minutes.
   */
  static Path defaultDir() {
    String configured = System.getProperty("enhancer.it.directus.dir", System.getenv("ENHANCER_DIRECTUS_IT_DIR"));
    if (configured != null && !configured.isBlank()) return Path.of(configured).toAbsolutePath();
    return TestInfra.toolsDir().resolve("directus-it").toAbsolutePath();
  }

  /** Starts a fresh Directus in dir; the secret is what its Flows sign JWTs with (ENHANCER_WEBHOOK_SECRET). */
  static DirectusInstance startFresh(Path dir, String webhookSecret) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    awaitPreparation(dir, Duration.ofMinutes(40));
    wipeState(dir);
    Map<String, String> env = new HashMap<>();
    env.put("DIRECTUS_PORT", Integer.toString(freePort()));
    env.put("PG_PORT", Integer.toString(freePort()));
    env.put("ENHANCER_WEBHOOK_SECRET", webhookSecret);
    run(List.of("bash", scripts().resolve("start-directus.sh").toString(), dir.toString()), env, dir.resolve("start.log"), 15);
    Map<String, String> state = readState(dir.resolve("directus.env"));
    return new DirectusInstance(dir, state.get("DIRECTUS_URL"), state.get("DIRECTUS_ADMIN_TOKEN"), webhookSecret);
  }

  /**
   * CI installs Directus in the background while the other modules build and test
   * ({@code scripts/prepare-directus.sh} writes its pid to {@code prepare.pid} and removes it when done): wait for it
   * rather than run a second npm install into the same folder.
   */
  private static void awaitPreparation(Path dir, Duration limit) throws IOException, InterruptedException {
    Path pidFile = dir.resolve("prepare.pid");
    long deadline = System.nanoTime() + limit.toNanos();
    while (Files.exists(pidFile)) {
      String pid = Files.readString(pidFile, StandardCharsets.UTF_8).trim();
      boolean alive = !pid.isEmpty() && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
      if (!alive) break;
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("scripts/prepare-directus.sh (pid " + pid + ") still installing Directus in "
            + dir + " after " + limit.toMinutes() + " min, see " + dir.resolve("prepare.log"));
      }
      Thread.sleep(2000);
    }
    Path failed = dir.resolve("prepare.failed");
    if (Files.exists(failed)) {
      // Its own start failed; starting here again gives the real error in start.log, so only point at it.
      System.err.println("prepare-directus.sh failed earlier: " + Files.readString(failed, StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run(List.of("bash", scripts().resolve("stop-directus.sh").toString(), dir.toString()), Map.of(),
        dir.resolve("stop.log"), 2);
  }

  /** Stops what a previous run left and removes its database, state and uploads (not the npm install). */
  private static void wipeState(Path dir) throws IOException, InterruptedException {
    Path state = dir.resolve("directus.env");
    if (!Files.exists(state)) return;
    run(List.of("bash", scripts().resolve("stop-directus.sh").toString(), dir.toString()), Map.of(),
        dir.resolve("stop.log"), 2);
    String pgRoot = readState(state).get("PGROOT");
    if (pgRoot != null && !pgRoot.isBlank()) deleteTree(Path.of(pgRoot).resolve("data"));
    deleteTree(dir.resolve("app/uploads"));
    Files.delete(state);
  }

  private static void run(List<String> command, Map<String, String> env, Path log, int minutes)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(command.get(1) + " did not finish within " + minutes + " min, see " + log);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(command.get(1) + " failed (exit " + process.exitValue() + "):\n"
          + Files.readString(log, StandardCharsets.UTF_8));
    }
  }

  private static Map<String, String> readState(Path file) throws IOException {
    Map<String, String> values = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
    }
    return values;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
