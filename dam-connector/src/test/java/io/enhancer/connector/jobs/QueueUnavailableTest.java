package io.enhancer.connector.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.connector.TestInfra;
import io.enhancer.connector.images.CatalogRegistry;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broker is gone (nothing listens on its port): queueing must answer 503 queue_unavailable within the producer's
 * bounds, and leave no image pending behind a task no worker will ever get.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.kafka.listener.auto-startup=false",
    "spring.kafka.admin.auto-create=false",
    "spring.kafka.producer.properties.max.block.ms=1500"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class QueueUnavailableTest {
  static final String ADMIN_KEY = "test-admin-" + UUID.randomUUID();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    Path dataDir = Files.createTempDirectory("enhancer-no-kafka");
    String schema = TestInfra.freshSchema(QueueUnavailableTest.class);
    r.add("MYSQL_HOST", () -> TestInfra.MARIADB_HOST);
    r.add("MYSQL_DATABASE", () -> schema);
    r.add("KAFKA_BOOTSTRAP_SERVERS", () -> "127.0.0.1:" + deadPort);
    r.add("ENHANCER_DATA_DIR", dataDir::toString);
    r.add("ENHANCER_ADMIN_KEY", () -> ADMIN_KEY);
    r.add("enhancer.jobs.topic", () -> "enhancer.jobs.nokafka");
  }

  @LocalServerPort int port;
  @Autowired CatalogRegistry catalog;
  @Autowired ImageMapper images;
  @Autowired JsonMapper json;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aBatchWhileKafkaIsDownAnswers503AndFailsItsImagesWithTheReason() throws Exception {
    String sku = "SKU-NOKAFKA-" + UUID.randomUUID();
    long first = register(sku, "a").id();
    long second = register(sku, "b").id();
    long third = register(sku, "c").id();

    long started = System.nanoTime();
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/api/v1/batch")).header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"sku_id\":\"" + sku + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    double seconds = (System.nanoTime() - started) / 1e9;

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After")).isPresent();
    JsonNode body = json.readTree(answer.body());
    assertThat(body.get("error").asString()).isEqualTo("queue_unavailable");
    assertThat(body.get("message").asString()).contains("retry-failed").doesNotContain("Exception\n");
    assertThat(seconds).as("one bounded wait for the broker, not one per image").isLessThan(12);

    // The first image of the batch was tried and failed with the reason; the others were never sent to Kafka.
    java.util.List<ProductImage> rows = java.util.stream.Stream.of(first, second, third).map(images::find).toList();
    java.util.List<ProductImage> tried = rows.stream().filter(i -> "failed".equals(i.status())).toList();
    assertThat(tried).as("exactly the one image that was tried, not left pending behind a task Kafka never got")
        .hasSize(1);
    assertThat(tried.get(0).errorCode()).isEqualTo("queue_unavailable");
    assertThat(tried.get(0).errorReason()).contains("enhancer.jobs.nokafka");
    assertThat(rows).filteredOn(i -> i != tried.get(0)).allSatisfy(i -> assertThat(i.currentTaskId()).isNull());

    String batchId = body.get("message").asString().replaceAll("^batch ([0-9a-f-]{36}).*$", "$1");
    JsonNode progress = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/api/v1/batch/" + batchId)).header("Authorization", "Bearer " + ADMIN_KEY).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body());
    assertThat(progress.get("total").asInt()).isEqualTo(3);
    assertThat(progress.get("failed").asInt()).as("every image of the batch is accounted for").isEqualTo(3);
    assertThat(progress.get("status").asString()).isEqualTo("completed_with_failures");
  }

  private ProductImage register(String sku, String asset) {
    return catalog.register(new CatalogRegistry.NewImage("test", sku + "-" + asset, sku, null, "photo",
        "https://origin.example/" + asset + ".jpg", null));
  }
}
