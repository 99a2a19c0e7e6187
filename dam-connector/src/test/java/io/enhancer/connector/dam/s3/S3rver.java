package io.enhancer.connector.dam.s3;

import static org.junit.jupiter.api.Assertions.fail;

import io.enhancer.connector.TestInfra;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for tests: s3rver (npm, installed by scripts/install-s3rver.sh) as a child process on
 * 127.0.0.1 and a port it picks itself, storing in a temporary folder that is deleted when it stops. Missing s3rver
 * skips the test, or fails it where CI requires it (ENHANCER_REQUIRE_S3RVER=1).
 */
final class S3rver implements AutoCloseable {
  /** s3rver's built-in account. */
  static final String ACCESS_KEY = "S3RVER";
  static final String SECRET_KEY = "S3RVER";
  private static final Pattern LISTENING = Pattern.compile("S3rver listening on 127\\.0\\.0\\.1:(\\d+)");

  final String endpoint;
  private final Process process;
  private final Path home;

  private S3rver(String endpoint, Process process, Path home) {
    this.endpoint = endpoint;
    this.process = process;
    this.home = home;
  }

  /** Starts a fresh server with the given buckets created. */
  static S3rver start(String... buckets) throws IOException, InterruptedException {
    Path cli = requireInstalled();
    Path home = Files.createTempDirectory("s3rver-test");
    Path data = Files.createDirectories(home.resolve("data"));
    Path log = home.resolve("s3rver.log");
    List<String> command = new ArrayList<>(List.of("node", cli.toString(), "--directory", data.toString(),
        "--address", "127.0.0.1", "--port", "0", "--silent"));
    for (String bucket : buckets) command.addAll(List.of("--configure-bucket", bucket));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher listening = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (listening.find()) return new S3rver("http://127.0.0.1:" + listening.group(1), process, home);
      if (!process.isAlive()) break;
      Thread.sleep(50);
    }
    process.destroyForcibly();
    throw new IllegalStateException("s3rver did not start within 30 s: " + Files.readString(log, StandardCharsets.UTF_8));
  }

  /** The settings a connector would use for this server (its built-in credentials, path-style). */
  S3Properties settings(String sourceBucket, String sourcePrefix, String renditionBucket, String renditionPrefix,
                        String publicBaseUrl) {
    return new S3Properties(endpoint, "us-east-1", true, sourceBucket, sourcePrefix, renditionBucket, renditionPrefix,
        publicBaseUrl, ACCESS_KEY, SECRET_KEY);
  }

  /** A client of this server for the test's own checks, built as the connector builds its own. */
  S3Client client() {
    return S3Clients.create(settings("any-bucket", "", "", null, ""), Duration.ofSeconds(30));
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    try (Stream<Path> files = Files.walk(home)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  /** The s3rver command line installed by scripts/install-s3rver.sh; skips or fails the test when it is missing. */
  static Path requireInstalled() {
    Path cli = TestInfra.toolsDir().resolve("s3rver/node_modules/s3rver/bin/s3rver.js");
    String problem = !Files.isRegularFile(cli) ? "s3rver is not installed at " + cli
        : !nodeRuns() ? "node is not on the PATH (s3rver runs on it)" : null;
    if (problem == null) return cli;
    String message = problem + ": run scripts/install-s3rver.sh (the S3 store tests need a real S3-compatible server)";
    if ("1".equals(System.getenv("ENHANCER_REQUIRE_S3RVER"))) fail(message);
    Assumptions.abort(message);
    return cli;
  }

  private static boolean nodeRuns() {
    try {
      Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      node.getInputStream().readAllBytes();
      return node.waitFor(10, TimeUnit.SECONDS) && node.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
