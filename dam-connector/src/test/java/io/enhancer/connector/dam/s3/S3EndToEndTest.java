package io.enhancer.connector.dam.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.connector.Await;
import io.enhancer.connector.MarketplaceReceiver;
import io.enhancer.connector.TestInfra;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.renditions.Rendition;
import io.enhancer.connector.renditions.RenditionMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connector with S3 as its DAM, on real components (s3rver on 127.0.0.1, MariaDB, Redis, the KRaft broker in
 * the JVM, the engine): a photo PUT into the bucket, its S3 event notification POSTed to /webhooks/s3, the worker
 * reads the original from S3 and writes the rendition back beside it with its CloudFront URL reported.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3EndToEndTest {
  static final String BUCKET = "catalog";
  static final String CDN = "https://d111111abcdef8.cloudfront.net";
  static final String TOKEN = "s3-intake-" + UUID.randomUUID();
  static final String ADMIN_KEY = "s3-it-admin-" + UUID.randomUUID();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static S3rver server;
  static S3Client s3;
  static MarketplaceReceiver marketplace;
  static String originalKey;
  static byte[] originalBytes;
  static String firstRendition;

  @BeforeAll
  static void startS3() throws Exception {
    server = S3rver.start(BUCKET);
    s3 = server.client();
    marketplace = new MarketplaceReceiver(0);
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) throws Exception {
    Path dataDir = Files.createTempDirectory("enhancer-s3-it");
    String schema = TestInfra.freshSchema(S3EndToEndTest.class);
    r.add("MYSQL_HOST", () -> TestInfra.MARIADB_HOST);
    r.add("MYSQL_DATABASE", () -> schema);
    r.add("KAFKA_BOOTSTRAP_SERVERS", TestInfra::kafkaBootstrap);
    r.add("REDIS_URL", () -> TestInfra.REDIS_URL);
    r.add("ENHANCER_REDIS_KEY_PREFIX", () -> "enhancer-s3-" + UUID.randomUUID());
    r.add("ENHANCER_DATA_DIR", dataDir::toString);
    r.add("ENHANCER_ADMIN_KEY", () -> ADMIN_KEY);
    r.add("ENHANCER_JOB_BACKOFF", () -> "200ms");
    r.add("ENHANCER_JOB_PARTITIONS", () -> "2");
    r.add("enhancer.jobs.topic", () -> "enhancer.jobs.s3");
    r.add("enhancer.jobs.dead-letter-topic", () -> "enhancer.jobs.s3.dlt");
    r.add("spring.kafka.consumer.group-id", () -> "enhancer-workers-s3");
    r.add("ENHANCER_OUTBOUND_WEBHOOKS", () -> "market=" + marketplace.url());
    r.add("ENHANCER_OUTBOUND_SECRET", () -> "whsec_s3_e2e_outbound_secret_0001");
    r.add("ENHANCER_OUTBOUND_ALLOW_HTTP", () -> "true");
    r.add("ENHANCER_OUTBOUND_POLL", () -> "100ms");
    r.add("WEBHOOK_S3_TOKEN", () -> TOKEN);
    r.add("S3_ENDPOINT", () -> server.endpoint);
    r.add("S3_SOURCE_BUCKET", () -> BUCKET);
    r.add("S3_SOURCE_PREFIX", () -> "incoming/");
    r.add("S3_PUBLIC_BASE_URL", () -> CDN + "/");
    r.add("S3_ACCESS_KEY_ID", () -> S3rver.ACCESS_KEY);
    r.add("S3_SECRET_ACCESS_KEY", () -> S3rver.SECRET_KEY);
  }

  @AfterAll
  static void stopS3() throws Exception {
    if (marketplace != null) marketplace.close();
    if (s3 != null) s3.close();
    if (server != null) server.close();
  }

  @LocalServerPort int port;
  @Autowired ImageMapper images;
  @Autowired RenditionMapper renditions;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  @Order(1)
  void anUploadNotifiedByS3ComesBackAsAWhiteBackgroundRenditionBesideItWithItsCloudFrontUrl() throws Exception {
    Path photo = TestInfra.productPhotos(1).get(0);
    originalBytes = Files.readAllBytes(photo);
    originalKey = "incoming/grocery/" + photo.getFileName();
    put(originalKey, originalBytes);

    HttpResponse<String> answer = notify(BUCKET, originalKey, "0055AED6DCD90281E5");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    assertThat(JSON.readTree(answer.body()).get("accepted").asInt()).isEqualTo(1);

    ProductImage done = completed("s3://" + BUCKET + "/" + originalKey, 1);
    Rendition stored = renditions.findByTask(done.currentTaskId());
    firstRendition = stored.storageKey();
    S3Location at = S3Location.parse(stored.storageKey());
    assertThat(at.bucket()).isEqualTo(BUCKET);
    assertThat(at.key()).isEqualTo("enhanced/grocery/" + photo.getFileName() + "/v1."
        + (stored.mediaType().equals("image/jpeg") ? "jpg" : stored.mediaType().substring(6)));

    HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key(at.key()));
    assertThat(head.metadata()).containsEntry("enhanced-of", "s3://" + BUCKET + "/" + originalKey)
        .containsEntry("variant-kind", "enhanced").containsEntry("version", "1")
        .containsEntry("task-id", done.currentTaskId());
    assertThat(head.contentType()).isEqualTo(stored.mediaType());
    byte[] renditionBytes = get(at.key());
    assertThat((long) renditionBytes.length).isEqualTo(stored.bytes());
    BufferedImage picture = ImageIO.read(new ByteArrayInputStream(renditionBytes));
    assertThat(picture).as("the rendition decodes").isNotNull();
    assertThat(picture.getWidth()).isEqualTo(stored.width());
    assertThat(picture.getHeight()).isEqualTo(stored.height());
    assertThat(cornerLuma(picture)).as("white background corner").isGreaterThan(240.0);
    assertThat(get(originalKey)).as("original byte-identical").isEqualTo(originalBytes);

    String cloudFront = CDN + "/" + at.key();
    JsonNode api = api("/api/v1/images/" + done.id());
    assertThat(api.get("image").get("enhanced_image_url").asString()).isEqualTo(cloudFront);
    JsonNode selected = JSON.readTree(get("enhanced/grocery/" + photo.getFileName() + "/selected.json"));
    assertThat(selected.get("selected").asString()).isEqualTo(stored.storageKey());
    assertThat(selected.get("url").asString()).isEqualTo(cloudFront);

    JsonNode event = Await.until(Duration.ofSeconds(30), "rendition.ready at the marketplace", () ->
        marketplace.requests.stream().map(r -> JSON.readTree(r.body()))
            .filter(e -> "rendition.ready".equals(e.get("type").asString())
                && e.get("data").get("image_id").asLong() == done.id()).findFirst().orElse(null));
    assertThat(event.get("data").get("url").asString()).isEqualTo(cloudFront);
    assertThat(event.get("data").get("asset_id").asString()).isEqualTo("s3://" + BUCKET + "/" + originalKey);
  }

  @Test
  @Order(2)
  void theNotificationOfOurOwnRenditionStartsNoJob() throws Exception {
    String renditionKey = S3Location.parse(firstRendition).key();
    long before = s3Images();
    HttpResponse<String> answer = notify(BUCKET, renditionKey, "0055AED6DCD90281F0");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    assertThat(images.findByAsset("s3", firstRendition)).isNull();
    assertThat(s3Images()).isEqualTo(before);
  }

  @Test
  @Order(3)
  void aReplacedOriginalGetsVersionTwoInTheSameFolderAndIsPublished() throws Exception {
    byte[] replacement = Files.readAllBytes(TestInfra.productPhotos(2).get(1));
    put(originalKey, replacement);
    assertThat(notify(BUCKET, originalKey, "0055AED6DCD9028300").statusCode()).isEqualTo(202);

    ProductImage done = completed("s3://" + BUCKET + "/" + originalKey, 2);
    Rendition v2 = renditions.findByTask(done.currentTaskId());
    assertThat(v2.storageKey()).isEqualTo(firstRendition.replace("/v1.", "/v2."));
    assertThat(get(S3Location.parse(firstRendition).key())).as("v1 kept").isNotEmpty();
    assertThat(done.enhancedImageUrl()).isEqualTo(CDN + "/" + S3Location.parse(v2.storageKey()).key());
    String folder = S3Location.parse(firstRendition).key().replaceAll("v1\\.[a-z]+$", "");
    assertThat(JSON.readTree(get(folder + "selected.json")).get("selected").asString()).isEqualTo(v2.storageKey());
    assertThat(get(originalKey)).isEqualTo(replacement);
  }

  @Test
  @Order(4)
  void aDeletedOriginalFailsTheJobOnceNamingTheKey() throws Exception {
    String key = "incoming/grocery/deleted-before-the-worker-came.jpg";
    assertThat(notify(BUCKET, key, "0055AED6DCD9028400").statusCode()).isEqualTo(202);
    ProductImage failed = failed("s3://" + BUCKET + "/" + key);
    assertThat(failed.errorCode()).isEqualTo("dam_error");
    assertThat(failed.errorReason()).startsWith("cannot read original s3://" + BUCKET + "/" + key
        + ": it does not exist (S3 answered 404");
  }

  @Test
  @Order(5)
  void anotherBucketsObjectIsRefusedWithTheReason() throws Exception {
    assertThat(notify("someone-elses-bucket", "incoming/x.jpg", "0055AED6DCD9028500").statusCode()).isEqualTo(202);
    ProductImage failed = failed("s3://someone-elses-bucket/incoming/x.jpg");
    assertThat(failed.errorCode()).isEqualTo("dam_error");
    assertThat(failed.errorReason()).isEqualTo("s3://someone-elses-bucket/incoming/x.jpg is not in the source "
        + "bucket: bucket 'someone-elses-bucket' is not S3_SOURCE_BUCKET 'catalog'");
  }

  private ProductImage completed(String assetId, int version) {
    return Await.until(Duration.ofSeconds(90), "v" + version + " of " + assetId, () -> {
      ProductImage i = images.findByAsset("s3", assetId);
      if (i == null || ProductImage.FAILED.equals(i.status())) {
        if (i != null) throw new AssertionError(assetId + " failed: " + i.errorCode() + " " + i.errorReason());
        return null;
      }
      Rendition r = ProductImage.COMPLETED.equals(i.status()) ? renditions.findByTask(i.currentTaskId()) : null;
      return r != null && r.version() == version ? i : null;
    });
  }

  private ProductImage failed(String assetId) {
    return Await.until(Duration.ofSeconds(30), assetId + " failed", () -> {
      ProductImage i = images.findByAsset("s3", assetId);
      return i != null && ProductImage.FAILED.equals(i.status()) ? i : null;
    });
  }

  private long s3Images() {
    return images.search(new io.enhancer.connector.images.ImageFilter(null, null, null, null, 1000, 0)).stream()
        .filter(i -> i.source().equals("s3")).count();
  }

  /** What S3 posts (here directly; through SNS it is the same JSON in "Message"), with the key URL-encoded. */
  private HttpResponse<String> notify(String bucket, String key, String sequencer) throws Exception {
    String body = """
        {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventTime":"%s",
          "eventName":"ObjectCreated:Put","s3":{"s3SchemaVersion":"1.0",
          "bucket":{"name":"%s","arn":"arn:aws:s3:::%s"},
          "object":{"key":"%s","size":1024,"sequencer":"%s"}}}]}
        """.formatted(Instant.now(), bucket, bucket, java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8)
        .replace("%2F", "/"), sequencer);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/s3"))
        .header("Content-Type", "application/json").header("X-Webhook-Token", TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode api(String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + ADMIN_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static void put(String key, byte[] bytes) {
    s3.putObject(b -> b.bucket(BUCKET).key(key).contentType("image/jpeg"), RequestBody.fromBytes(bytes));
  }

  private static byte[] get(String key) {
    return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
  }

  /** Mean luma of the 8x8 pixels in each corner. */
  private static double cornerLuma(BufferedImage img) {
    double sum = 0;
    int n = 0;
    for (int[] corner : new int[][] {{0, 0}, {img.getWidth() - 8, 0}, {0, img.getHeight() - 8},
        {img.getWidth() - 8, img.getHeight() - 8}}) {
      for (int y = corner[1]; y < corner[1] + 8; y++) {
        for (int x = corner[0]; x < corner[0] + 8; x++) {
          int rgb = img.getRGB(x, y);
          sum += 0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
          n++;
        }
      }
    }
    return sum / n;
  }
}
