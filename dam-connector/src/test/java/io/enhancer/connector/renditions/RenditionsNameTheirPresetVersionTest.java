package io.enhancer.connector.renditions;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.connector.Await;
import io.enhancer.connector.LocalOrigin;
import io.enhancer.connector.TestInfra;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.webhooks.intake.AssetEvent;
import io.enhancer.webhooks.intake.AssetEventSink;
import java.io.ByteArrayOutputStream;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
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
 * Single images record the preset version that made them, as batch items do (MariaDB, the KRaft broker in the JVM,
 * the engine, an origin on 127.0.0.1): real-time answers by upload and by URL name it (JSON fields or headers, since
 * nothing of them is stored), and a rendition a webhook's task made keeps the version of its SKU's preset after the
 * preset is edited again. Presets use mode optimize without cut-out or OCR: quick.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RenditionsNameTheirPresetVersionTest {
  static final String ADMIN_KEY = "test-admin-" + UUID.randomUUID();
  static final String TOPIC = "enhancer.jobs.preset-version";
  static LocalOrigin origin;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) throws IOException {
    origin = new LocalOrigin();
    Path dataDir = Files.createTempDirectory("enhancer-preset-version");
    String schema = TestInfra.freshSchema(RenditionsNameTheirPresetVersionTest.class);
    r.add("MYSQL_HOST", () -> TestInfra.MARIADB_HOST);
    r.add("MYSQL_DATABASE", () -> schema);
    r.add("KAFKA_BOOTSTRAP_SERVERS", TestInfra::kafkaBootstrap);
    r.add("ENHANCER_DATA_DIR", dataDir::toString);
    r.add("ENHANCER_ADMIN_KEY", () -> ADMIN_KEY);
    r.add("ENHANCER_ALLOWED_ORIGINS", origin::origin);
    r.add("ENHANCER_ALLOW_PRIVATE_ADDRESSES", () -> "true");
    r.add("ENHANCER_RATE_LIMIT_PER_MINUTE", () -> "1000");
    r.add("ENHANCER_JOB_MAX_ATTEMPTS", () -> "1");
    r.add("ENHANCER_JOB_PARTITIONS", () -> "1");
    r.add("enhancer.jobs.topic", () -> TOPIC);
    r.add("enhancer.jobs.dead-letter-topic", () -> TOPIC + ".dlt");
    r.add("spring.kafka.consumer.group-id", () -> "enhancer-workers-preset-version");
    r.add("spring.kafka.listener.concurrency", () -> "1");
  }

  @AfterAll
  static void stopOrigin() {
    origin.close();
  }

  @LocalServerPort int port;
  @Autowired AssetEventSink intake;
  @Autowired ImageMapper images;
  @Autowired JsonMapper json;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void realTimeAnswersNameThePresetVersionThatMadeThem() throws Exception {
    byte[] photo = Files.readAllBytes(TestInfra.productPhotos(1).get(0));
    long id = body(send("POST", "/api/v1/configs", "{\"name\":\"pv-live\",\"options\":" + quick("300x300") + "}"),
        201).get("id").asLong();
    assertThat(body(send("PUT", "/api/v1/configs/" + id, "{\"name\":\"pv-live\",\"options\":" + quick("320x320")
        + "}"), 200).get("version").asInt()).isEqualTo(2);

    JsonNode uploaded = body(upload(photo, "preset", "pv-live", "response", "json"), 200);
    assertThat(uploaded.get("preset").asString()).isEqualTo("pv-live");
    assertThat(uploaded.get("preset_version").asInt()).isEqualTo(2);
    assertThat(uploaded.get("report").get("output").get("width").asInt()).as("version 2's canvas").isEqualTo(320);

    HttpResponse<String> image = upload(photo, "preset", "pv-live", "response", "image");
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.headers().firstValue("X-Enhancer-Preset")).contains("pv-live");
    assertThat(image.headers().firstValue("X-Enhancer-Preset-Version")).contains("2");

    String url = origin.serve("pv.jpg", photo);
    JsonNode byUrl = body(send("POST", "/api/v1/enhance/url", "{\"image_url\":\"" + url
        + "\",\"preset\":\"pv-live\",\"response\":\"json\"}"), 200);
    assertThat(byUrl.get("preset_version").asInt()).isEqualTo(2);

    JsonNode builtIn = body(upload(photo, "preset", "thumbnail", "mode", "optimize", "remove_background", "false",
        "label_guard", "false", "response", "json"), 200);
    assertThat(builtIn.get("preset").asString()).isEqualTo("thumbnail");
    assertThat(builtIn.get("preset_version").asInt()).as("a built-in preset's version").isZero();

    JsonNode none = body(upload(photo, "mode", "optimize", "remove_background", "false", "label_guard", "false",
        "canvas", "200x200", "response", "json"), 200);
    assertThat(none.has("preset")).isFalse();
    assertThat(none.has("preset_version")).isFalse();
    assertThat(none.get("image_base64").asString()).isNotEmpty();
    assertThat(upload(photo, "canvas", "200x200", "mode", "optimize", "remove_background", "false", "label_guard",
        "false", "response", "image").headers().firstValue("X-Enhancer-Preset-Version")).isEmpty();
  }

  @Test
  void aRenditionAWebhookMadeKeepsTheVersionOfItsSkuPresetAfterThePresetChanges() throws Exception {
    long presetId = body(send("POST", "/api/v1/configs", "{\"name\":\"pv-sku\",\"sku_id\":\"SKU-PV\",\"options\":"
        + quick("300x300") + "}"), 201).get("id").asLong();
    edit(presetId, "340x340", 2);
    String url = origin.serve("sku-pv.jpg", TestInfra.productPhotos(2).get(1));

    intake.accept(event("evt-pv-1", url));
    ProductImage image = awaitRenditions("asset-pv", 1);
    JsonNode first = renditions(image.id()).get(0);
    assertThat(first.get("preset").asString()).isEqualTo("pv-sku");
    assertThat(first.get("preset_version").asInt()).isEqualTo(2);
    assertThat(first.get("width").asInt()).as("made with version 2").isEqualTo(340);

    edit(presetId, "360x360", 3);
    intake.accept(event("evt-pv-2", url));
    awaitRenditions("asset-pv", 2);
    JsonNode both = renditions(image.id());
    assertThat(both.get(0).get("preset_version").asInt()).as("the first still names its version").isEqualTo(2);
    assertThat(both.get(1).get("preset_version").asInt()).isEqualTo(3);
    assertThat(both.get(1).get("width").asInt()).isEqualTo(360);
  }

  // ---------------------------------------------------------------- helpers

  /** Options that run in well under a second: no cut-out, no OCR, only the canvas and the encoder. */
  private static String quick(String canvas) {
    return "{\"mode\":\"optimize\",\"remove_background\":false,\"label_guard\":false,\"canvas\":\"" + canvas
        + "\",\"format\":\"jpeg\"}";
  }

  private void edit(long presetId, String canvas, int expectedVersion) {
    JsonNode edited = body(send("PUT", "/api/v1/configs/" + presetId, "{\"name\":\"pv-sku\",\"sku_id\":\"SKU-PV\","
        + "\"options\":" + quick(canvas) + "}"), 200);
    assertThat(edited.get("version").asInt()).isEqualTo(expectedVersion);
  }

  private static AssetEvent event(String eventId, String url) {
    return new AssetEvent(eventId, "dam", AssetEvent.UPDATED, "asset-pv", url, null, "SKU-PV", null, "primary",
        Instant.now());
  }

  private ProductImage awaitRenditions(String assetId, int count) {
    return Await.until(Duration.ofSeconds(45), assetId + " has " + count + " renditions", () -> {
      ProductImage i = images.findByAsset("dam", assetId);
      if (i == null) return null;
      assertThat(i.status()).as(String.valueOf(i.errorReason())).isNotEqualTo("failed");
      return renditions(i.id()).size() == count ? i : null;
    });
  }

  private JsonNode renditions(long imageId) {
    return body(send("GET", "/api/v1/images/" + imageId + "/renditions", null), 200).get("renditions");
  }

  private HttpResponse<String> upload(byte[] photo, String... fields) {
    Map<String, String> form = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i += 2) form.put(fields[i], fields[i + 1]);
    String boundary = "b" + UUID.randomUUID();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    form.forEach((k, v) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
        + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
    out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.jpg\"\r\n"
        + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(photo);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return exchange(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/enhance/upload"))
        .header("Authorization", "Bearer " + ADMIN_KEY)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build());
  }

  private HttpResponse<String> send(String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + ADMIN_KEY);
    if (body != null) b.header("Content-Type", "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return exchange(b.build());
  }

  private HttpResponse<String> exchange(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
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
