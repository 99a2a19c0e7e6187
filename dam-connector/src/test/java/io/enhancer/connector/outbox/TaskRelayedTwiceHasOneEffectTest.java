package io.enhancer.connector.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enhancer.connector.Await;
import io.enhancer.connector.LocalOrigin;
import io.enhancer.connector.MarketplaceReceiver;
import io.enhancer.connector.TestInfra;
import io.enhancer.connector.admission.SyntheticPhoto;
import io.enhancer.connector.images.CatalogRegistry;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.jobs.EnhancementTask;
import io.enhancer.connector.jobs.JobPublisher;
import io.enhancer.connector.renditions.RenditionMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox's at-least-once publishing meets idempotent consumers: a relay that dies after the broker acked a task
 * but before marking its row sends it again, the worker (real engine, MariaDB, KRaft broker) runs it once and
 * recognises the repeat by its task id, and the marketplace hears of one rendition. Also: a transaction that fails
 * after the task was written keeps neither the task nor the image's pointer to it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
    "ENHANCER_ALLOW_PRIVATE_ADDRESSES=true", "ENHANCER_JOB_MAX_ATTEMPTS=1", "ENHANCER_JOB_PARTITIONS=1",
    "ENHANCER_WORKER_CONCURRENCY=1", "ENHANCER_OUTBOX_SEND_TIMEOUT=2s", "ENHANCER_OUTBOX_LEASE=4s",
    "ENHANCER_OUTBOUND_POLL=200ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TaskRelayedTwiceHasOneEffectTest {
  static final String TOPIC = "enhancer.jobs.twice." + UUID.randomUUID();
  static LocalOrigin origin;
  static MarketplaceReceiver marketplace;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) throws Exception {
    origin = new LocalOrigin();
    marketplace = new MarketplaceReceiver(0);
    Path dataDir = Files.createTempDirectory("enhancer-relayed-twice");
    String schema = TestInfra.freshSchema(TaskRelayedTwiceHasOneEffectTest.class);
    r.add("MYSQL_HOST", () -> TestInfra.MARIADB_HOST);
    r.add("MYSQL_DATABASE", () -> schema);
    r.add("KAFKA_BOOTSTRAP_SERVERS", TestInfra::kafkaBootstrap);
    r.add("ENHANCER_DATA_DIR", dataDir::toString);
    r.add("ENHANCER_ALLOWED_ORIGINS", origin::origin);
    r.add("ENHANCER_OUTBOUND_WEBHOOKS", () -> "market=" + marketplace.url());
    r.add("ENHANCER_OUTBOUND_SECRET", () -> "whsec_relayed_twice_secret_0001");
    r.add("ENHANCER_OUTBOUND_ALLOW_HTTP", () -> "true");
    r.add("enhancer.jobs.topic", () -> TOPIC);
    r.add("spring.kafka.consumer.group-id", () -> "enhancer-workers-twice");
  }

  @AfterAll
  static void stopServers() {
    origin.close();
    marketplace.close();
  }

  @Autowired OutboxRelay contextRelay;
  @Autowired DataSource dataSource;
  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired OutboxProperties properties;
  @Autowired ObjectProvider<OutboxDeadRowListener> deadRowListeners;
  @Autowired JobPublisher jobs;
  @Autowired CatalogRegistry catalog;
  @Autowired ImageMapper images;
  @Autowired RenditionMapper renditions;
  @Autowired TransactionTemplate tx;
  @Autowired MeterRegistry meters;
  @Autowired JsonMapper json;

  /** The service's own relay stands down (handing back its lease), so this test decides when rows go out. */
  @BeforeEach
  void standDownTheServicesRelay() {
    contextRelay.stop();
  }

  @Test
  void aTaskPublishedTwiceBecauseTheRelayDiedBeforeMarkingItRunsOnceAndAnnouncesOneRendition() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String url = origin.serve("twice-" + run + ".jpg", SyntheticPhoto.jpeg(800, 600));
    ProductImage image = catalog.register(new CatalogRegistry.NewImage("test", "twice-" + run, "SKU-TWICE", null,
        "photo", url, null));
    EnhancementTask task = jobs.enqueue(image);
    double repeatsBefore = alreadyDone();

    OutboxStore diesBeforeMarking = new OutboxStore(dataSource) {
      @Override
      void markSent(List<Long> ids, Instant at) {
        throw new IllegalStateException("relay process died after the broker's ack, before marking " + ids);
      }
    };
    OutboxRelay crashing = relay(diesBeforeMarking, "crashed-process");
    assertThatThrownBy(crashing::relayOnce).hasMessageContaining("before marking");

    // The next holder takes over once the crashed one's lease (4 s here) has expired, and sends the row again.
    OutboxRelay next = relay(new OutboxStore(dataSource), "next-process");
    Await.until(Duration.ofSeconds(20), "the row published again by the next holder",
        () -> next.relayOnce().published() == 1);

    List<String> onTopic = consume(2).stream().map(r -> json.readTree(r.value()).get("task_id").asString()).toList();
    assertThat(onTopic).as("the same task twice on the topic").containsExactly(task.taskId(), task.taskId());

    ProductImage done = Await.until(Duration.ofSeconds(90), "the task ran",
        () -> "completed".equals(images.find(image.id()).status()) ? images.find(image.id()) : null);
    Await.until(Duration.ofSeconds(60), "the repeat recognised as done", () -> alreadyDone() >= repeatsBefore + 1);
    assertThat(renditions.forImage(image.id())).as("one rendition for two messages").hasSize(1);
    assertThat(done.currentTaskId()).isEqualTo(task.taskId());

    JdbcClient jdbc = JdbcClient.create(dataSource);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM outbound_deliveries WHERE event_type = 'rendition.ready'"
        + " AND payload LIKE :image").param("image", "%\"image_id\":" + image.id() + ",%").query(Long.class).single())
        .as("one rendition.ready delivery").isEqualTo(1);
    Await.until(Duration.ofSeconds(30), "the marketplace heard of the rendition", () -> marketplace.requests.stream()
        .anyMatch(r -> "rendition.ready".equals(r.eventType()) && r.bodyText().contains("\"image_id\":" + image.id() + ",")));
    Thread.sleep(1000); // a second announcement would arrive by now
    assertThat(marketplace.requests.stream().filter(r -> r.bodyText().contains("\"image_id\":" + image.id() + ","))
        .map(MarketplaceReceiver.Received::deliveryId).distinct()).hasSize(1);
  }

  @Test
  void aFailureAfterTheTaskIsWrittenRollsBackTheTaskAndTheImagesPointerToIt() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    ProductImage image = catalog.register(new CatalogRegistry.NewImage("test", "rolled-" + run, "SKU-ROLLED", null,
        "photo", "https://origin.example/rolled.jpg", null));
    JdbcClient jdbc = JdbcClient.create(dataSource);
    long rowsBefore = jdbc.sql("SELECT COUNT(*) FROM outbox WHERE message_key = :k").param("k", image.id().toString())
        .query(Long.class).single();

    String[] written = new String[1];
    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      written[0] = jobs.enqueue(image).taskId();
      throw new IllegalStateException("the step after queueing fails");
    })).hasMessageContaining("after queueing");

    assertThat(written[0]).as("the task was written before the failure").isNotNull();
    ProductImage after = images.find(image.id());
    assertThat(after.currentTaskId()).as("the image does not point at a task that was never committed").isNull();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox WHERE message_key = :k").param("k", image.id().toString())
        .query(Long.class).single()).as("and no outbox row announces it").isEqualTo(rowsBefore);
  }

  private OutboxRelay relay(OutboxStore store, String holder) {
    return new OutboxRelay(store, new OutboxLease(dataSource, holder), kafka, properties, Clock.systemUTC(),
        deadRowListeners, meters);
  }

  private double alreadyDone() {
    Counter c = meters.find("enhancer.jobs").tag("outcome", "already_done").counter();
    return c == null ? 0 : c.count();
  }

  private List<ConsumerRecord<String, String>> consume(int expected) {
    Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrap(),
        ConsumerConfig.GROUP_ID_CONFIG, "twice-reader-" + UUID.randomUUID(),
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
}
