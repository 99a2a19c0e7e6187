package io.enhancer.connector.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.connector.Await;
import io.enhancer.connector.TestInfra;
import io.enhancer.connector.dam.LocalFolderAssetStore;
import io.enhancer.connector.images.CatalogRegistry;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.presets.ResolvedOptions;
import io.enhancer.connector.renditions.Rendition;
import io.enhancer.connector.renditions.RenditionMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs run the options they were queued with (MariaDB, the KRaft broker in the JVM, the engine, the local DAM): a
 * preset edited while its batch waits changes none of its images, a task in a form this version cannot read fails
 * with the reason, and a task queued by the previous version (no resolved options) still runs. The worker starts
 * only when a test starts it, so work can wait in Kafka. Presets use mode optimize without cut-out or OCR: quick.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.kafka.listener.auto-startup=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class QueuedJobsKeepTheirOptionsTest {
  static final String ADMIN_KEY = "test-admin-" + UUID.randomUUID();
  static final String TOPIC = "enhancer.jobs.snapshot";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) throws IOException {
    Path dataDir = Files.createTempDirectory("enhancer-snapshot");
    String schema = TestInfra.freshSchema(QueuedJobsKeepTheirOptionsTest.class);
    r.add("MYSQL_HOST", () -> TestInfra.MARIADB_HOST);
    r.add("MYSQL_DATABASE", () -> schema);
    r.add("KAFKA_BOOTSTRAP_SERVERS", TestInfra::kafkaBootstrap);
    r.add("ENHANCER_DATA_DIR", dataDir::toString);
    r.add("ENHANCER_ADMIN_KEY", () -> ADMIN_KEY);
    r.add("ENHANCER_JOB_MAX_ATTEMPTS", () -> "1");
    r.add("ENHANCER_JOB_PARTITIONS", () -> "1");
    r.add("enhancer.jobs.topic", () -> TOPIC);
    r.add("enhancer.jobs.dead-letter-topic", () -> TOPIC + ".dlt");
    r.add("spring.kafka.consumer.group-id", () -> "enhancer-workers-snapshot");
    r.add("spring.kafka.listener.concurrency", () -> "1");
  }

  @LocalServerPort int port;
  @Autowired CatalogRegistry catalog;
  @Autowired ImageMapper images;
  @Autowired RenditionMapper renditions;
  @Autowired BatchMapper batches;
  @Autowired LocalFolderAssetStore store;
  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired KafkaListenerEndpointRegistry listeners;
  @Autowired JsonMapper json;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aPresetEditedWhileItsBatchWaitsChangesNoImageOfItAndTheJobNamesTheVersionItRan() throws Exception {
    stopWorker();
    JsonNode v1 = body(send("POST", "/api/v1/configs", "{\"name\":\"snap-p\",\"options\":" + quick("400x400", 70)
        + "}"), 201);
    assertThat(v1.get("version").asInt()).isEqualTo(1);
    long first = image("SKU-SNAP", "a", 0).id();
    long second = image("SKU-SNAP", "b", 1).id();

    String jobId = body(send("POST", "/api/v1/batch", "{\"sku_id\":\"SKU-SNAP\",\"preset\":\"snap-p\"}"), 202)
        .get("job_id").asString();
    JsonNode v2 = body(send("PUT", "/api/v1/configs/" + v1.get("id").asLong(),
        "{\"name\":\"snap-p\",\"options\":" + quick("640x480", 95) + "}"), 200);
    assertThat(v2.get("version").asInt()).as("every update is a new version").isEqualTo(2);

    startWorker();
    JsonNode done = Await.until(Duration.ofSeconds(30), "batch done", () -> {
      JsonNode p = body(send("GET", "/api/v1/batch/" + jobId, null), 200);
      return p.get("queued").asInt() == 0 ? p : null;
    });
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("completed");
    assertThat(done.get("preset").asString()).isEqualTo("snap-p");
    assertThat(done.get("preset_version").asInt()).as("the version the batch was queued with").isEqualTo(1);
    assertThat(done.get("presets").get(0).get("images").asInt()).isEqualTo(2);
    for (long imageId : List.of(first, second)) {
      Rendition r = renditions.forImage(imageId).get(0);
      assertThat(List.of(r.width(), r.height())).as("canvas of version 1, not version 2's 640x480")
          .containsExactly(400, 400);
      assertThat(r.preset()).isEqualTo("snap-p");
      assertThat(r.presetVersion()).as("the rendition names the version too").isEqualTo(1);
    }
  }

  @Test
  void aTaskInAnOptionsFormThisVersionCannotReadFailsItsItemNamingTheForm() throws Exception {
    startWorker();
    ProductImage image = image("SKU-SNAP-FUTURE", "a", 2);
    String jobId = UUID.randomUUID().toString();
    String taskId = UUID.randomUUID().toString();
    Instant now = Instant.now();
    batches.insert(new BatchJob(jobId, "running", 1, "{}", null, now, now));
    batches.insertItem(jobId, image.id(), taskId, null, null, null, now);
    images.assignTask(image.id(), taskId, now);
    // As a later version might write it: a form 2 whose options mean something this version does not know.
    EnhancementTask future = new EnhancementTask(taskId, image.id(), jobId, null, Map.of(), now,
        new ResolvedOptions(2, Map.of("mode", "optimize", "canvas", "400x400"), null, null));
    kafka.send(TOPIC, image.id().toString(), json.writeValueAsString(future)).get();

    JsonNode done = Await.until(Duration.ofSeconds(30), "item failed", () -> {
      JsonNode p = body(send("GET", "/api/v1/batch/" + jobId, null), 200);
      return p.get("failed").asInt() == 1 ? p : null;
    });
    String reason = done.get("failures").get(0).get("error").asString();
    assertThat(reason).startsWith("unreadable_task").contains("form v2").contains("reads v1 only");
    ProductImage failed = images.find(image.id());
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.errorCode()).isEqualTo("unreadable_task");
    assertThat(renditions.forImage(image.id())).as("not run with guessed options").isEmpty();
  }

  @Test
  void tasksQueuedBeforeTasksCarriedOptionsStillRunWithTheirPresetReadNowAndOneLineSaysSo(CapturedOutput output)
      throws Exception {
    startWorker();
    body(send("POST", "/api/v1/configs", "{\"name\":\"snap-old\",\"options\":" + quick("320x240", 80) + "}"), 201);
    int mark = output.getOut().length();
    List<ProductImage> queued = List.of(image("SKU-SNAP-OLD", "a", 3), image("SKU-SNAP-OLD", "b", 4));
    for (ProductImage image : queued) {
      String taskId = UUID.randomUUID().toString();
      images.assignTask(image.id(), taskId, Instant.now());
      // The message the previous version wrote: preset name and request, no "resolved".
      String old = json.writeValueAsString(new EnhancementTask(taskId, image.id(), null, "snap-old",
          Map.of("quality", 75), Instant.now(), null));
      assertThat(old).doesNotContain("resolved");
      kafka.send(TOPIC, image.id().toString(), old).get();
    }

    for (ProductImage image : queued) {
      ProductImage done = Await.until(Duration.ofSeconds(30), "old task done", () -> {
        ProductImage i = images.find(image.id());
        return i.status().equals("completed") || i.status().equals("failed") ? i : null;
      });
      assertThat(done.status()).as(String.valueOf(done.errorReason())).isEqualTo("completed");
      Rendition r = renditions.forImage(image.id()).get(0);
      assertThat(List.of(r.width(), r.height())).containsExactly(320, 240);
      assertThat(r.preset()).isEqualTo("snap-old");
      assertThat(r.presetVersion()).as("resolved when it ran, so the version read then").isEqualTo(1);
    }
    String logged = output.getOut().substring(mark);
    assertThat(logged.split("queued without resolved options", -1)).as("logged once, not per task").hasSize(2);
  }

  // ---------------------------------------------------------------- helpers

  /** Options that run in well under a second: no cut-out, no OCR, only the canvas and the encoder. */
  private static String quick(String canvas, int quality) {
    return "{\"mode\":\"optimize\",\"remove_background\":false,\"label_guard\":false,\"canvas\":\"" + canvas
        + "\",\"quality\":" + quality + ",\"format\":\"jpeg\"}";
  }

  private ProductImage image(String sku, String asset, int photo) throws IOException {
    String reference = "shop/" + sku + "-" + asset + ".jpg";
    Path target = store.originals().resolve(reference);
    Files.createDirectories(target.getParent());
    Files.copy(TestInfra.productPhotos(photo + 1).get(photo), target, StandardCopyOption.REPLACE_EXISTING);
    return catalog.register(new CatalogRegistry.NewImage("test", sku + "-" + asset, sku, null, "primary", null,
        reference));
  }

  private MessageListenerContainer worker() {
    return listeners.getListenerContainer("enhancer-worker");
  }

  private void stopWorker() {
    if (worker().isRunning()) worker().stop();
  }

  private void startWorker() {
    if (!worker().isRunning()) worker().start();
    ContainerTestUtils.waitForAssignment(worker(), 1);
  }

  private HttpResponse<String> send(String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + ADMIN_KEY);
    if (body != null) b.header("Content-Type", "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private JsonNode body(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return json.readTree(response.body());
  }
}
