package io.enhancer.connector.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.connector.Await;
import io.enhancer.connector.TestInfra;
import io.enhancer.connector.config.EmbeddedKraftBroker;
import io.enhancer.connector.images.CatalogRegistry;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.webhooks.signing.PayloadSigner;
import io.enhancer.webhooks.signing.WebhookSecret;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kafka is down when work arrives (nothing listens on its port yet): a signed webhook and a batch are still accepted
 * (202) at once, their images point at their tasks, and the tasks wait as outbox rows; once a broker comes up on that
 * port the relay publishes each task once, and it is the task its image points at. Real MariaDB, real HTTP, the
 * service's own KRaft broker started mid-test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.kafka.listener.auto-startup=false",
    "spring.kafka.admin.auto-create=false",
    "spring.kafka.producer.properties.max.block.ms=1500",
    "ENHANCER_OUTBOX_RETRY_MAX=2s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BrokerDownAtIntakeTest {
  static final String ADMIN_KEY = "test-admin-" + UUID.randomUUID();
  static final String SECRET = "whsec_broker_down_secret_0001";
  static final String TOPIC = "enhancer.jobs.brokerdown." + UUID.randomUUID();
  static int brokerPort;
  static EmbeddedKraftBroker broker;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) throws Exception {
    brokerPort = freePortPair();
    Path dataDir = Files.createTempDirectory("enhancer-broker-down");
    String schema = TestInfra.freshSchema(BrokerDownAtIntakeTest.class);
    r.add("MYSQL_HOST", () -> TestInfra.MARIADB_HOST);
    r.add("MYSQL_DATABASE", () -> schema);
    r.add("KAFKA_BOOTSTRAP_SERVERS", () -> "127.0.0.1:" + brokerPort);
    r.add("ENHANCER_DATA_DIR", dataDir::toString);
    r.add("ENHANCER_ADMIN_KEY", () -> ADMIN_KEY);
    r.add("WEBHOOK_SECRET", () -> SECRET);
    r.add("enhancer.jobs.topic", () -> TOPIC);
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) broker.close();
  }

  /** A port whose next one is free too: the broker listens on it, its controller on the next. */
  private static int freePortPair() throws Exception {
    for (int i = 0; i < 50; i++) {
      try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(a.getLocalPort() + 1)) {
        return a.getLocalPort();
      } catch (java.io.IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no two adjacent free ports");
  }

  @LocalServerPort int port;
  @Autowired CatalogRegistry catalog;
  @Autowired ImageMapper images;
  @Autowired OutboxStore outbox;
  @Autowired JsonMapper json;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void webhookAndBatchAreAcceptedWhileKafkaIsDownAndEachTaskIsPublishedOnceTheBrokerIsBack() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    byte[] body = ("{\"event_id\":\"evt-down-" + run + "\",\"event\":\"asset.uploaded\",\"asset\":{\"id\":\"down-" + run
        + "\",\"url\":\"https://origin.example/down.jpg\",\"sku_id\":\"SKU-DOWN-" + run + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
    long started = System.nanoTime();
    HttpResponse<String> webhook = http.send(HttpRequest.newBuilder(uri("/webhooks/generic"))
        .header("Content-Type", "application/json")
        .header(PayloadSigner.SIGNATURE_HEADER, new PayloadSigner(WebhookSecret.of(SECRET), Clock.systemUTC())
            .signatureHeader(body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(webhook.statusCode()).as(webhook.body()).isEqualTo(202);
    assertThat(seconds).as("answered without waiting for the broker").isLessThan(5);

    String sku = "SKU-BATCH-DOWN-" + run;
    for (String asset : List.of("a", "b")) {
      catalog.register(new CatalogRegistry.NewImage("test", sku + "-" + asset, sku, null, "photo",
          "https://origin.example/" + asset + ".jpg", null));
    }
    HttpResponse<String> batch = http.send(HttpRequest.newBuilder(uri("/api/v1/batch"))
        .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"sku_id\":\"" + sku + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(batch.statusCode()).as(batch.body()).isEqualTo(202);
    assertThat(json.readTree(batch.body()).get("total").asInt()).isEqualTo(2);

    List<ProductImage> queued = new ArrayList<>(List.of(images.findByAsset("generic", "down-" + run),
        images.findByAsset("test", sku + "-a"), images.findByAsset("test", sku + "-b")));
    assertThat(queued).allSatisfy(i -> {
      assertThat(i.status()).isEqualTo("pending");
      assertThat(i.currentTaskId()).isNotNull();
    });
    Thread.sleep(3000); // several relay passes against the missing broker
    assertThat(outbox.count(OutboxStore.PENDING)).as("the tasks wait in the outbox").isEqualTo(3);
    assertThat(outbox.count(OutboxStore.DEAD)).as("an unreachable broker kills no row").isZero();

    // the service's own single-node KRaft broker (the one embedded defaults run), on the port the service was given
    broker = new EmbeddedKraftBroker(Files.createTempDirectory("enhancer-late-broker"), brokerPort);
    broker.start();
    Await.until(Duration.ofSeconds(60), "the outbox drained into the new broker",
        () -> outbox.count(OutboxStore.SENT) == 3 && outbox.count(OutboxStore.PENDING) == 0);

    Set<String> published = consume(3).stream().map(r -> json.readTree(r.value()).get("task_id").asString())
        .collect(Collectors.toSet());
    assertThat(published).as("each task once, and the one its image points at")
        .containsExactlyInAnyOrderElementsOf(queued.stream().map(ProductImage::currentTaskId).toList());
  }

  private List<ConsumerRecord<String, String>> consume(int expected) {
    Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "broker-down-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(TOPIC));
      long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < expected && System.nanoTime() < end) consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      consumer.poll(Duration.ofMillis(500)).forEach(records::add);
    }
    return records;
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
