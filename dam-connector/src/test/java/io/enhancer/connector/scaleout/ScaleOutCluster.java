package io.enhancer.connector.scaleout;

import io.enhancer.connector.LocalOrigin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The production topology on one machine, every part its own process: a KRaft Kafka broker, MariaDB and Redis
 * (already running on the machine), one {@code api} JVM and any number of {@code worker} JVMs in the consumer
 * group, plus a local HTTP origin the api imports originals from. Each run gets a fresh database and broker.
 */
final class ScaleOutCluster implements AutoCloseable {
  static final String TOPIC = "enhancer.jobs";
  static final String DEAD_LETTER_TOPIC = "enhancer.jobs.dlt";
  static final String GROUP = "enhancer-workers";
  static final String MARIADB = "127.0.0.1:3306";

  /**
   * @param partitions  partitions of the job topic (the most workers that can share the work)
   * @param workerJvm   JVM options of every worker (heap, JIT)
   * @param modelsDir   ENHANCER_MODELS_DIR of the workers, or null for classical steps only
   */
  record Settings(int partitions, List<String> workerJvm, Path modelsDir, Map<String, String> extraEnv) {}

  final Path workDir;
  final String database;
  final String adminKey = "scale-admin-" + UUID.randomUUID();
  final String webhookSecret = "scale-webhook-" + UUID.randomUUID();
  final LocalOrigin origin;
  private final Settings settings;
  private final JavaLauncher launcher;
  private final KafkaBrokerProcess broker;
  private final Map<String, String> env = new HashMap<>();
  private final List<ConnectorProcess> processes = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();
  private ConnectorProcess api;

  private ScaleOutCluster(Path workDir, Settings settings) throws IOException {
    this.workDir = workDir;
    this.settings = settings;
    this.launcher = new JavaLauncher(workDir);
    this.broker = new KafkaBrokerProcess(workDir.resolve("kafka"), launcher);
    this.database = "enhancer_scale_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    this.origin = new LocalOrigin();
  }

  /** Broker up, topics created, fresh database, api healthy. Workers are started separately. */
  static ScaleOutCluster start(Path workDir, Settings settings) throws Exception {
    ScaleOutCluster cluster = new ScaleOutCluster(workDir, settings);
    try {
      cluster.boot();
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  private void boot() throws Exception {
    broker.start();
    broker.createTopic(TOPIC, settings.partitions());
    broker.createTopic(DEAD_LETTER_TOPIC, 1);
    sql("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", "test");
    env.put("MYSQL_HOST", "127.0.0.1");
    env.put("MYSQL_PORT", "3306");
    env.put("MYSQL_USER", "root");
    env.put("MYSQL_PASSWORD", "");
    env.put("MYSQL_DATABASE", database);
    env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    env.put("REDIS_URL", "redis://127.0.0.1:6379");
    env.put("ENHANCER_REDIS_KEY_PREFIX", database);
    env.put("ENHANCER_DATA_DIR", workDir.resolve("data").toString());
    env.put("ENHANCER_ADMIN_KEY", adminKey);
    env.put("WEBHOOK_SECRET", webhookSecret);
    env.put("ENHANCER_ALLOWED_ORIGINS", origin.origin());
    env.put("ENHANCER_ALLOW_PRIVATE_ADDRESSES", "true");
    env.put("ENHANCER_JOB_PARTITIONS", Integer.toString(settings.partitions()));
    env.put("ENHANCER_RATE_LIMIT_PER_MINUTE", "100000");
    env.put("ENHANCER_MODELS_DIR", settings.modelsDir() == null ? "" : settings.modelsDir().toString());
    // One consumer per worker process: the scenarios count partitions per worker, as a deployment of
    // single-threaded workers does (the default of 6 threads would name members worker-N-0..5).
    env.put("ENHANCER_WORKER_CONCURRENCY", "1");
    env.putAll(settings.extraEnv());
    // The api migrates the fresh schema alone; workers start once it is healthy.
    api = new ConnectorProcess("api", "api", env, List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
        workDir.resolve("api.log"), launcher).start();
    processes.add(api);
    api.awaitHealthy(Duration.ofMinutes(3));
  }

  ConnectorProcess api() {
    return api;
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** Starts a worker JVM; its consumer client id starts with {@code name}, its log is {@code <logName>.log}. */
  ConnectorProcess startWorker(String name, String logName) throws IOException {
    List<String> jvm = new ArrayList<>(settings.workerJvm());
    // A worker killed hard is noticed after the session timeout; the default 45 s would stall its partitions.
    jvm.add("-Dspring.kafka.consumer.properties.session.timeout.ms=6000");
    jvm.add("-Dspring.kafka.consumer.properties.heartbeat.interval.ms=1500");
    ConnectorProcess worker = new ConnectorProcess(name, "worker", env, jvm, workDir.resolve(logName + ".log"),
        launcher).start();
    processes.add(worker);
    return worker;
  }

  // ------------------------------------------------------------------------------------------ consumer group

  /** Partitions of the job topic held by each member, keyed by the member's client id. */
  Map<String, Set<Integer>> assignment() throws Exception {
    try (Admin admin = broker.admin()) {
      ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all()
          .get(15, TimeUnit.SECONDS).get(GROUP);
      Map<String, Set<Integer>> byMember = new LinkedHashMap<>();
      for (MemberDescription member : group.members()) {
        Set<Integer> partitions = member.assignment().topicPartitions().stream()
            .filter(tp -> tp.topic().equals(TOPIC)).map(TopicPartition::partition)
            .collect(Collectors.toCollection(TreeSet::new));
        byMember.merge(member.clientId(), partitions, (a, b) -> {
          a.addAll(b);
          return a;
        });
      }
      return byMember;
    }
  }

  /** Partitions held by the member(s) whose client id starts with the worker's name. */
  static Set<Integer> partitionsOf(Map<String, Set<Integer>> assignment, String workerName) {
    return assignment.entrySet().stream().filter(e -> e.getKey().startsWith(workerName))
        .flatMap(e -> e.getValue().stream()).collect(Collectors.toCollection(TreeSet::new));
  }

  /** Waits until exactly these workers are in the group and every partition is assigned to one of them. */
  Map<String, Set<Integer>> awaitAssignment(List<String> workerNames, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<String, Set<Integer>> a = assignmentOrEmpty();
      boolean members = a.size() == workerNames.size()
          && workerNames.stream().allMatch(n -> !partitionsOf(a, n).isEmpty());
      long assigned = a.values().stream().mapToLong(Set::size).sum();
      if (members && assigned == settings.partitions()) return a;
      if (System.nanoTime() > end) {
        throw new AssertionError("group never settled on " + workerNames + " holding all " + settings.partitions()
            + " partitions; last seen " + a);
      }
      Thread.sleep(250);
    }
  }

  private Map<String, Set<Integer>> assignmentOrEmpty() {
    try {
      return assignment();
    } catch (Exception groupNotThereYet) {
      return Map.of();
    }
  }

  /** Messages on the job topic not yet committed by the group (end offset minus committed offset, summed). */
  long lag() throws Exception {
    try (Admin admin = broker.admin()) {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
          .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < settings.partitions(); p++) latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
      var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
      long lag = 0;
      for (var e : ends.entrySet()) {
        OffsetAndMetadata c = committed.get(e.getKey());
        lag += e.getValue().offset() - (c == null ? 0 : c.offset());
      }
      return lag;
    }
  }

  /** The partition the producer's default partitioner picks for an image (the message key is the image id). */
  int partitionOf(long imageId) {
    byte[] key = Long.toString(imageId).getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(key)) % settings.partitions();
  }

  // ------------------------------------------------------------------------------------------ REST API

  /** Serves the files from the local origin and imports them (without enhancing); returns the image ids. */
  List<Long> importImages(String prefix, List<Path> files) throws Exception {
    StringBuilder body = new StringBuilder("{\"enhance\":false,\"images\":[");
    for (int i = 0; i < files.size(); i++) {
      String url = origin.serve(prefix + "-" + i + "-" + files.get(i).getFileName(), files.get(i));
      if (i > 0) body.append(',');
      body.append("{\"sku_id\":\"").append(prefix).append("-sku-").append(i).append("\",\"image_url\":\"")
          .append(url).append("\",\"product_group_id\":\"").append(prefix).append("\"}");
    }
    JsonNode report = post("/api/v1/import", body.append("]}").toString());
    if (report.path("failed").asInt() != 0) throw new IllegalStateException("import rejected rows: " + report);
    List<Long> ids = new ArrayList<>();
    report.path("image_ids").forEach(n -> ids.add(n.asLong()));
    return ids;
  }

  /** {@code POST /api/v1/batch} for these images with the given options; returns the batch (job) id. */
  String enhance(List<Long> imageIds, Map<String, Object> options) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>(options);
    body.put("image_ids", imageIds);
    return post("/api/v1/batch", json.writeValueAsString(body)).path("job_id").asString();
  }

  private JsonNode post(String path, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
        .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
        .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    return json.readTree(r.body());
  }

  // ------------------------------------------------------------------------------------------ database

  /** Items of the batch that reached completed or failed. */
  int finishedItems(String jobId) throws SQLException {
    return count("SELECT COUNT(*) FROM job_items WHERE job_id = ? AND status IN ('completed', 'failed')", jobId);
  }

  int failedItems(String jobId) throws SQLException {
    return count("SELECT COUNT(*) FROM job_items WHERE job_id = ? AND status = 'failed'", jobId);
  }

  /** Rendition rows per image id (images without one are absent). */
  Map<Long, Integer> renditionsPerImage() throws SQLException {
    Map<Long, Integer> counts = new HashMap<>();
    try (Connection c = connection(database); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT image_id, COUNT(*) FROM renditions GROUP BY image_id")) {
      while (rs.next()) counts.put(rs.getLong(1), rs.getInt(2));
    }
    return counts;
  }

  /** Status of each image. */
  Map<Long, String> imageStatuses() throws SQLException {
    Map<Long, String> statuses = new HashMap<>();
    try (Connection c = connection(database); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, status FROM product_images")) {
      while (rs.next()) statuses.put(rs.getLong(1), rs.getString(2));
    }
    return statuses;
  }

  /** Mean engine time per image of a batch (image_metrics.processing_ms), for the report. */
  double meanProcessingMs(String jobId) throws SQLException {
    try (Connection c = connection(database); PreparedStatement s = c.prepareStatement(
        "SELECT AVG(m.processing_ms) FROM image_metrics m JOIN renditions r ON r.id = m.rendition_id "
            + "JOIN job_items j ON j.task_id = r.task_id WHERE j.job_id = ?")) {
      s.setString(1, jobId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getDouble(1) : Double.NaN;
      }
    }
  }

  /** Rendition files in the local DAM per asset folder. */
  Map<String, Long> renditionFilesPerAsset() throws IOException {
    Path root = workDir.resolve("data").resolve("dam");
    Map<String, Long> counts = new HashMap<>();
    if (!Files.isDirectory(root)) return counts;
    try (Stream<Path> files = Files.walk(root)) {
      // rendition files are v<version>-<task>.<ext>; selected.txt marks the chosen one, .part-* is a cut-off write
      files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().startsWith("v"))
          .filter(f -> f.toString().contains("/renditions/"))
          .forEach(f -> counts.merge(f.getParent().toString(), 1L, Long::sum));
    }
    return counts;
  }

  private int count(String query, String arg) throws SQLException {
    try (Connection c = connection(database); PreparedStatement s = c.prepareStatement(query)) {
      s.setString(1, arg);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static Connection connection(String schema) throws SQLException {
    return DriverManager.getConnection("jdbc:mariadb://" + MARIADB + "/" + schema, "root", "");
  }

  private static void sql(String statement, String schema) throws SQLException {
    try (Connection c = connection(schema); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) processes.get(i).close();
    broker.close();
    keepLogs();
    origin.close();
    try {
      sql("DROP DATABASE IF EXISTS " + database, "test");
    } catch (SQLException e) {
      // a leftover schema is harmless; its name says which run it was
    }
    if (!Boolean.getBoolean("enhancer.scaleout.keep")) deleteQuietly(workDir);
  }

  /** Copies the process logs to target/scaleout-logs/<database>/ (when run from the module) before cleaning up. */
  private void keepLogs() {
    Path target = Path.of("target");
    if (!Files.isDirectory(target)) return;
    Path dest = target.resolve("scaleout-logs").resolve(database);
    try (Stream<Path> logs = Files.walk(workDir)) {
      Files.createDirectories(dest);
      for (Path log : logs.filter(f -> f.getFileName().toString().endsWith(".log"))
          .filter(f -> !f.startsWith(workDir.resolve("kafka").resolve("data"))).toList()) {
        Files.copy(log, dest.resolve(workDir.relativize(log).toString().replace('/', '_')));
      }
    } catch (IOException e) {
      // logs are a convenience for whoever investigates a failure
    }
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // temporary files only
    }
  }
}
