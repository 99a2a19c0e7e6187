package io.enhancer.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.connector.delivery.OutboundEventRecorder;
import io.enhancer.connector.events.OutboundEvent;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.renditions.RenditionMapper;
import io.enhancer.connector.security.ApiKeys;
import io.enhancer.connector.security.Role;
import io.enhancer.webhooks.signing.PayloadSigner;
import io.enhancer.webhooks.signing.SignatureVerifier;
import io.enhancer.webhooks.signing.WebhookSecret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhooks module inside the service, over real HTTP on real components (MariaDB, Redis, the KRaft broker in
 * the JVM, the engine): signed intake at /webhooks/generic through to a rendition and a QC decision, and the
 * outbound rendition.ready reaching a marketplace receiver that fails twice before it accepts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WebhooksEndToEndTest {
  static final String ADMIN_KEY = "test-admin-" + UUID.randomUUID();
  static final String WEBHOOK_SECRET = "whsec_generic_e2e_secret_0001";
  static final String OUTBOUND_SECRET = "whsec_outbound_e2e_secret_0001";
  static LocalOrigin origin;
  static MarketplaceReceiver receiver;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) throws IOException {
    origin = new LocalOrigin();
    receiver = new MarketplaceReceiver(2);
    Path dataDir = Files.createTempDirectory("enhancer-webhooks");
    String schema = TestInfra.freshSchema(WebhooksEndToEndTest.class);
    r.add("MYSQL_HOST", () -> TestInfra.MARIADB_HOST);
    r.add("MYSQL_DATABASE", () -> schema);
    r.add("KAFKA_BOOTSTRAP_SERVERS", TestInfra::kafkaBootstrap);
    r.add("REDIS_URL", () -> TestInfra.REDIS_URL);
    r.add("ENHANCER_REDIS_KEY_PREFIX", () -> "enhancer-wh-" + UUID.randomUUID());
    r.add("ENHANCER_DATA_DIR", dataDir::toString);
    r.add("ENHANCER_ADMIN_KEY", () -> ADMIN_KEY);
    r.add("ENHANCER_ALLOWED_ORIGINS", origin::origin);
    r.add("ENHANCER_ALLOW_PRIVATE_ADDRESSES", () -> "true");
    r.add("ENHANCER_JOB_PARTITIONS", () -> "2");
    r.add("WEBHOOK_SECRET", () -> WEBHOOK_SECRET);
    r.add("ENHANCER_OUTBOUND_WEBHOOKS", () -> "market=" + receiver.url());
    r.add("ENHANCER_OUTBOUND_SECRET", () -> OUTBOUND_SECRET);
    r.add("ENHANCER_OUTBOUND_ALLOW_HTTP", () -> "true");
    r.add("ENHANCER_OUTBOUND_FIRST_RETRY", () -> "200ms");
    r.add("ENHANCER_OUTBOUND_POLL", () -> "100ms");
    r.add("enhancer.jobs.topic", () -> "enhancer.jobs.webhooks");
    r.add("enhancer.jobs.dead-letter-topic", () -> "enhancer.jobs.webhooks.dlt");
    r.add("spring.kafka.consumer.group-id", () -> "enhancer-workers-webhooks");
  }

  @AfterAll
  static void stopServers() {
    origin.close();
    receiver.close();
  }

  @LocalServerPort int port;
  @Autowired ImageMapper images;
  @Autowired RenditionMapper renditions;
  @Autowired ApiKeys keys;
  @Autowired JsonMapper json;
  @Autowired DataSource dataSource;
  @Autowired OutboundEventRecorder outbound;
  @Autowired TransactionTemplate tx;
  final HttpClient http = HttpClient.newHttpClient();
  final SignatureVerifier marketplaceVerifier = new SignatureVerifier(List.of(WebhookSecret.of(OUTBOUND_SECRET)),
      Duration.ofMinutes(5), Clock.systemUTC());

  @Test
  void signedWebhookBecomesRenditionWithQcDecisionAndTheMarketplaceGetsSignedRenditionReadyAfterTwoFailures()
      throws Exception {
    String url = origin.serve("webhook-1.jpg", TestInfra.productPhotos(1).get(0));
    byte[] body = genericEvent("evt-wh-1", "asset-wh-1", url);
    Map<String, Double> countsBefore = webhookCounts();

    HttpResponse<String> accepted = webhook("generic", body, sign(WEBHOOK_SECRET, body));
    JsonNode answer = json(accepted, 202);
    assertThat(answer.get("accepted").asInt()).isEqualTo(1);
    assertThat(answer.get("event_ids").get(0).asString()).isEqualTo("evt-wh-1");

    ProductImage done = Await.until(Duration.ofSeconds(60), "webhook image enhanced", () -> {
      ProductImage i = images.findByAsset("generic", "asset-wh-1");
      return i != null && i.status().equals("completed") ? i : null;
    });
    assertThat(done.skuId()).isEqualTo("SKU-WH-1");
    assertThat(done.qcStatus()).isIn("auto_approved", "needs_review");
    assertThat(done.qcScore()).isBetween(0.0, 100.0);
    assertThat(renditions.forImage(done.id())).hasSize(1);

    // the marketplace: 500, 500, then 200 for the same delivery id and the same bytes, each validly signed
    MarketplaceReceiver.Received delivered = Await.until(Duration.ofSeconds(30), "rendition.ready accepted", () ->
        receiver.requests.stream().filter(r -> r.answered() == 200 && "rendition.ready".equals(r.eventType())
            && json.readTree(r.body()).get("data").get("image_id").asLong() == done.id()).findFirst().orElse(null));
    List<MarketplaceReceiver.Received> tries = receiver.of(delivered.deliveryId());
    assertThat(tries).extracting(MarketplaceReceiver.Received::answered).containsExactly(500, 500, 200);
    for (MarketplaceReceiver.Received r : tries) {
      marketplaceVerifier.verify(r.signature(), r.body());
      assertThat(r.body()).isEqualTo(delivered.body());
    }
    JsonNode envelope = json.readTree(delivered.body());
    assertThat(envelope.get("id").asString()).isEqualTo(delivered.deliveryId());
    assertThat(envelope.get("type").asString()).isEqualTo("rendition.ready");
    JsonNode data = envelope.get("data");
    assertThat(data.get("asset_id").asString()).isEqualTo("asset-wh-1");
    assertThat(data.get("qc_status").asString()).isEqualTo(done.qcStatus());
    assertThat(data.get("url").asString()).contains("/renditions/");

    // the admin API: the delivery with its three attempts
    JsonNode item = Await.until(Duration.ofSeconds(10), "delivery listed as delivered", () -> {
      for (JsonNode i : json(send(get("/api/v1/webhooks/deliveries?limit=50", ADMIN_KEY)), 200).get("items")) {
        if (i.get("delivery_id").asString().equals(delivered.deliveryId()) && i.get("status").asString()
            .equals("delivered")) return i;
      }
      return null;
    });
    assertThat(item.get("event_type").asString()).isEqualTo("rendition.ready");
    assertThat(item.get("endpoint").asString()).isEqualTo("market");
    assertThat(item.get("target_url").asString()).isEqualTo(receiver.url());
    assertThat(item.get("attempts").asInt()).isEqualTo(3);
    assertThat(item.get("last_status_code").asInt()).isEqualTo(200);
    assertThat(item.get("last_latency_ms").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(item.get("last_response_excerpt").asString()).isEqualTo("{\"ok\":true}");
    assertThat(item.has("last_error")).isFalse();
    JsonNode detail = json(send(get("/api/v1/webhooks/deliveries/" + item.get("id").asString(), ADMIN_KEY)), 200);
    assertThat(detail.get("attempts").findValues("http_status")).extracting(JsonNode::asInt)
        .containsExactly(500, 500, 200);
    assertThat(detail.get("attempts").get(0).get("outcome").asString()).isEqualTo("http_error");
    assertThat(detail.get("attempts").get(0).get("response_excerpt").asString()).isEqualTo("busy, try later (1)");
    assertThat(detail.get("data").get("image_id").asLong()).isEqualTo(done.id());

    // the same event again (a sender's retry, freshly signed): 200 duplicate, nothing new
    HttpResponse<String> again = webhook("generic", body, sign(WEBHOOK_SECRET, body));
    assertThat(json(again, 200).get("duplicate").asBoolean()).isTrue();
    Thread.sleep(1000); // give a wrongly queued second job the time to show up
    assertThat(renditions.forImage(done.id())).hasSize(1);
    assertThat(images.find(done.id()).currentTaskId()).isEqualTo(done.currentTaskId());
    assertThat(db().queryForObject("SELECT COUNT(*) FROM webhook_events WHERE event_id = 'evt-wh-1'", Integer.class))
        .isEqualTo(1);
    Map<String, Double> counts = webhookCounts();
    for (String outcome : List.of("accepted", "duplicate")) {
      String series = "{outcome=\"" + outcome + "\",source=\"generic\"}";
      assertThat(counts.getOrDefault(series, 0.0) - countsBefore.getOrDefault(series, 0.0)).as(series).isEqualTo(1.0);
    }
  }

  @Test
  void refusesBadWebhooksWithTheirStatusesAndRecordsNothing() throws Exception {
    int eventsBefore = db().queryForObject("SELECT COUNT(*) FROM webhook_events", Integer.class);
    Map<String, Double> countsBefore = webhookCounts();
    byte[] body = genericEvent("evt-bad-1", "asset-bad-1", origin.origin() + "/img/none.jpg");

    HttpResponse<String> wrongSecret = webhook("generic", body, sign("whsec_some_other_secret_9999", body));
    JsonNode refused = json(wrongSecret, 401);
    assertThat(refused.get("error").asString()).isEqualTo("unauthorized");
    assertThat(refused.get("message").asString()).doesNotContain("API key"); // the intake's answer, not the API's

    assertThat(webhook("generic", body, null).statusCode()).isEqualTo(401);
    long stale = Instant.now().minusSeconds(600).getEpochSecond();
    String staleSignature = "t=" + stale + ",v1=" + PayloadSigner.signatureHex(WebhookSecret.of(WEBHOOK_SECRET), stale,
        body);
    assertThat(json(webhook("generic", body, staleSignature), 401).get("message").asString()).contains("300");

    byte[] huge = new byte[1_200_000];
    java.util.Arrays.fill(huge, (byte) ' ');
    HttpResponse<String> oversize = webhook("generic", huge, sign(WEBHOOK_SECRET, huge));
    assertThat(json(oversize, 413).get("error").asString()).isEqualTo("payload_too_large");

    HttpResponse<String> unknown = webhook("shopify", body, sign(WEBHOOK_SECRET, body));
    assertThat(json(unknown, 404).get("error").asString()).isEqualTo("unknown_source");

    byte[] noAsset = "{\"event_id\":\"evt-bad-2\",\"event\":\"asset.uploaded\",\"asset\":{\"url\":\"https://x.example/a.jpg\"}}"
        .getBytes(StandardCharsets.UTF_8);
    JsonNode invalid = json(webhook("generic", noAsset, sign(WEBHOOK_SECRET, noAsset)), 400);
    assertThat(invalid.get("error").asString()).isEqualTo("invalid_payload");
    assertThat(invalid.get("message").asString()).contains("asset.id");

    byte[] deleted = "{\"event_id\":\"evt-bad-3\",\"event\":\"asset.deleted\",\"asset\":{\"id\":\"a\",\"url\":\"https://x.example/a.jpg\"}}"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(json(webhook("generic", deleted, sign(WEBHOOK_SECRET, deleted)), 202).has("ignored")).isTrue();

    HttpResponse<String> get = send(HttpRequest.newBuilder(uri("/webhooks/generic")).GET().build());
    assertThat(get.statusCode()).isEqualTo(405);

    assertThat(db().queryForObject("SELECT COUNT(*) FROM webhook_events", Integer.class)).isEqualTo(eventsBefore);
    assertThat(images.findByAsset("generic", "asset-bad-1")).isNull();

    // each refusal is counted by source and outcome; a made-up source name never becomes a label
    Map<String, Double> counts = webhookCounts();
    java.util.function.Function<String, Double> added = series ->
        counts.getOrDefault(series, 0.0) - countsBefore.getOrDefault(series, 0.0);
    assertThat(added.apply("{outcome=\"rejected_auth\",source=\"generic\"}")).isEqualTo(3.0);
    assertThat(added.apply("{outcome=\"too_large\",source=\"generic\"}")).isEqualTo(1.0);
    assertThat(added.apply("{outcome=\"invalid\",source=\"generic\"}")).isEqualTo(1.0);
    assertThat(added.apply("{outcome=\"ignored\",source=\"generic\"}")).isEqualTo(1.0);
    assertThat(added.apply("{outcome=\"unknown_source\",source=\"unknown\"}")).isEqualTo(1.0);
    assertThat(counts.keySet()).noneMatch(series -> series.contains("shopify"));
  }

  @Test
  void redeliveryIsForAdminsAndResendsTheSameDeliveryIdWithAFreshSchedule() throws Exception {
    long imageId = 900_000 + (long) (Math.random() * 1000);
    tx.executeWithoutResult(status -> outbound.record(new OutboundEvent(OutboundEvent.QC_APPROVED, imageId,
        Map.of("reviewer_id", "rita"), Instant.now())));
    JsonNode item = Await.until(Duration.ofSeconds(30), "qc.approved delivered", () -> {
      for (JsonNode i : json(send(get("/api/v1/webhooks/deliveries?status=delivered&limit=500", ADMIN_KEY)), 200)
          .get("items")) {
        if (i.get("event_type").asString().equals("qc.approved")) return i;
      }
      return null;
    });
    String id = item.get("id").asString();
    String deliveryId = item.get("delivery_id").asString();
    assertThat(receiver.of(deliveryId)).hasSize(3);

    String reviewer = keys.issue("reviewer-wh", Role.REVIEWER);
    String integration = keys.issue("integration-wh", Role.INTEGRATION);
    assertThat(send(post("/api/v1/webhooks/deliveries/" + id + "/redeliver", reviewer)).statusCode()).isEqualTo(403);
    assertThat(send(post("/api/v1/webhooks/deliveries/" + id + "/redeliver", integration)).statusCode()).isEqualTo(403);
    assertThat(send(get("/api/v1/webhooks/deliveries", integration)).statusCode()).isEqualTo(200);
    assertThat(json(send(post("/api/v1/webhooks/deliveries/od_nothing/redeliver", ADMIN_KEY)), 404).get("error")
        .asString()).isEqualTo("not_found");

    JsonNode queued = json(send(post("/api/v1/webhooks/deliveries/" + id + "/redeliver", ADMIN_KEY)), 202);
    assertThat(queued.get("status").asString()).isEqualTo("pending");
    assertThat(queued.get("attempts").asInt()).isZero();
    Await.until(Duration.ofSeconds(15), "redelivered", () -> receiver.of(deliveryId).size() == 4);
    assertThat(receiver.of(deliveryId).get(3).answered()).isEqualTo(200); // the receiver already took it once
    JsonNode detail = Await.until(Duration.ofSeconds(10), "attempt recorded", () -> {
      JsonNode d = json(send(get("/api/v1/webhooks/deliveries/" + id, ADMIN_KEY)), 200);
      return d.get("attempts").size() == 4 ? d : null;
    });
    assertThat(detail.get("attempts").findValues("number")).extracting(JsonNode::asInt).containsExactly(1, 2, 3, 1);
    assertThat(detail.get("delivery").get("status").asString()).isEqualTo("delivered");
    assertThat(json.readTree(receiver.of(deliveryId).get(3).body()).get("data").get("reviewer_id").asString())
        .isEqualTo("rita");
  }

  // ---------------------------------------------------------------- helpers

  /** {@code enhancer_webhook_requests_total} from /actuator/prometheus: label set -> count. */
  private Map<String, Double> webhookCounts() {
    Map<String, Double> counts = new java.util.HashMap<>();
    String prefix = "enhancer_webhook_requests_total";
    HttpResponse<String> scrape = send(get("/actuator/prometheus", ADMIN_KEY));
    assertThat(scrape.statusCode()).isEqualTo(200);
    for (String line : scrape.body().lines().toList()) {
      if (!line.startsWith(prefix + "{")) continue;
      int space = line.lastIndexOf(' ');
      counts.put(line.substring(prefix.length(), space), Double.parseDouble(line.substring(space + 1)));
    }
    return counts;
  }

  private static byte[] genericEvent(String eventId, String assetId, String url) {
    return ("{\"event_id\":\"" + eventId + "\",\"event\":\"asset.uploaded\",\"asset\":{\"id\":\"" + assetId
        + "\",\"url\":\"" + url + "\",\"sku_id\":\"SKU-WH-1\",\"image_type\":\"primary\",\"mime_type\":\"image/jpeg\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String sign(String secret, byte[] body) {
    return new PayloadSigner(WebhookSecret.of(secret), Clock.systemUTC()).signatureHeader(body);
  }

  private HttpResponse<String> webhook(String source, byte[] body, String signature) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri("/webhooks/" + source))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) request.header(PayloadSigner.SIGNATURE_HEADER, signature);
    return send(request.build());
  }

  private JdbcTemplate db() {
    return new JdbcTemplate(dataSource);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private HttpRequest get(String path, String key) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key).GET().build();
  }

  private HttpRequest post(String path, String key) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.noBody()).build();
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

  private JsonNode json(HttpResponse<String> response, int expectedStatus) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return json.readTree(response.body());
  }
}
