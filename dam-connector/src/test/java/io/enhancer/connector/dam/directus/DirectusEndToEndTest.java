package io.enhancer.connector.dam.directus;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.connector.Await;
import io.enhancer.connector.TestInfra;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.renditions.Rendition;
import io.enhancer.connector.renditions.RenditionMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connector against a real Directus 12 (with PostgreSQL) on loopback: `enhancer directus setup` prepares it,
 * originals are uploaded through the Directus API, its Flow posts a signed webhook to the running connector, the
 * worker enhances and writes the rendition back. Part of the default suite (CI installs Directus ahead, in the
 * background, with {@code scripts/prepare-directus.sh}); the first run on a machine installs Directus from npm (many
 * minutes), later runs reuse the install in {@link DirectusInstance#defaultDir()}. Skip it locally with
 * {@code -Denhancer.it.directus=false} (or {@code -DexcludedGroups=directus}).
 */
@Tag("directus")
@DisabledIfSystemProperty(named = "enhancer.it.directus", matches = "false")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectusEndToEndTest {
  static final String SECRET = "directus-it-" + UUID.randomUUID().toString().replace("-", "");
  static final String CONNECTOR_TOKEN = "connector-" + UUID.randomUUID().toString().replace("-", "");
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Map<String, Double> timings = new LinkedHashMap<>();
  static DirectusInstance directus;
  static DirectusClient admin;
  static DirectusSetup.Result setup;
  static int connectorPort;
  static final List<String> originals = new ArrayList<>();
  static final Map<String, String> originalSha = new LinkedHashMap<>();

  @BeforeAll
  static void startDirectus() throws Exception {
    Path dir = DirectusInstance.defaultDir();
    long t0 = System.nanoTime();
    directus = DirectusInstance.startFresh(dir, SECRET);
    timings.put("directus start (s)", (System.nanoTime() - t0) / 1e9);
    connectorPort = DirectusInstance.freePort();
    admin = new DirectusClient(directus.url, directus.adminToken, Duration.ofSeconds(30), JSON);
    DirectusSetup.Options options = DirectusSetup.Options.parse(List.of("--url", directus.url, "--token",
        directus.adminToken, "--webhook-url", "http://127.0.0.1:" + connectorPort + "/webhooks/directus",
        "--connector-token", CONNECTOR_TOKEN), Map.of());
    // as an earlier setup left it: the connector user in the admin's role; setup must move it to the narrow role
    admin.post("users", Map.of("email", "enhancer@example.com", "role",
        admin.get("users/me?fields=role").path("role").asString(), "status", "active"));
    t0 = System.nanoTime();
    setup = DirectusSetup.connect(options, System.out).run(options);
    DirectusSetup.connect(options, System.out).run(options); // again: finds everything, changes nothing
    timings.put("setup x2 (s)", (System.nanoTime() - t0) / 1e9);
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) throws IOException {
    Path dataDir = Files.createTempDirectory("enhancer-directus-it");
    r.add("server.port", () -> connectorPort);
    r.add("MYSQL_HOST", () -> TestInfra.MARIADB_HOST);
    r.add("MYSQL_DATABASE", () -> TestInfra.freshSchema(DirectusEndToEndTest.class));
    r.add("KAFKA_BOOTSTRAP_SERVERS", TestInfra::kafkaBootstrap);
    r.add("REDIS_URL", () -> TestInfra.REDIS_URL);
    r.add("ENHANCER_REDIS_KEY_PREFIX", () -> "enhancer-directus-" + UUID.randomUUID());
    r.add("ENHANCER_DATA_DIR", dataDir::toString);
    r.add("ENHANCER_ADMIN_KEY", () -> "directus-it-admin-" + UUID.randomUUID());
    r.add("AUTO_APPROVE_THRESHOLD", () -> "0");
    r.add("ENHANCER_JOB_BACKOFF", () -> "200ms");
    r.add("ENHANCER_JOB_PARTITIONS", () -> "2");
    r.add("enhancer.jobs.topic", () -> "enhancer.jobs.directus");
    r.add("enhancer.jobs.dead-letter-topic", () -> "enhancer.jobs.directus.dlt");
    r.add("spring.kafka.consumer.group-id", () -> "enhancer-workers-directus");
    r.add("DIRECTUS_URL", () -> directus.url);
    r.add("DIRECTUS_TOKEN", () -> setup.connectorToken());
    r.add("DIRECTUS_WEBHOOK_SECRET", () -> SECRET);
    r.add("DIRECTUS_RECONCILE_INTERVAL", () -> "2s");
    r.add("DIRECTUS_RECONCILE_GRACE", () -> "4s");
    r.add("DIRECTUS_RECONCILE_LOOKBACK", () -> "1h");
  }

  @AfterAll
  static void stopDirectus() throws Exception {
    timings.forEach((k, v) -> System.out.printf("TIMING %-45s %8.2f%n", k, v));
    if (directus != null && !Boolean.getBoolean("enhancer.it.directus.keep")) directus.close();
  }

  @Autowired ImageMapper images;
  @Autowired RenditionMapper renditions;
  @Autowired DirectusReconciler reconciler;

  @Test
  @Order(1)
  void eachUploadGetsExactlyOneLinkedEnhancedVariantAndOriginalsStayByteIdentical() throws Exception {
    List<Path> photos = TestInfra.productPhotos(3);
    long t0 = System.nanoTime();
    for (Path photo : photos) {
      byte[] bytes = Files.readAllBytes(photo);
      String id = uploadAsEditor(photo.getFileName().toString(), bytes);
      originals.add(id);
      originalSha.put(id, sha256(bytes));
    }
    for (String id : originals) {
      // the rendition is uploaded, then tagged 'selected' by a second call when it is approved
      Await.until(Duration.ofSeconds(90), "a published rendition of " + id, () -> renditionsOf(id).size() == 1
          && texts(renditionsOf(id).get(0).path("tags")).contains("selected"));
    }
    timings.put("3 uploads -> 3 renditions in Directus (s)", (System.nanoTime() - t0) / 1e9);

    String folderId = setup.folderId();
    for (String id : originals) {
      JsonNode variant = renditionsOf(id).get(0);
      assertThat(variant.path("folder").asString()).isEqualTo(folderId);
      assertThat(variant.path("variant_kind").asString()).isEqualTo("enhanced");
      assertThat(variant.path("enhanced_of").asString()).isEqualTo(id);
      assertThat(texts(variant.path("tags"))).contains("enhanced", "v1", "selected");
      assertThat(variant.path("uploaded_by").asString()).isEqualTo(setup.connectorUserId());

      ProductImage image = images.findByAsset("directus", id);
      assertThat(image.status()).isEqualTo(ProductImage.COMPLETED);
      assertThat(image.lastEventId()).as("came by the signed webhook").doesNotStartWith("directus-reconciled-");
      Rendition stored = renditions.findByTask(image.currentTaskId());
      assertThat(stored.storageKey()).isEqualTo("directus_files/" + variant.path("id").asString() + "@v1");
      byte[] renditionBytes = admin.download(variant.path("id").asString());
      BufferedImage picture = ImageIO.read(new ByteArrayInputStream(renditionBytes));
      // what Directus holds is what the engine produced: same size and byte count as the connector recorded
      assertThat(picture.getWidth()).isEqualTo(stored.width());
      assertThat(picture.getHeight()).isEqualTo(stored.height());
      assertThat((long) renditionBytes.length).isEqualTo(stored.bytes());
      assertThat(variant.path("width").asInt()).isEqualTo(stored.width());
      assertThat(borderLuma(picture)).as("white background of %s", id).isGreaterThan(230.0);

      assertThat(sha256(admin.download(id))).as("original %s untouched", id).isEqualTo(originalSha.get(id));
    }
    System.out.println("DIRECTUS originals=" + originals);
  }

  @Test
  @Order(2)
  void renditionUploadsStartNoJobs() throws Exception {
    Thread.sleep(6_000); // past the reconciler's grace, two passes
    reconciler.reconcile();
    assertThat(countDirectusImages()).isEqualTo(originals.size());
    for (String id : originals) assertThat(renditionsOf(id)).hasSize(1);
  }

  @Test
  @Order(3)
  void replacingAnOriginalsFileMakesANewVersionOfTheSameRendition() throws Exception {
    String id = originals.get(0);
    String variantId = renditionsOf(id).get(0).path("id").asString();
    byte[] replacement = Files.readAllBytes(TestInfra.productPhotos(4).get(3));
    long t0 = System.nanoTime();
    admin.upload("PATCH", "files/" + id, Map.of(), "replacement.jpg", "image/jpeg", replacement);
    originalSha.put(id, sha256(replacement));
    Await.until(Duration.ofSeconds(90), "v2 of the rendition of " + id,
        () -> texts(renditionsOf(id).get(0).path("tags")).contains("v2"));
    timings.put("replaced original -> v2 in place (s)", (System.nanoTime() - t0) / 1e9);
    List<JsonNode> variants = renditionsOf(id);
    assertThat(variants).hasSize(1);
    assertThat(variants.get(0).path("id").asString()).isEqualTo(variantId);
    assertThat(texts(variants.get(0).path("tags"))).doesNotContain("v1").contains("selected");
    // the file is written to Directus just before the connector's own transaction commits
    Rendition latest = Await.until(Duration.ofSeconds(30), "v2 recorded by the connector", () -> {
      Rendition r = renditions.findByTask(images.findByAsset("directus", id).currentTaskId());
      return r != null && r.version() == 2 ? r : null;
    });
    ProductImage image = images.findByAsset("directus", id);
    assertThat(latest.storageKey()).isEqualTo("directus_files/" + variantId + "@v2");
    assertThat(sha256(admin.download(id))).isEqualTo(originalSha.get(id));
    System.out.println("DIRECTUS replaced original taken in by event " + image.lastEventId());
  }

  @Test
  @Order(4)
  void uploadWhoseWebhookWasLostIsCaughtByReconciliation() throws Exception {
    admin.patch("flows/" + setup.flowId(), Map.of("status", "inactive"));
    try {
      Path photo = TestInfra.productPhotos(5).get(4);
      long t0 = System.nanoTime();
      String id = uploadAsEditor("missed-" + photo.getFileName(), Files.readAllBytes(photo));
      Await.until(Duration.ofSeconds(90), "a reconciled rendition of " + id, () -> renditionsOf(id).size() == 1);
      timings.put("upload without webhook -> rendition (s)", (System.nanoTime() - t0) / 1e9);
      assertThat(images.findByAsset("directus", id).lastEventId()).startsWith("directus-reconciled-");
    } finally {
      admin.patch("flows/" + setup.flowId(), Map.of("status", "active"));
    }
  }

  @Test
  @Order(5)
  void webhookWithoutAValidJwtIsRefusedBeforeAnythingIsRecorded() throws Exception {
    String body = "{\"event\":\"files.upload\",\"key\":\"" + UUID.randomUUID()
        + "\",\"collection\":\"directus_files\",\"payload\":{\"type\":\"image/jpeg\"}}";
    String forged = jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"fileId\":\"x\",\"exp\":"
        + (System.currentTimeMillis() / 1000 + 300) + "}", "not-the-secret-but-long-enough-0123456789");
    long before = countDirectusImages();
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    for (String authorization : List.of("", "Bearer " + forged)) {
      var request = java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://127.0.0.1:" + connectorPort + "/webhooks/directus"))
          .header("Content-Type", "application/json").header("X-Enhancer-Secret", SECRET);
      if (!authorization.isEmpty()) request.header("Authorization", authorization);
      var response = http.send(request.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("answer to %s", authorization.isEmpty() ? "no JWT" : "forged JWT")
          .isEqualTo(401);
    }
    assertThat(countDirectusImages()).isEqualTo(before);
  }

  /**
   * The connector's token works for everything above (its user is in {@link DirectusConnectorRole}, not admin) and
   * is refused what only an admin may do; what it may do is shown by the tests before.
   */
  @Test
  @Order(6)
  void connectorTokenIsRefusedEverythingButReadingFilesAndWritingRenditions() {
    JsonNode user = admin.get("users/" + setup.connectorUserId() + "?fields=role,policies.policy");
    assertThat(user.path("role").asString()).isEqualTo(setup.roleId());
    JsonNode role = admin.get("roles/" + setup.roleId() + "?fields=name,policies.policy.admin_access,"
        + "policies.policy.app_access");
    assertThat(role.path("name").asString()).isEqualTo(DirectusConnectorRole.ROLE_NAME);
    assertThat(role.path("policies")).hasSize(1);
    assertThat(role.path("policies").get(0).path("policy").path("admin_access").asBoolean()).isFalse();
    assertThat(role.path("policies").get(0).path("policy").path("app_access").asBoolean()).isFalse();

    DirectusClient connector = new DirectusClient(directus.url, CONNECTOR_TOKEN, Duration.ofSeconds(30), JSON);
    String original = originals.get(1);
    Map<String, Runnable> adminOnly = new LinkedHashMap<>();
    adminOnly.put("list users", () -> connector.get("users"));
    adminOnly.put("create a user", () -> connector.post("users", Map.of("email", "intruder@example.com")));
    adminOnly.put("read roles", () -> connector.get("roles"));
    adminOnly.put("read policies", () -> connector.get("policies"));
    adminOnly.put("read settings", () -> connector.get("settings"));
    adminOnly.put("create a collection", () -> connector.post("collections", Map.of("collection", "intruder",
        "schema", Map.of())));
    adminOnly.put("add a field", () -> connector.post("fields/directus_files", Map.of("field", "intruder",
        "type", "string")));
    adminOnly.put("read flows", () -> connector.get("flows"));
    adminOnly.put("create a folder", () -> connector.post("folders", Map.of("name", "intruder")));
    adminOnly.put("delete an original", () -> connector.delete("files/" + original));
    for (Map.Entry<String, Runnable> action : adminOnly.entrySet()) {
      assertThat(refusal(action.getValue())).as(action.getKey()).isEqualTo(403);
    }
    assertThat(admin.get("files/" + original + "?fields=id").path("id").asString()).isEqualTo(original);
    // and the same token still reads originals
    assertThat(connector.download(original)).isNotEmpty();
    System.out.println("DIRECTUS writes scoped to the folder: " + setup.writesScopedToFolder());
  }

  private static int refusal(Runnable action) {
    try {
      action.run();
      return 200;
    } catch (DirectusException e) {
      return e.status();
    }
  }

  private static String jwt(String header, String claims, String secret) throws Exception {
    java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
    String signingInput = b64.encodeToString(header.getBytes()) + "." + b64.encodeToString(claims.getBytes());
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(), "HmacSHA256"));
    return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes()));
  }

  private String uploadAsEditor(String name, byte[] bytes) {
    return admin.upload("POST", "files", Map.of("title", name), name, "image/jpeg", bytes).path("id").asString();
  }

  private List<JsonNode> renditionsOf(String originalId) {
    List<JsonNode> list = new ArrayList<>();
    admin.get("files" + DirectusClient.query(DirectusClient.params("filter[enhanced_of][_eq]", originalId,
        "fields", "id,folder,variant_kind,enhanced_of,tags,uploaded_by,width,height,filesize"))).forEach(list::add);
    return list;
  }

  private long countDirectusImages() {
    return images.search(new io.enhancer.connector.images.ImageFilter(null, null, null, null, 1000, 0))
        .stream().filter(i -> i.source().equals("directus")).count();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  /** Mean luma of a 4-pixel frame around the picture. */
  private static double borderLuma(BufferedImage img) {
    double sum = 0;
    long n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if (x >= 4 && y >= 4 && x < img.getWidth() - 4 && y < img.getHeight() - 4) continue;
        int rgb = img.getRGB(x, y);
        sum += 0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
        n++;
      }
    }
    return sum / n;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
