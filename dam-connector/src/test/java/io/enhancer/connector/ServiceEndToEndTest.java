package io.enhancer.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.connector.dam.ImageSignature;
import io.enhancer.connector.dam.LocalFolderAssetStore;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.jobs.EnhancementTask;
import io.enhancer.connector.jobs.LiveStatus;
import io.enhancer.connector.jobs.LiveStatusStore;
import io.enhancer.connector.jobs.RedisLiveStatusStore;
import io.enhancer.connector.renditions.Rendition;
import io.enhancer.connector.renditions.RenditionMapper;
import io.enhancer.connector.security.ApiKeys;
import io.enhancer.connector.security.Role;
import io.enhancer.webhooks.intake.AssetEvent;
import io.enhancer.webhooks.intake.AssetEventSink;
import io.enhancer.webhooks.intake.ProcessedEventStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service on real components: MariaDB, Redis, a KRaft broker in the JVM, the engine, the local DAM. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ServiceEndToEndTest {
  static final String ADMIN_KEY = "test-admin-" + UUID.randomUUID();
  static final String TOPIC = "enhancer.jobs.e2e";
  static final String DLT = "enhancer.jobs.e2e.dlt";
  static LocalOrigin origin;
  static Path dataDir;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) throws IOException {
    origin = new LocalOrigin();
    dataDir = Files.createTempDirectory("enhancer-e2e");
    String schema = TestInfra.freshSchema(ServiceEndToEndTest.class);
    r.add("MYSQL_HOST", () -> TestInfra.MARIADB_HOST);
    r.add("MYSQL_DATABASE", () -> schema);
    r.add("KAFKA_BOOTSTRAP_SERVERS", TestInfra::kafkaBootstrap);
    r.add("REDIS_URL", () -> TestInfra.REDIS_URL);
    r.add("ENHANCER_REDIS_KEY_PREFIX", () -> "enhancer-test-" + UUID.randomUUID());
    r.add("ENHANCER_DATA_DIR", dataDir::toString);
    r.add("ENHANCER_ADMIN_KEY", () -> ADMIN_KEY);
    r.add("ENHANCER_ALLOWED_ORIGINS", origin::origin);
    r.add("ENHANCER_ALLOW_PRIVATE_ADDRESSES", () -> "true");
    r.add("AUTO_APPROVE_THRESHOLD", () -> "100");
    r.add("ENHANCER_JOB_MAX_ATTEMPTS", () -> "2");
    r.add("ENHANCER_JOB_BACKOFF", () -> "200ms");
    r.add("ENHANCER_JOB_PARTITIONS", () -> "2");
    r.add("ENHANCER_INBOX_POLL", () -> "500ms");
    r.add("ENHANCER_RATE_LIMIT_PER_MINUTE", () -> "1000");
    // a marketplace endpoint that refuses connections: the deliveries are recorded (and retried), which is what we read
    r.add("ENHANCER_OUTBOUND_WEBHOOKS", () -> "market=http://127.0.0.1:9/hooks");
    r.add("ENHANCER_OUTBOUND_SECRET", () -> "whsec_service_e2e_0001");
    r.add("ENHANCER_OUTBOUND_ALLOW_HTTP", () -> "true");
    r.add("enhancer.jobs.topic", () -> TOPIC);
    r.add("enhancer.jobs.dead-letter-topic", () -> DLT);
    r.add("spring.kafka.consumer.group-id", () -> "enhancer-workers-e2e");
    r.add("spring.kafka.listener.concurrency", () -> "2");
  }

  /**
   * What the service told the marketplace: outbound events are recorded as deliveries in the transaction of the change
   * they report (the webhooks' outbox), so the committed rows are the events.
   */
  @org.springframework.boot.test.context.TestConfiguration
  static class RecordedEvents {
    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

    boolean has(String type, long imageId) {
      return jdbc.queryForList("SELECT payload FROM outbound_deliveries WHERE event_type = ?", String.class, type)
          .stream().anyMatch(payload -> payload.contains("\"image_id\":" + imageId + ","));
    }
  }

  @LocalServerPort int port;
  @Autowired AssetEventSink sink;
  @Autowired ProcessedEventStore processedEvents;
  @Autowired ImageMapper images;
  @Autowired RenditionMapper renditions;
  @Autowired LocalFolderAssetStore store;
  @Autowired LiveStatusStore live;
  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired MeterRegistry meters;
  @Autowired ApiKeys keys;
  @Autowired JsonMapper json;
  @Autowired RecordedEvents outbound;
  @Autowired io.enhancer.connector.importing.ImportService importService;
  final HttpClient http = HttpClient.newHttpClient();
  static String reviewerKey;
  static String integrationKey;

  @BeforeEach
  void keys() {
    if (reviewerKey == null) {
      reviewerKey = keys.issue("reviewer", Role.REVIEWER);
      integrationKey = keys.issue("integration", Role.INTEGRATION);
    }
  }

  // ---------------------------------------------------------------- intake -> Kafka -> worker -> rendition

  @Test
  void damEventBecomesSelectedRenditionWithQcDecisionAndOriginalUntouched() throws Exception {
    Path photo = TestInfra.productPhotos(1).get(0);
    String reference = placeOriginal("event-flow", photo);
    byte[] originalBefore = Files.readAllBytes(store.originals().resolve(reference));

    sink.accept(event("evt-flow-1", "asset-flow", null, reference, "sku-flow", "group-flow"));
    ProductImage done = awaitFinished("dam", "asset-flow");

    assertThat(done.status()).isEqualTo("completed");
    assertThat(done.qcStatus()).isEqualTo("needs_review"); // AUTO_APPROVE_THRESHOLD=100: nothing passes on its own
    assertThat(done.qcScore()).isBetween(0.0, 100.0);
    List<Rendition> list = renditions.forImage(done.id());
    assertThat(list).hasSize(1);
    assertThat(list.get(0).selected()).isTrue();
    assertThat(done.selectedRenditionId()).isEqualTo(list.get(0).id());
    byte[] renditionBytes = store.readRendition(list.get(0).storageKey());
    assertThat(renditionBytes.length).isGreaterThan(1000);
    assertThat(Arrays.equals(sha256(Files.readAllBytes(store.originals().resolve(reference))), sha256(originalBefore)))
        .as("original untouched").isTrue();

    // enhanced_image_url is fetchable with an API key and gives the rendition's bytes
    HttpResponse<byte[]> content = http.send(get(done.enhancedImageUrl(), reviewerKey),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(content.statusCode()).isEqualTo(200);
    assertThat(content.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(content.body()).isEqualTo(renditionBytes);
    assertThat(outbound.has("rendition.ready", done.id())).isTrue();

    // live status went to Redis with a TTL
    LiveStatus status = live.get(done.id()).orElseThrow();
    assertThat(status.state()).isEqualTo("completed");
    assertThat(((RedisLiveStatusStore) live).ttlOf(done.id())).isBetween(Duration.ofHours(23), Duration.ofHours(24));
  }

  @Test
  void duplicateEventCreatesNothingAndRedeliveredTaskMakesNoSecondRendition() throws Exception {
    String reference = placeOriginal("dup", TestInfra.productPhotos(2).get(1));
    AssetEvent event = event("evt-dup-1", "asset-dup", null, reference, "sku-dup", null);

    assertThat(processedEvents.recordIfNew("dam", "evt-dup-1", Instant.now())).isTrue();
    sink.accept(event);
    assertThat(processedEvents.recordIfNew("dam", "evt-dup-1", Instant.now())).isFalse();
    sink.accept(event); // handed over again anyway: the sink itself recognises it
    ProductImage done = awaitFinished("dam", "asset-dup");
    assertThat(done.status()).isEqualTo("completed");

    // Kafka redelivers the same task (at-least-once): it is confirmed, not run again
    double alreadyDone = counter("already_done");
    EnhancementTask redelivered = new EnhancementTask(done.currentTaskId(), done.id(), null, null, java.util.Map.of(),
        Instant.now(), null);
    kafka.send(TOPIC, done.id().toString(), json.writeValueAsString(redelivered)).get();
    Await.until(Duration.ofSeconds(30), "redelivered task seen", () -> counter("already_done") > alreadyDone);

    assertThat(renditions.forImage(done.id())).hasSize(1);
    assertThat(store.listRenditions("dam/asset-dup")).hasSize(1);
  }

  @Test
  void badImageFailsWithItsReasonWhileTheOthersComplete() throws Exception {
    List<Path> photos = TestInfra.productPhotos(5).subList(2, 5);
    for (int i = 0; i < photos.size(); i++) {
      sink.accept(event("evt-mix-" + i, "asset-mix-" + i, null, placeOriginal("mix-" + i, photos.get(i)), "sku-mix", null));
    }
    byte[] jpeg = Files.readAllBytes(photos.get(0));
    Path broken = store.originals().resolve("mix-broken.jpg");
    Files.write(broken, Arrays.copyOf(jpeg, 300)); // a JPEG header and nothing after it
    sink.accept(event("evt-mix-bad", "asset-mix-bad", null, "mix-broken.jpg", "sku-mix", null));

    ProductImage bad = awaitFinished("dam", "asset-mix-bad");
    assertThat(bad.status()).isEqualTo("failed");
    assertThat(bad.errorCode()).isEqualTo("invalid_image");
    assertThat(bad.errorReason()).isNotBlank();
    for (int i = 0; i < photos.size(); i++) {
      assertThat(awaitFinished("dam", "asset-mix-" + i).status()).isEqualTo("completed");
    }
    assertThat(renditions.forImage(bad.id())).isEmpty();
    assertThat(outbound.has("job.failed", bad.id())).isTrue();
    assertThat(outbound.has("rendition.ready", bad.id())).isFalse();
  }

  @Test
  void unreachableOriginIsRetriedThenDeadLetteredWithTheReason() throws Exception {
    try (KafkaConsumer<String, String> dlt = deadLetterConsumer()) {
      sink.accept(event("evt-503", "asset-503", origin.origin() + "/unavailable", null, "sku-503", null));
      ProductImage failed = awaitFinished("dam", "asset-503");
      assertThat(failed.status()).isEqualTo("failed");
      assertThat(failed.errorCode()).isEqualTo("fetch_failed");
      assertThat(failed.errorReason()).contains("gave up after retries").contains("503");
      assertThat(origin.failingHits.get()).isEqualTo(2); // ENHANCER_JOB_MAX_ATTEMPTS=2

      ConsumerRecord<String, String> dead = Await.until(Duration.ofSeconds(20), "dead letter", () -> {
        for (ConsumerRecord<String, String> r : dlt.poll(Duration.ofMillis(200))) {
          if (r.key().equals(failed.id().toString())) return r;
        }
        return null;
      });
      String reason = new String(dead.headers().lastHeader("kafka_dlt-exception-message").value());
      assertThat(reason).contains("503");
    }
  }

  @Test
  void droppedInboxFileIsRegisteredAndEnhanced() throws Exception {
    Path photo = TestInfra.productPhotos(6).get(5);
    Path tmp = Files.createTempFile(dataDir, "drop", ".tmp");
    Files.copy(photo, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(tmp, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(5)));
    Files.move(tmp, store.inbox().resolve("dropped shelf photo.jpg"));

    ProductImage done = Await.until(Duration.ofSeconds(30), "inbox image enhanced", () -> images.search(
            new io.enhancer.connector.images.ImageFilter(null, null, "completed", null, 500, 0)).stream()
        .filter(i -> i.source().equals("local") && i.assetId().contains("dropped_shelf_photo")).findFirst().orElse(null));
    assertThat(Files.list(store.inbox()).count()).isZero();
    assertThat(Files.exists(store.originals().resolve(done.damReference()))).isTrue();
    assertThat(renditions.forImage(done.id())).hasSize(1);
  }

  // ---------------------------------------------------------------- REST API

  @Test
  void importThenBatchRunsToCompletionWithProgress() throws Exception {
    List<Path> photos = TestInfra.productPhotos(10).subList(6, 9);
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < photos.size(); i++) {
      rows.append("{\"sku_id\":\"sku-imp-").append(i).append("\",\"product_group_id\":\"group-imp\",\"image_url\":\"")
          .append(origin.serve("imp-" + i + ".jpg", photos.get(i))).append("\",\"image_type\":\"primary\"},");
    }
    rows.append("{\"sku_id\":\"sku-imp-x\",\"product_group_id\":\"group-imp\",\"image_url\":\"file:///etc/passwd\"},");
    rows.append("{\"sku_id\":\"sku-imp-y\",\"product_group_id\":\"group-imp\",\"image_url\":\"https://evil.example/a.jpg\"}");
    JsonNode report = body(send(post("/api/v1/import", "{\"images\":[" + rows + "]}", integrationKey)), 200);
    assertThat(report.get("imported").asInt()).isEqualTo(3);
    assertThat(report.get("failed").asInt()).isEqualTo(2);
    assertThat(report.get("errors").get(0).get("row").asInt()).isEqualTo(4);
    assertThat(report.get("errors").get(0).get("error").asString()).isEqualTo("scheme_not_allowed");
    assertThat(report.get("errors").get(1).get("error").asString()).isEqualTo("origin_not_allowed");

    JsonNode created = body(send(post("/api/v1/batch",
        "{\"product_group_id\":\"group-imp\",\"mode\":\"auto\",\"remove_background\":false,\"format\":\"png\"}",
        integrationKey)), 202);
    String jobId = created.get("job_id").asString();
    assertThat(created.get("total").asInt()).isEqualTo(3);

    JsonNode progress = Await.until(Duration.ofSeconds(60), "batch done", () -> {
      JsonNode p = body(send(get("/api/v1/batch/" + jobId, integrationKey)), 200);
      return p.get("progress").asDouble() >= 100 ? p : null;
    });
    assertThat(progress.get("status").asString()).isEqualTo("completed");
    assertThat(progress.get("completed").asInt()).isEqualTo(3);
    assertThat(progress.get("failed").asInt()).isZero();

    JsonNode page = body(send(get("/api/v1/images?product_group_id=group-imp&status=completed&limit=2", reviewerKey)), 200);
    assertThat(page.get("total").asInt()).isEqualTo(3);
    assertThat(page.get("items").size()).isEqualTo(2);
    JsonNode first = page.get("items").get(0);
    assertThat(first.get("enhanced_image_url").asString()).contains("/renditions/");
    HttpResponse<byte[]> png = http.send(get(first.get("enhanced_image_url").asString(), integrationKey),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.headers().firstValue("Content-Type")).hasValue(ImageSignature.mediaType(png.body()));
    JsonNode detail = body(send(get("/api/v1/images/" + first.get("id").asLong(), reviewerKey)), 200);
    assertThat(detail.get("metrics").get(0).get("report").get("output").get("format").asString())
        .as("batch options reach the engine").isEqualTo("png");
  }

  @Test
  void failedBatchItemsCanBeRetriedOnceTheOriginServesThem() throws Exception {
    String missingUrl = origin.origin() + "/img/late.jpg"; // 404 until served: a failure retrying will not fix
    body(send(post("/api/v1/import", "{\"images\":[{\"sku_id\":\"sku-late\",\"image_url\":\"" + missingUrl
        + "\"}]}", integrationKey)), 200);
    String jobId = body(send(post("/api/v1/batch", "{\"sku_id\":\"sku-late\"}", integrationKey)), 202)
        .get("job_id").asString();
    JsonNode failed = Await.until(Duration.ofSeconds(45), "batch failed", () -> {
      JsonNode p = body(send(get("/api/v1/batch/" + jobId, integrationKey)), 200);
      return p.get("progress").asDouble() >= 100 ? p : null;
    });
    assertThat(failed.get("status").asString()).isEqualTo("completed_with_failures");
    assertThat(failed.get("failures").get(0).get("error").asString()).contains("fetch_failed").contains("404");

    origin.serve("late.jpg", TestInfra.productPhotos(12).get(11));
    JsonNode retried = body(send(post("/api/v1/batch/" + jobId + "/retry-failed", "", integrationKey)), 202);
    assertThat(retried.get("requeued").asInt()).isEqualTo(1);
    JsonNode done = Await.until(Duration.ofSeconds(45), "batch retried", () -> {
      JsonNode p = body(send(get("/api/v1/batch/" + jobId, integrationKey)), 200);
      return p.get("status").asString().equals("completed") ? p : null;
    });
    assertThat(done.get("completed").asInt()).isEqualTo(1);
    assertThat(done.get("failed").asInt()).isZero();
  }

  @Test
  void importCommandReportsRejectedRowsByNumberAndImportsTheRest() throws Exception {
    var rows = List.of(
        new io.enhancer.connector.importing.ImportRow("sku-cli-1", origin.origin() + "/img/cli-1.jpg", "group-cli", null),
        new io.enhancer.connector.importing.ImportRow("sku-cli-2", "ftp://files.example/2.jpg", "group-cli", null),
        new io.enhancer.connector.importing.ImportRow(null, origin.origin() + "/img/cli-3.jpg", "group-cli", null));
    var out = new java.io.ByteArrayOutputStream();
    var command = new io.enhancer.connector.importing.ImportCommand(new java.io.PrintStream(out, true),
        new java.io.PrintStream(new java.io.ByteArrayOutputStream()));
    int rejected = command.run(rows, false, importService);
    assertThat(rejected).isEqualTo(2);
    assertThat(out.toString()).contains("row 2: scheme_not_allowed").contains("row 3: invalid_row: sku_id is required")
        .contains("imported 1 of 3 rows, 2 rejected");
    assertThat(images.findByAsset("import", io.enhancer.connector.importing.ImportAssetId.of("sku-cli-1",
        origin.origin() + "/img/cli-1.jpg")).status()).isEqualTo("pending");
  }

  @Test
  void reviewerApprovesFromTheQueueAndEditorRevertsToTheOriginal() throws Exception {
    sink.accept(event("evt-qc", "asset-qc", null, placeOriginal("qc", TestInfra.productPhotos(11).get(10)), "sku-qc", null));
    ProductImage done = awaitFinished("dam", "asset-qc");

    JsonNode pending = body(send(get("/api/v1/qc/pending?limit=500", reviewerKey)), 200);
    assertThat(pending.get("items").findValuesAsString("id")).contains(done.id().toString());

    JsonNode decision = body(send(post("/api/v1/qc/" + done.id() + "/review",
        "{\"status\":\"approved\",\"reviewer_id\":\"rita\",\"notes\":\"<b>crisp</b> label\"}", reviewerKey)), 200);
    assertThat(decision.get("qc_status").asString()).isEqualTo("approved");
    assertThat(outbound.has("qc.approved", done.id())).isTrue();

    JsonNode detail = body(send(get("/api/v1/images/" + done.id(), reviewerKey)), 200);
    assertThat(detail.get("image").get("qc_status").asString()).isEqualTo("approved");
    assertThat(detail.get("review_history").get(0).get("notes").asString()).isEqualTo("<b>crisp</b> label");
    assertThat(detail.get("metrics").get(0).get("report").get("qc_score").asDouble()).isBetween(0.0, 100.0);

    JsonNode reverted = body(send(put("/api/v1/images/" + done.id() + "/renditions",
        "{\"selected_rendition_id\":null}", reviewerKey)), 200);
    assertThat(reverted.get("selected_rendition_id")).isNull();
    assertThat(images.find(done.id()).enhancedImageUrl()).isNull();
    assertThat(renditions.forImage(done.id())).allMatch(r -> !r.selected());
  }

  @Test
  void apiAnswersUnauthorisedForbiddenAndNamedErrorsAsJson() throws Exception {
    HttpResponse<String> none = send(HttpRequest.newBuilder(uri("/api/v1/images")).GET().build());
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(json.readTree(none.body()).get("error").asString()).isEqualTo("unauthorized");
    assertThat(send(get("/api/v1/images", "wrong-key")).statusCode()).isEqualTo(401);

    HttpResponse<String> forbidden = send(post("/api/v1/batch", "{\"sku_id\":\"x\"}", reviewerKey));
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(json.readTree(forbidden.body()).get("error").asString()).isEqualTo("forbidden");
    assertThat(send(post("/api/v1/configs", "{\"name\":\"p\"}", integrationKey)).statusCode()).isEqualTo(403);

    JsonNode unknownOption = body(send(post("/api/v1/batch", "{\"sku_id\":\"sku-flow\",\"sharpen_hard\":true}",
        integrationKey)), 400);
    assertThat(unknownOption.get("error").asString()).isEqualTo("invalid_options");
    assertThat(unknownOption.get("message").asString()).contains("sharpen_hard");

    JsonNode missing = body(send(get("/api/v1/images/999999", ADMIN_KEY)), 404);
    assertThat(missing.get("error").asString()).isEqualTo("not_found");
    JsonNode badJson = body(send(post("/api/v1/import", "{not json", integrationKey)), 400);
    assertThat(badJson.get("error").asString()).isEqualTo("invalid_json");
    assertThat(badJson.toString()).doesNotContain("Exception").doesNotContain("\tat ");

    HttpResponse<String> health = send(get("/actuator/health", ADMIN_KEY)); // details: operators only
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    JsonNode components = json.readTree(health.body()).get("components");
    assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
    assertThat(components.get("kafka").get("status").asString()).isEqualTo("UP");
    assertThat(components.get("liveStatus").get("details").get("store").asString()).isEqualTo("redis");
    HttpResponse<String> readiness = send(get("/actuator/health/readiness", ADMIN_KEY));
    assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
    assertThat(json.readTree(readiness.body()).get("components").propertyNames())
        .as("readiness waits for what a request needs").contains("db", "kafka", "liveStatus", "models");
    HttpResponse<String> liveness = send(HttpRequest.newBuilder(uri("/actuator/health/liveness")).GET().build());
    assertThat(liveness.statusCode()).isEqualTo(200);
    assertThat(liveness.body()).as("a broker restart must not restart workers").doesNotContain("kafka");
    HttpResponse<String> openApi = send(HttpRequest.newBuilder(uri("/docs/openapi.json")).GET().build());
    assertThat(openApi.statusCode()).isEqualTo(200);
    assertThat(openApi.body()).contains("/api/v1/batch").contains("/api/v1/enhance/upload");
    assertThat(send(get("/actuator/prometheus", reviewerKey)).statusCode()).isEqualTo(403);
    HttpResponse<String> metrics = send(get("/actuator/prometheus", ADMIN_KEY));
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("enhancer_jobs_total").contains("enhancer_images{status=\"completed\"}")
        .contains("enhancer_step_seconds_count{step=\"decode\"}");
  }

  @Test
  void presetsAreValidatedAndStored() throws Exception {
    JsonNode created = body(send(post("/api/v1/configs",
        "{\"name\":\"apparel-white\",\"category\":\"apparel\",\"options\":{\"mode\":\"full\",\"background\":\"#F5F5F5\",\"fill\":0.8}}",
        ADMIN_KEY)), 201);
    assertThat(created.get("options").get("background").asString()).isEqualTo("#F5F5F5");
    JsonNode invalid = body(send(post("/api/v1/configs", "{\"name\":\"bad\",\"options\":{\"fill\":3}}", ADMIN_KEY)), 400);
    assertThat(invalid.get("message").asString()).contains("fill");
    body(send(post("/api/v1/configs", "{\"name\":\"apparel-white\",\"options\":{}}", ADMIN_KEY)), 409);
    JsonNode list = body(send(get("/api/v1/configs", reviewerKey)), 200);
    assertThat(list.findValuesAsString("name")).contains("apparel-white");
  }

  @Test
  void uploadAnswersTheImageOrJsonWithTheReport() throws Exception {
    byte[] photo = Files.readAllBytes(TestInfra.productPhotos(1).get(0));
    String boundary = "b" + UUID.randomUUID();
    byte[] multipart = multipart(boundary, photo, "mode", "optimize", "format", "webp", "canvas", "800x800");
    HttpResponse<byte[]> image = http.send(HttpRequest.newBuilder(uri("/api/v1/enhance/upload"))
        .header("Authorization", "Bearer " + integrationKey)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.headers().firstValue("Content-Type")).hasValue(ImageSignature.mediaType(image.body()));
    assertThat(image.body().length).isGreaterThan(500);

    HttpResponse<String> asJson = send(HttpRequest.newBuilder(uri("/api/v1/enhance/upload?response=json"))
        .header("Authorization", "Bearer " + integrationKey)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart)).build());
    JsonNode report = body(asJson, 200).get("report");
    assertThat(report.get("mode").asString()).isEqualTo("optimize");
    assertThat(report.get("output").get("format").asString()).isEqualTo("webp");
    assertThat(report.get("output").get("width").asInt()).isPositive();

    HttpResponse<String> notImage = send(HttpRequest.newBuilder(uri("/api/v1/enhance/upload"))
        .header("Authorization", "Bearer " + integrationKey)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, "hello".getBytes())))
        .build());
    assertThat(body(notImage, 422).get("error").asString()).isEqualTo("invalid_image");

    HttpResponse<String> refused = send(post("/api/v1/enhance/url",
        "{\"image_url\":\"" + origin.origin() + "/to-elsewhere\"}", integrationKey));
    assertThat(body(refused, 422).get("error").asString()).isEqualTo("origin_not_allowed");
  }

  @Test
  void labelGuardIsInEveryReportOfRestAndJobsUnlessTurnedOff() throws Exception {
    byte[] photo = Files.readAllBytes(TestInfra.productPhotos(1).get(0));
    String boundary = "b" + UUID.randomUUID();
    JsonNode guarded = body(send(HttpRequest.newBuilder(uri("/api/v1/enhance/upload?response=json"))
        .header("Authorization", "Bearer " + integrationKey)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, photo, "mode", "full", "canvas", "600x600")))
        .build()), 200).get("report");
    assertThat(guarded.has("label_guard")).as(guarded.toString()).isTrue();
    assertThat(guarded.get("label_guard").get("verdict").asString()).isNotBlank();

    JsonNode optedOut = body(send(HttpRequest.newBuilder(uri("/api/v1/enhance/upload?response=json"))
        .header("Authorization", "Bearer " + integrationKey)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, photo, "mode", "full", "canvas", "600x600",
            "label_guard", "false")))
        .build()), 200).get("report");
    assertThat(optedOut.has("label_guard")).isFalse();

    JsonNode bad = body(send(HttpRequest.newBuilder(uri("/api/v1/enhance/upload"))
        .header("Authorization", "Bearer " + integrationKey)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, photo, "label_guard", "sometimes")))
        .build()), 400);
    assertThat(bad.get("message").asString()).contains("label_guard");

    // A job from a DAM event: the worker's report carries the guard too.
    String reference = placeOriginal("guarded", TestInfra.productPhotos(2).get(1));
    sink.accept(event("evt-guard-1", "asset-guard", null, reference, "sku-guard", "group-guard"));
    ProductImage done = awaitFinished("dam", "asset-guard");
    assertThat(done.status()).isEqualTo("completed");
    JsonNode report = body(send(get("/api/v1/images/" + done.id(), reviewerKey)), 200).get("metrics").get(0).get("report");
    assertThat(report.has("label_guard")).as(report.toString()).isTrue();
    assertThat(report.get("label_guard").get("verdict").asString()).isNotBlank();
  }

  // ---------------------------------------------------------------- helpers

  private String placeOriginal(String name, Path photo) throws IOException {
    Path target = store.originals().resolve("shop/" + name + ".jpg");
    Files.createDirectories(target.getParent());
    Files.copy(photo, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return "shop/" + name + ".jpg";
  }

  private static AssetEvent event(String id, String assetId, String url, String reference, String sku, String group) {
    return new AssetEvent(id, "dam", "asset.uploaded", assetId, url, reference, sku, group, "primary", Instant.now());
  }

  private ProductImage awaitFinished(String source, String assetId) {
    return Await.until(Duration.ofSeconds(45), assetId + " finished", () -> {
      ProductImage i = images.findByAsset(source, assetId);
      return i != null && (i.status().equals("completed") || i.status().equals("failed")) ? i : null;
    });
  }

  private double counter(String outcome) {
    var c = meters.find("enhancer.jobs").tag("outcome", outcome).counter();
    return c == null ? 0 : c.count();
  }

  private KafkaConsumer<String, String> deadLetterConsumer() {
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(java.util.Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrap(),
        ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
    consumer.subscribe(List.of(DLT));
    return consumer;
  }

  private static byte[] sha256(byte[] bytes) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }

  private URI uri(String pathOrUrl) {
    return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : "http://127.0.0.1:" + port + pathOrUrl);
  }

  private HttpRequest get(String path, String key) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key).GET().build();
  }

  private HttpRequest post(String path, String body, String key) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private HttpRequest put(String path, String body, String key) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private JsonNode body(HttpResponse<String> response, int expectedStatus) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return json.readTree(response.body());
  }

  private static byte[] multipart(String boundary, byte[] file, String... fields) {
    var out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < fields.length; i += 2) {
      out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
          + fields[i + 1] + "\r\n").getBytes());
    }
    out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.jpg\"\r\n"
        + "Content-Type: image/jpeg\r\n\r\n").getBytes());
    out.writeBytes(file);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes());
    return out.toByteArray();
  }
}
