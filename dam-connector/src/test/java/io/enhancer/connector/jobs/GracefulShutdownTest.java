package io.enhancer.connector.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.connector.Await;
import io.enhancer.connector.EnhancerApplication;
import io.enhancer.connector.TestInfra;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.renditions.RenditionMapper;
import io.enhancer.webhooks.intake.AssetEvent;
import io.enhancer.webhooks.intake.AssetEventSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What SIGTERM does to a worker, on real components: closing the context (what Spring's shutdown hook does) while a
 * task is being enhanced lets that task finish, commits its offset and leaves the consumer group, so nothing is
 * redelivered and the partitions move at once.
 */
@ExtendWith(OutputCaptureExtension.class)
class GracefulShutdownTest {
  static final String TOPIC = "enhancer.jobs.shutdown";
  static final String GROUP = "enhancer-workers-shutdown";

  @Test
  void closingTheServiceMidTaskFinishesAndCommitsTheTaskThenLeavesTheGroup(CapturedOutput output) throws Exception {
    Path dataDir = Files.createTempDirectory("enhancer-shutdown");
    String schema = TestInfra.freshSchema(GracefulShutdownTest.class);
    // Arguments, not default properties: application.yml would win over those.
    ConfigurableApplicationContext service = new SpringApplicationBuilder(EnhancerApplication.class).run(
        "--MYSQL_HOST=" + TestInfra.MARIADB_HOST, "--MYSQL_DATABASE=" + schema,
        "--KAFKA_BOOTSTRAP_SERVERS=" + TestInfra.kafkaBootstrap(), "--ENHANCER_DATA_DIR=" + dataDir,
        "--ENHANCER_ADMIN_KEY=test-admin-" + UUID.randomUUID(), "--ENHANCER_JOB_PARTITIONS=1", "--SERVER_PORT=0",
        "--ENHANCER_OUTBOUND_WEBHOOKS=market=http://127.0.0.1:9/never", "--ENHANCER_OUTBOUND_SECRET=" + "s".repeat(32),
        "--ENHANCER_OUTBOUND_ALLOW_HTTP=true",
        "--enhancer.jobs.topic=" + TOPIC, "--enhancer.jobs.dead-letter-topic=" + TOPIC + ".dlt",
        "--spring.kafka.consumer.group-id=" + GROUP);
    long imageId;
    Path original = dataDir.resolve("dam/originals/shop/shutdown.jpg");
    try {
      Files.createDirectories(original.getParent());
      Files.copy(TestInfra.productPhotos(1).get(0), original);
      ImageMapper images = service.getBean(ImageMapper.class);
      service.getBean(AssetEventSink.class).accept(new AssetEvent("evt-shutdown", "dam", AssetEvent.UPLOADED,
          "asset-shutdown", null, "shop/shutdown.jpg", "SKU-SHUTDOWN", null, "primary", Instant.now()));
      imageId = images.findByAsset("dam", "asset-shutdown").id();
      Await.until(Duration.ofSeconds(60), "the worker enhancing the image",
          () -> images.find(imageId).status().equals(ProductImage.PROCESSING));
    } finally {
      service.close(); // returns once the lifecycle has stopped, as the shutdown hook does before the JVM exits
    }

    // the task in hand ran to its end and was acknowledged before the consumer left
    JdbcTemplate db = new JdbcTemplate(dataSourceOf(schema));
    assertThat(db.queryForObject("SELECT status FROM product_images WHERE id = ?", String.class, imageId))
        .isEqualTo("completed");
    // its rendition.ready was stored for delivery: the dispatcher stops only after the workers
    assertThat(db.queryForObject("SELECT COUNT(*) FROM outbound_deliveries WHERE event_type = 'rendition.ready'",
        Integer.class)).isEqualTo(1);
    assertThat(output.getOut()).doesNotContain("could not queue outbound");
    assertThat(db.queryForObject("SELECT COUNT(*) FROM renditions WHERE image_id = ?", Integer.class, imageId))
        .isEqualTo(1);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrap()))) {
      TopicPartition partition = new TopicPartition(TOPIC, 0);
      long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
      OffsetAndMetadata committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get()
          .get(partition);
      assertThat(committed).as("offset committed").isNotNull();
      assertThat(committed.offset()).isEqualTo(end);
      assertThat(admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP).members())
          .as("left the group instead of waiting for the session timeout").isEmpty();
    }
  }

  private static DataSource dataSourceOf(String schema) {
    var dataSource = new org.springframework.jdbc.datasource.DriverManagerDataSource(
        "jdbc:mariadb://" + TestInfra.MARIADB_HOST + ":3306/" + schema, "root", "");
    return dataSource;
  }
}
