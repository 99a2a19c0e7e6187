package io.enhancer.connector.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.connector.Await;
import io.enhancer.connector.LocalOrigin;
import io.enhancer.connector.TestInfra;
import io.enhancer.connector.admission.SyntheticPhoto;
import io.enhancer.connector.admission.TrickleOrigin;
import io.enhancer.connector.images.CatalogRegistry;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.intake.ImageIntake;
import io.enhancer.webhooks.intake.AssetEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 17, item 2 (worker side): a webhook job for an origin that trickles its body must not hold back the jobs
 * that arrive after it. Each consumer thread fetches on its own and the engine slot is taken only once the original
 * is in hand, so the next job completes while the slow one is still inside its fetch deadline (10 s here).
 * Kafka keeps order within a partition, so the scope defended is jobs on other partitions (6 partitions, 6
 * consumers); the test picks the second image so that its key lands on another partition than the first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
    "ENHANCER_FETCH_TIMEOUT=10s", "ENHANCER_ALLOW_PRIVATE_ADDRESSES=true", "ENHANCER_JOB_MAX_ATTEMPTS=1",
    "ENHANCER_JOB_PARTITIONS=6", "ENHANCER_WORKER_CONCURRENCY=6", "ENHANCER_ENGINE_SLOTS=1"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WebhookJobBehindSlowOriginTest {
  static final int PARTITIONS = 6;
  static TrickleOrigin slow;
  static LocalOrigin fast;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) throws Exception {
    slow = new TrickleOrigin();
    fast = new LocalOrigin();
    Path dataDir = Files.createTempDirectory("enhancer-slow-origin");
    String schema = TestInfra.freshSchema(WebhookJobBehindSlowOriginTest.class);
    r.add("MYSQL_HOST", () -> TestInfra.MARIADB_HOST);
    r.add("MYSQL_DATABASE", () -> schema);
    r.add("KAFKA_BOOTSTRAP_SERVERS", TestInfra::kafkaBootstrap);
    r.add("ENHANCER_DATA_DIR", dataDir::toString);
    r.add("ENHANCER_ALLOWED_ORIGINS", () -> "http://127.0.0.1:" + slow.port() + "," + fast.origin());
    String topic = "enhancer.jobs.slowfirst." + UUID.randomUUID();
    r.add("enhancer.jobs.topic", () -> topic);
    r.add("spring.kafka.consumer.group-id", () -> "enhancer-workers-slowfirst");
  }

  @AfterAll
  static void stop() throws Exception {
    slow.close();
    fast.close();
  }

  @Autowired ImageIntake intake;
  @Autowired CatalogRegistry catalog;
  @Autowired ImageMapper images;
  @Autowired KafkaListenerEndpointRegistry listeners;

  @Test
  void aJobQueuedBehindASlowOriginJobCompletesWhileTheSlowOneIsStillFetching() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String fastUrl = fast.serve("p-" + run + ".jpg", SyntheticPhoto.jpeg(800, 600));
    // A settled group first: consumers that join one by one trigger rebalances, and a rebalance waits for the
    // member stuck in the slow fetch, which is a start-up effect rather than the steady state defended here.
    var group = (ConcurrentMessageListenerContainer<?, ?>) listeners.getListenerContainer("enhancer-worker");
    Await.until(Duration.ofSeconds(60), "one partition per consumer", () -> group.getContainers().size() == PARTITIONS
        && group.getContainers().stream().allMatch(c -> c.getAssignedPartitions().size() == 1));
    long slowId = accept("slow-" + run, slow.url("/slow.jpg"));
    Await.until(Duration.ofSeconds(30), "the slow origin asked", () -> slow.requests.get() > 0);
    long startedBehind = System.nanoTime();
    long fastId = 0;
    for (int i = 0; i < 20 && (fastId == 0 || partition(fastId) == partition(slowId)); i++) {
      fastId = registerOnly("fast-" + run + "-" + i, fastUrl);
    }
    assertThat(partition(fastId)).as("a key on another partition").isNotEqualTo(partition(slowId));
    intake.accept(event("fast-" + run + "-chosen", fastIdAsset(fastId), fastUrl));

    long id = fastId;
    Await.until(Duration.ofSeconds(9), "the job behind completed",
        () -> ProductImage.COMPLETED.equals(images.find(id).status()));
    double seconds = (System.nanoTime() - startedBehind) / 1e9;
    assertThat(images.find(slowId).status()).as("the slow origin's job is still fetching").isEqualTo("processing");
    System.out.printf("job behind a slow-origin job completed in %.1f s%n", seconds);
    assertThat(seconds).isLessThan(9.0);

    Await.until(Duration.ofSeconds(30), "the slow job failed at its deadline",
        () -> "failed".equals(images.find(slowId).status()));
    assertThat(images.find(slowId).errorCode()).isEqualTo("fetch_timeout");
  }

  private final java.util.Map<Long, String> assets = new java.util.concurrent.ConcurrentHashMap<>();

  private long accept(String asset, String url) {
    intake.accept(event(asset + "-event", asset, url));
    return images.findByAsset("test-webhook", asset).id();
  }

  private long registerOnly(String asset, String url) {
    ProductImage image = catalog.register(new CatalogRegistry.NewImage("test-webhook", asset, "SKU-" + asset, null,
        "photo", url, null));
    assets.put(image.id(), asset);
    return image.id();
  }

  private String fastIdAsset(long id) {
    return assets.get(id);
  }

  private static AssetEvent event(String eventId, String asset, String url) {
    return new AssetEvent(eventId, "test-webhook", AssetEvent.UPLOADED, asset, url, null, "SKU-" + asset, null,
        "photo", Instant.now());
  }

  /** The partition Kafka's default partitioner gives this image's key. */
  static int partition(long imageId) {
    return Utils.toPositive(Utils.murmur2(Long.toString(imageId).getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
  }
}
