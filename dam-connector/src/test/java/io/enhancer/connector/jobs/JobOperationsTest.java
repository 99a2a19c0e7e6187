package io.enhancer.connector.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.connector.Await;
import io.enhancer.connector.LocalOrigin;
import io.enhancer.connector.TestInfra;
import io.enhancer.connector.dam.LocalFolderAssetStore;
import io.enhancer.connector.deadletters.DeadLetter;
import io.enhancer.connector.deadletters.DeadLetterCommand;
import io.enhancer.connector.deadletters.DeadLetterReplay;
import io.enhancer.connector.deadletters.DeadLetterReader;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.renditions.RenditionMapper;
import io.enhancer.connector.security.ApiKeys;
import io.enhancer.connector.security.Role;
import io.enhancer.webhooks.intake.AssetEvent;
import io.enhancer.webhooks.intake.AssetEventSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Operating the job pipeline on real components (MariaDB, the KRaft broker in the JVM, the engine, the local DAM):
 * JSON log lines that carry a job's ids, the dead-letter counter and retention, and replaying dead letters once
 * their cause is fixed. Logging is set up before the context starts, so LOG_FORMAT goes in {@code properties}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "LOG_FORMAT=json",
    "logging.config=classpath:logback-json-test.xml",
    "logging.level.io.enhancer.connector.jobs=DEBUG"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class JobOperationsTest {
  static final String ADMIN_KEY = "test-admin-" + UUID.randomUUID();
  static final String TOPIC = "enhancer.jobs.ops";
  static final String DLT = "enhancer.jobs.ops.dlt";
  static LocalOrigin origin;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) throws Exception {
    origin = new LocalOrigin();
    Path dataDir = Files.createTempDirectory("enhancer-ops");
    String schema = TestInfra.freshSchema(JobOperationsTest.class);
    // The dead-letter topic exists before the service starts, with the broker's retention: the service must
    // still apply ENHANCER_DLT_RETENTION to it.
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrap()))) {
      if (!admin.listTopics().names().get().contains(DLT)) {
        admin.createTopics(List.of(new NewTopic(DLT, 1, (short) 1)
            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "3600000")))).all().get();
      }
    }
    r.add("MYSQL_HOST", () -> TestInfra.MARIADB_HOST);
    r.add("MYSQL_DATABASE", () -> schema);
    r.add("KAFKA_BOOTSTRAP_SERVERS", TestInfra::kafkaBootstrap);
    r.add("ENHANCER_DATA_DIR", dataDir::toString);
    r.add("ENHANCER_ADMIN_KEY", () -> ADMIN_KEY);
    r.add("ENHANCER_ALLOWED_ORIGINS", origin::origin);
    r.add("ENHANCER_ALLOW_PRIVATE_ADDRESSES", () -> "true");
    r.add("ENHANCER_JOB_MAX_ATTEMPTS", () -> "2");
    r.add("ENHANCER_JOB_BACKOFF", () -> "200ms");
    r.add("ENHANCER_JOB_PARTITIONS", () -> "1");
    r.add("ENHANCER_DLT_RETENTION", () -> "3d");
    r.add("enhancer.jobs.topic", () -> TOPIC);
    r.add("enhancer.jobs.dead-letter-topic", () -> DLT);
    r.add("spring.kafka.consumer.group-id", () -> "enhancer-workers-ops");
  }

  @AfterAll
  static void stopOrigin() {
    origin.close();
  }

  @LocalServerPort int port;
  @Autowired AssetEventSink sink;
  @Autowired ImageMapper images;
  @Autowired RenditionMapper renditions;
  @Autowired LocalFolderAssetStore store;
  @Autowired DeadLetterReplay deadLetters;
  @Autowired ApiKeys keys;
  @Autowired JsonMapper json;
  @Autowired KafkaListenerEndpointRegistry listeners;
  final HttpClient http = HttpClient.newHttpClient();

  /** The single consumer keeps its partition for the whole class: its assignment is logged once. */
  static volatile boolean assignmentLogged;

  @BeforeEach
  void workerHoldsItsPartition(CapturedOutput output) {
    // Assignment is logged on the worker's thread; the windows below start after that line. Each test captures
    // only its own output, so only the first one can see (and must wait for) the line.
    ContainerTestUtils.waitForAssignment(listeners.getListenerContainer("enhancer-worker"), 1);
    if (assignmentLogged) return;
    Await.until(Duration.ofSeconds(20), "assignment logged",
        () -> output.getOut().contains("partitions assigned: [" + TOPIC + "-0]"));
    assignmentLogged = true;
  }

  @Test
  void everyLineAJobLogsIsJsonWithItsImageAndTaskIdsAndOneInfoLineTellsHowItEnded(CapturedOutput output)
      throws Exception {
    int mark = output.getOut().length();
    Path original = store.originals().resolve("shop/ops-log.jpg");
    Files.createDirectories(original.getParent());
    Files.copy(TestInfra.productPhotos(1).get(0), original);
    sink.accept(new AssetEvent("evt-ops-log", "dam", AssetEvent.UPLOADED, "asset-ops-log", null, "shop/ops-log.jpg",
        "SKU-OPS-LOG", null, "primary", Instant.now()));
    ProductImage image = images.findByAsset("dam", "asset-ops-log");
    String taskId = image.currentTaskId();

    JsonNode finished = Await.until(Duration.ofSeconds(60), "the job's closing line", () -> workerLines(output, mark)
        .stream().filter(l -> l.path("outcome").asString("").equals("completed")).findFirst().orElse(null));
    List<JsonNode> lines = workerLines(output, mark);

    assertThat(lines).hasSizeGreaterThanOrEqualTo(4); // read, enhanced, written, finished
    assertThat(lines).allSatisfy(line -> {
      assertThat(line.path("image_id").asString()).as(line.toString()).isEqualTo(image.id().toString());
      assertThat(line.path("task_id").asString()).as(line.toString()).isEqualTo(taskId);
    });
    assertThat(lines).extracting(l -> l.path("log").path("logger").asString()).contains(
        EnhancementWorker.class.getName(), TaskProcessor.class.getName());
    assertThat(lines.stream().filter(l -> l.path("message").asString().startsWith("original read"))).singleElement()
        .satisfies(l -> assertThat(l.path("sku").asString()).isEqualTo("SKU-OPS-LOG"));
    ProductImage done = images.find(image.id());
    assertThat(done.status()).isEqualTo("completed");
    assertThat(finished.path("log").path("level").asString()).isEqualTo("INFO");
    assertThat(finished.path("qc_score").asDouble()).isCloseTo(done.qcScore(), org.assertj.core.data.Offset.offset(0.05));
    assertThat(finished.path("qc_status").asString()).isEqualTo(done.qcStatus());
    assertThat(finished.path("duration_ms").asLong()).isPositive();
    assertThat(finished.path("message").asString()).startsWith("task " + taskId + " of image " + image.id()
        + ": COMPLETED");
  }

  @Test
  void deadLettersAreCountedKeptAndReplayedOnceTheirCauseIsFixed(CapturedOutput output) throws Exception {
    assertThat(retentionOf(DLT)).isEqualTo(Duration.ofDays(3).toMillis());
    int mark = output.getOut().length();
    double deadBefore = scrapedValue("enhancer_dead_letters_total{reason=\"fetch_failed\"}");
    ProductImage first = failIntoTheDeadLetterTopic("late-1");
    ProductImage second = failIntoTheDeadLetterTopic("late-2");
    assertThat(scrapedValue("enhancer_dead_letters_total{reason=\"fetch_failed\"}")).isEqualTo(deadBefore + 2);

    // every worker line of the two failing jobs (attempts, give-up) names its image and task
    List<JsonNode> lines = workerLines(output, mark);
    assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(List.of(
        line.path("image_id").asString() + "/" + line.path("task_id").asString())).as(line.toString())
        .containsAnyOf(first.id() + "/" + first.currentTaskId(), second.id() + "/" + second.currentTaskId()));
    assertThat(lines).anySatisfy(l -> {
      assertThat(l.path("message").asString()).contains("gave up after retries");
      assertThat(l.path("image_id").asString()).isEqualTo(first.id().toString());
    });

    List<DeadLetter> listed = Await.until(Duration.ofSeconds(20), "both dead letters listed", () -> {
      List<DeadLetter> all = deadLetters.list(50);
      return all.stream().filter(d -> isOneOf(d, first, second)).count() == 2 ? all : null;
    });
    assertThat(listed).filteredOn(d -> isOneOf(d, first, second)).allSatisfy(d -> {
      assertThat(d.failureCode()).isEqualTo("fetch_failed");
      assertThat(d.message()).startsWith("origin answered HTTP 503");
      assertThat(d.handled()).isFalse();
    });
    String cliList = cli("dlt", "list");
    assertThat(cliList).contains(first.currentTaskId()).contains("fetch_failed");

    // a dry run changes nothing
    assertThat(cli("dlt", "replay", "--key", first.id().toString(), "--dry-run"))
        .contains("would replay").contains(first.currentTaskId()).doesNotContain(second.currentTaskId())
        .contains("dry run: nothing changed");
    assertThat(images.find(first.id()).status()).isEqualTo("failed");

    // fix the cause, replay one key: that image completes under its own task, the other waits
    origin.serve("late-1.jpg", TestInfra.productPhotos(3).get(1));
    origin.serve("late-2.jpg", TestInfra.productPhotos(3).get(2));
    String replayOne = cli("dlt", "replay", "--key", first.id().toString());
    assertThat(replayOne).contains("replayed 1 of 2").contains("1 not matching the filters");
    ProductImage firstDone = awaitFinished(first.id());
    assertThat(firstDone.status()).isEqualTo("completed");
    assertThat(firstDone.currentTaskId()).isEqualTo(first.currentTaskId());
    assertThat(renditions.forImage(first.id())).hasSize(1);
    assertThat(images.find(second.id()).status()).isEqualTo("failed");

    // the API replays the rest; reviewers may not
    String reviewer = keys.issue("reviewer-ops", Role.REVIEWER);
    assertThat(post("/api/v1/admin/dead-letters/replay", "{}", reviewer).statusCode()).isEqualTo(403);
    assertThat(body(post("/api/v1/admin/dead-letters/replay", "{\"keys\":\"1\"}", ADMIN_KEY), 400)
        .path("message").asString()).contains("keys");
    JsonNode rest = body(post("/api/v1/admin/dead-letters/replay", "{}", ADMIN_KEY), 200);
    assertThat(rest.path("replayed").findValuesAsString("task_id")).containsExactly(second.currentTaskId());
    assertThat(awaitFinished(second.id()).status()).isEqualTo("completed");

    // a second replay resends nothing: the replay group is past both records
    JsonNode again = body(post("/api/v1/admin/dead-letters/replay", "{}", ADMIN_KEY), 200);
    assertThat(again.path("read").asInt()).isZero();
    assertThat(again.path("replayed")).isEmpty();
    // from the beginning it reads them, and skips them because their images have moved on
    JsonNode fromStart = body(post("/api/v1/admin/dead-letters/replay", "{\"from_beginning\":true}", ADMIN_KEY), 200);
    assertThat(fromStart.path("replayed")).isEmpty();
    assertThat(fromStart.path("skipped").findValuesAsString("note")).hasSizeGreaterThanOrEqualTo(2)
        .allMatch(note -> note.contains("completed, not failed"));
    assertThat(deadLetters.list(50)).filteredOn(d -> isOneOf(d, first, second)).allMatch(DeadLetter::handled);
    assertThat(renditions.forImage(second.id())).hasSize(1);
  }

  // ---------------------------------------------------------------- helpers

  /** An image whose origin keeps answering 503: tried ENHANCER_JOB_MAX_ATTEMPTS times, then dead-lettered. */
  private ProductImage failIntoTheDeadLetterTopic(String name) {
    String url = origin.unavailable(name + ".jpg");
    sink.accept(new AssetEvent("evt-" + name, "dam", AssetEvent.UPLOADED, "asset-" + name, url, null, "SKU-" + name,
        null, "primary", Instant.now()));
    ProductImage failed = awaitFinished(images.findByAsset("dam", "asset-" + name).id());
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.errorReason()).contains("gave up after retries");
    return failed;
  }

  private static boolean isOneOf(DeadLetter letter, ProductImage... images) {
    for (ProductImage image : images) {
      if (image.currentTaskId().equals(letter.taskId())) return true;
    }
    return false;
  }

  private String cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = new DeadLetterCommand(new PrintStream(out, true)).run(DeadLetterCommand.Args.parse(args), deadLetters);
    assertThat(exit).isZero();
    return out.toString();
  }

  private ProductImage awaitFinished(long id) {
    return Await.until(Duration.ofSeconds(60), "image " + id + " finished", () -> {
      ProductImage i = images.find(id);
      return i.status().equals("completed") || i.status().equals("failed") ? i : null;
    });
  }

  /** The JSON lines logged on the worker's consumer threads since {@code mark}. */
  private List<JsonNode> workerLines(CapturedOutput output, int mark) {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : output.getOut().substring(mark).split("\\R")) {
      if (!line.startsWith("{")) continue;
      JsonNode node = json.readTree(line);
      if (node.path("process").path("thread").path("name").asString().startsWith("enhancer-worker")) lines.add(node);
    }
    return lines;
  }

  private long retentionOf(String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrap()))) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Collection<org.apache.kafka.clients.admin.ConfigEntry> entries =
          admin.describeConfigs(List.of(resource)).all().get().get(resource).entries();
      return entries.stream().filter(e -> e.name().equals(TopicConfig.RETENTION_MS_CONFIG))
          .mapToLong(e -> Long.parseLong(e.value())).findFirst().orElseThrow();
    }
  }

  /** The value of one series in /actuator/prometheus, 0 when it is not there yet. */
  private double scrapedValue(String series) throws Exception {
    HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(uri("/actuator/prometheus"))
        .header("Authorization", "Bearer " + ADMIN_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(scrape.statusCode()).isEqualTo(200);
    return scrape.body().lines().filter(l -> l.startsWith(series + " ")).map(l -> l.substring(series.length() + 1))
        .mapToDouble(Double::parseDouble).findFirst().orElse(0);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private HttpResponse<String> post(String path, String body, String key) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode body(HttpResponse<String> response, int expectedStatus) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return json.readTree(response.body());
  }
}
