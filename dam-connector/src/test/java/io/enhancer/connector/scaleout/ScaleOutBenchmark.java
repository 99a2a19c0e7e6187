package io.enhancer.connector.scaleout;

import io.enhancer.connector.TestInfra;
import io.enhancer.webhooks.signing.PayloadSigner;
import io.enhancer.webhooks.signing.WebhookSecret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * End-to-end throughput of the scale-out topology with 1 and then 2 worker JVMs on the same batch, CPU-seconds
 * per image from /proc, consumer lag sampled every second, and the intake rate under {@code wrk}. Prints markdown
 * tables; run by {@code bench/scaleout.sh}, which builds the classpath.
 * <p>
 * Options (system properties): {@code images} (60), {@code workers} ("1,2"), {@code partitions} (4),
 * {@code modelsDir} (none), {@code wrkDuration} (15s), {@code wrkConnections} (16), {@code out} (a folder for CSVs).
 */
public final class ScaleOutBenchmark {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  record Sample(double seconds, long lag, int finished) {}

  record Run(int workers, int images, double seconds, double workerCpu, double apiCpu, double engineMs,
             List<Integer> perWorker, List<Sample> samples, String load) {
    double imagesPerMinute() {
      return images / seconds * 60;
    }
  }

  public static void main(String[] args) throws Exception {
    int images = Integer.getInteger("images", 60);
    int partitions = Integer.getInteger("partitions", 4);
    List<Integer> workerCounts = Stream.of(System.getProperty("workers", "1,2").split(",")).map(String::trim)
        .map(Integer::parseInt).toList();
    String models = System.getProperty("modelsDir", "");
    Path out = Path.of(System.getProperty("out", "bench/results/scaleout"));
    Files.createDirectories(out);

    List<Path> photos = photos(images);
    List<Path> warmUp = photos(images + 4).subList(images, images + 4);
    Path work = Files.createTempDirectory("enhancer-scaleout-bench");
    List<String> workerJvm = List.of("-Xmx1g");
    ScaleOutCluster.Settings settings = new ScaleOutCluster.Settings(partitions, workerJvm,
        models.isBlank() ? null : Path.of(models), Map.of());
    System.out.printf("# scale-out benchmark: %d images, %d partitions, load average at start %s%n", images,
        partitions, loadAverage());
    List<Run> runs = new ArrayList<>();
    String intake;
    try (ScaleOutCluster cluster = ScaleOutCluster.start(work, settings)) {
      List<Long> ids = cluster.importImages("bench", photos);
      List<Long> warmIds = cluster.importImages("warm", warmUp);
      for (int n : workerCounts) {
        runs.add(measure(cluster, n, ids, warmIds, out));
        System.out.println(throughputTable(runs));
      }
      intake = intake(cluster, out);
    }
    System.out.println();
    System.out.println("## End-to-end throughput (default pipeline, batch of " + images + " images)");
    System.out.println(throughputTable(runs));
    System.out.println("## Consumer lag (messages not yet committed), every 5 s");
    System.out.println(lagTable(runs));
    System.out.println(intake);
    System.out.println("load average at end: " + loadAverage());
  }

  /** Starts n workers, warms them on a few images, then times the batch; stops them afterwards. */
  static Run measure(ScaleOutCluster cluster, int n, List<Long> ids, List<Long> warmIds, Path out) throws Exception {
    List<ConnectorProcess> workers = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try {
      for (int i = 1; i <= n; i++) {
        names.add("w" + n + "-" + i);
        workers.add(cluster.startWorker("w" + n + "-" + i, "run" + n + "-worker-" + i));
      }
      for (ConnectorProcess w : workers) w.awaitHealthy(Duration.ofMinutes(4));
      cluster.awaitAssignment(names, Duration.ofMinutes(2));
      String warm = cluster.enhance(warmIds, Map.of());
      awaitFinished(cluster, warm, warmIds.size(), null, 0);

      String load = loadAverage();
      double[] cpuBefore = workers.stream().mapToDouble(ConnectorProcess::cpuSeconds).toArray();
      double apiBefore = cluster.api().cpuSeconds();
      int[] doneBefore = new int[n];
      for (int i = 0; i < n; i++) doneBefore[i] = workers.get(i).completedImages().size();
      long start = System.nanoTime();
      String job = cluster.enhance(ids, Map.of());
      List<Sample> samples = new ArrayList<>();
      awaitFinished(cluster, job, ids.size(), samples, start);
      double seconds = (System.nanoTime() - start) / 1e9;

      double cpu = 0;
      List<Integer> perWorker = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        cpu += workers.get(i).cpuSeconds() - cpuBefore[i];
        perWorker.add(workers.get(i).completedImages().size() - doneBefore[i]);
      }
      double apiCpu = cluster.api().cpuSeconds() - apiBefore;
      if (cluster.failedItems(job) > 0) System.out.println("WARNING: " + cluster.failedItems(job) + " images failed");
      writeSamples(out.resolve("lag-" + n + "-workers.csv"), samples);
      return new Run(n, ids.size(), seconds, cpu, apiCpu, cluster.meanProcessingMs(job), perWorker, samples, load);
    } finally {
      for (ConnectorProcess w : workers) w.close();
    }
  }

  /** Polls every second (lag and progress) until every item of the batch is finished. */
  static void awaitFinished(ScaleOutCluster cluster, String job, int total, List<Sample> samples, long start)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
    while (true) {
      int finished = cluster.finishedItems(job);
      if (samples != null) samples.add(new Sample((System.nanoTime() - start) / 1e9, cluster.lag(), finished));
      if (finished >= total) return;
      if (System.nanoTime() > deadline) throw new IllegalStateException("batch " + job + " did not finish");
      Thread.sleep(samples == null ? 250 : 1000);
    }
  }

  // ------------------------------------------------------------------------------------------ intake with wrk

  /**
   * {@code wrk} against the intake with no workers running (tasks queue on Kafka). Each request is distinct and
   * signed: Java writes them to a file beforehand and a Lua script hands them out, each wrk thread its own share.
   */
  static String intake(ScaleOutCluster cluster, Path out) throws Exception {
    String duration = System.getProperty("wrkDuration", "15s");
    int connections = Integer.getInteger("wrkConnections", 16);
    int count = Integer.getInteger("wrkRequests", 40_000);
    String url = cluster.origin.serve("intake.jpg", TestInfra.productPhotos(1).get(0));
    boolean webhooks = webhooksMounted(cluster);
    String path = webhooks ? "/webhooks/generic" : "/api/v1/import";
    Path requests = out.resolve("intake-requests.tsv");
    long now = Instant.now().getEpochSecond();
    WebhookSecret secret = WebhookSecret.of(cluster.webhookSecret);
    try (var w = Files.newBufferedWriter(requests)) {
      for (int i = 0; i < count; i++) {
        String body;
        String header;
        if (webhooks) {
          body = "{\"event_id\":\"wrk-" + i + "\",\"event\":\"asset.uploaded\",\"asset\":{\"id\":\"wrk-asset-" + i
              + "\",\"url\":\"" + url + "?n=" + i + "\",\"sku_id\":\"wrk-sku-" + i + "\",\"mime_type\":\"image/jpeg\"}}";
          header = "t=" + now + ",v1=" + PayloadSigner.signatureHex(secret, now, body.getBytes(StandardCharsets.UTF_8));
        } else {
          body = "{\"enhance\":true,\"images\":[{\"sku_id\":\"wrk-sku-" + i + "\",\"image_url\":\"" + url + "?n=" + i
              + "\",\"product_group_id\":\"wrk\"}]}";
          header = "Bearer " + cluster.adminKey;
        }
        w.write(header + "\t" + body + "\n");
      }
    }
    Path lua = out.resolve("intake.lua");
    Files.writeString(lua, luaScript(requests, webhooks ? "X-Enhancer-Signature" : "Authorization"));
    String load = loadAverage();
    Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + duration, "--latency", "-s",
        lua.toString(), cluster.api().baseUrl() + path).redirectErrorStream(true).start();
    String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    wrk.waitFor();
    Files.writeString(out.resolve("wrk.txt"), output);
    long sent = find(output, "(\\d+) requests in", 1).map(Long::parseLong).orElse(-1L);
    long errors = find(output, "Non-2xx or 3xx responses: (\\d+)", 1).map(Long::parseLong).orElse(0L);
    String rps = find(output, "Requests/sec:\\s+([\\d.]+)", 1).orElse("?");
    // Anchored to the start of a line: the thread-stats line ends in "+/- stdev" like "89.99%", which an
    // unanchored "99%" matched, reporting the next token ("Req/Sec") as the p99.
    String p50 = find(output, "(?m)^\\s*50(?:\\.0+)?%\\s+(\\S+)", 1).orElse("?");
    String p99 = find(output, "(?m)^\\s*99(?:\\.0+)?%\\s+(\\S+)", 1).orElse("?");
    long lag = cluster.lag();
    StringBuilder t = new StringBuilder();
    t.append("## Intake (wrk -t2 -c").append(connections).append(" -d").append(duration).append(", ")
        .append(webhooks ? "signed POST /webhooks/generic" : "POST /api/v1/import, one image per request, enhance=true "
            + "(/webhooks not mounted)").append("; load average ").append(load).append(")\n\n");
    t.append("| endpoint | requests | non-2xx | requests/s | p50 latency | p99 latency | tasks queued on Kafka |\n");
    t.append("|---|---:|---:|---:|---:|---:|---:|\n");
    t.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %d |%n", path, sent, errors, rps, p50, p99, lag));
    if (sent > count) t.append("\n(more requests than prepared: ").append(sent - count).append(" were repeats)\n");
    return t.toString();
  }

  static boolean webhooksMounted(ScaleOutCluster cluster) throws Exception {
    HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(cluster.api().baseUrl() + "/webhooks/generic"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());
    return r.statusCode() != 404; // mounted, an unsigned request is refused (401); unmounted, nothing is there
  }

  static String luaScript(Path requests, String headerName) {
    return """
        -- generated by ScaleOutBenchmark: one prepared request per line ("<header value>\\t<body>")
        local lines = {}
        for line in io.lines("%s") do lines[#lines + 1] = line end
        local threads = 0
        function setup(thread)
          thread:set("offset", threads)
          threads = threads + 1
        end
        local i, step
        function init(args)
          i = tonumber(offset) or 0
          step = 2
        end
        function request()
          local line = lines[(i %% #lines) + 1]
          i = i + step
          local tab = string.find(line, "\\t", 1, true)
          local headers = { ["Content-Type"] = "application/json", ["%s"] = string.sub(line, 1, tab - 1) }
          return wrk.format("POST", nil, headers, string.sub(line, tab + 1))
        end
        """.formatted(requests.toAbsolutePath(), headerName);
  }

  // ------------------------------------------------------------------------------------------ tables

  static String throughputTable(List<Run> runs) {
    StringBuilder t = new StringBuilder();
    t.append("| workers | images | wall s | images/min | speed-up | worker CPU-s/image | api CPU-s/image "
        + "| mean engine ms/image | images per worker | cores the workers got | load avg at start |\n");
    t.append("|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|\n");
    double base = runs.isEmpty() ? 1 : runs.get(0).imagesPerMinute();
    for (Run r : runs) {
      t.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.2fx | %.2f | %.3f | %.0f | %s | %.2f | %s |%n",
          r.workers(), r.images(), r.seconds(), r.imagesPerMinute(), r.imagesPerMinute() / base,
          r.workerCpu() / r.images(), r.apiCpu() / r.images(), r.engineMs(), r.perWorker(),
          r.workerCpu() / r.seconds(), r.load()));
    }
    return t.toString();
  }

  static String lagTable(List<Run> runs) {
    Map<Integer, Map<Integer, Sample>> bySecond = new LinkedHashMap<>();
    int longest = 0;
    for (Run r : runs) {
      for (Sample s : r.samples()) {
        int bucket = (int) (Math.round(s.seconds()) / 5 * 5);
        bySecond.computeIfAbsent(bucket, b -> new LinkedHashMap<>()).putIfAbsent(r.workers(), s);
        longest = Math.max(longest, bucket);
      }
    }
    StringBuilder t = new StringBuilder("| t (s) |");
    for (Run r : runs) t.append(" lag, ").append(r.workers()).append(" worker(s) | done |");
    t.append("\n|---:|");
    for (Run ignored : runs) t.append("---:|---:|");
    t.append('\n');
    for (int b = 0; b <= longest; b += 5) {
      t.append("| ").append(b).append(" |");
      Map<Integer, Sample> row = bySecond.getOrDefault(b, Map.of());
      for (Run r : runs) {
        Sample s = row.get(r.workers());
        t.append(s == null ? " | |" : " " + s.lag() + " | " + s.finished() + " |");
      }
      t.append('\n');
    }
    return t.toString();
  }

  static void writeSamples(Path file, List<Sample> samples) throws IOException {
    StringBuilder csv = new StringBuilder("seconds,lag,finished\n");
    for (Sample s : samples) csv.append(String.format(Locale.ROOT, "%.1f,%d,%d%n", s.seconds(), s.lag(), s.finished()));
    Files.writeString(file, csv);
  }

  // ------------------------------------------------------------------------------------------ inputs

  /** GroceryStore in-store photos (348 px) and every fourth one a Kodak photo (768x512), in a stable order. */
  static List<Path> photos(int n) throws IOException {
    List<Path> grocery = list(TestInfra.shared().resolve("datasets/products-GroceryStore/natural-val"), ".jpg");
    List<Path> kodak = list(TestInfra.shared().resolve("datasets/denoise-Kodak24"), ".png");
    List<Path> photos = new ArrayList<>();
    int g = 0;
    int k = 0;
    while (photos.size() < n) {
      boolean useKodak = photos.size() % 4 == 3 && k < kodak.size();
      photos.add(useKodak ? kodak.get(k++) : grocery.get(g++));
    }
    return photos;
  }

  private static List<Path> list(Path dir, String extension) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().toLowerCase(Locale.ROOT).endsWith(extension)).sorted().toList();
    }
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static java.util.Optional<String> find(String text, String regex, int group) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find() ? java.util.Optional.of(m.group(group)) : java.util.Optional.empty();
  }

  private ScaleOutBenchmark() {}
}
