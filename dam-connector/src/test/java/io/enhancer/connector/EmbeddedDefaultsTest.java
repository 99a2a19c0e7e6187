package io.enhancer.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.connector.config.EmbeddedKafkaInitializer;
import io.enhancer.connector.images.ImageFilter;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.jobs.InProcessLiveStatusStore;
import io.enhancer.connector.jobs.LiveStatusStore;
import io.enhancer.webhooks.intake.ProcessedEventStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The no-servers mode (`./enhancer serve`): H2 in MySQL mode, a KRaft broker started inside the JVM, live status in
 * process, a first admin key printed once; the same schema and code paths as production.
 */
class EmbeddedDefaultsTest {
  @TempDir Path dataDir;

  @Test
  void startsWithNoServersEnhancesInboxDropsAndKeepsStateAcrossRestart() throws Exception {
    int kafkaPort = freePortPair();
    String[] args = {"--ENHANCER_DATA_DIR=" + dataDir, "--SERVER_PORT=0", "--MYSQL_HOST=", "--KAFKA_BOOTSTRAP_SERVERS=",
        "--REDIS_URL=", "--ENHANCER_ADMIN_KEY=", "--ENHANCER_EMBEDDED_KAFKA_PORT=" + kafkaPort,
        "--ENHANCER_INBOX_POLL=500ms", "--spring.kafka.consumer.group-id=enhancer-workers-embedded",
        "--enhancer.jobs.topic=enhancer.jobs.embedded"};
    HttpClient http = HttpClient.newHttpClient();
    long imageId;
    // What a spring-kafka-test broker started earlier in this JVM leaves behind: only KAFKA_BOOTSTRAP_SERVERS counts.
    String leaked = System.setProperty("spring.kafka.bootstrap-servers", "127.0.0.1:1");

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ConfigurableApplicationContext app;
    try {
      app = start(args, printed);
    } finally {
      restore("spring.kafka.bootstrap-servers", leaked);
    }
    try {
      Matcher m = Pattern.compile("(enh_[0-9a-f]{64})").matcher(printed.toString());
      assertThat(m.find()).as("admin key printed on first start").isTrue();
      assertThat(printed.toString()).as("the summary says which models run")
          .contains("models    matte=classical, upscale=lanczos   (no ENHANCER_MODELS_DIR)");
      String adminKey = m.group(1);
      JdbcTemplate db = new JdbcTemplate(app.getBean(DataSource.class));
      List<String> hashes = db.queryForList("SELECT key_hash FROM api_keys", String.class);
      assertThat(hashes).hasSize(1);
      assertThat(hashes.get(0)).hasSize(64).isNotEqualTo(adminKey).doesNotContain(adminKey.substring(4, 20));
      assertThat(app.getBean(LiveStatusStore.class)).isInstanceOf(InProcessLiveStatusStore.class);
      assertThat(db.queryForObject("SELECT H2VERSION()", String.class)).startsWith("2.");

      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      HttpResponse<String> stats = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/api/v1/stats")).header("Authorization", "Bearer " + adminKey).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(stats.statusCode()).isEqualTo(200);
      assertThat(app.getEnvironment().getProperty("spring.kafka.bootstrap-servers")).endsWith(":" + kafkaPort);

      // no webhook secret configured: every source is unknown; the deliveries table (migration V2) reads on H2
      HttpResponse<String> webhook = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/webhooks/generic")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(webhook.statusCode()).isEqualTo(404);
      assertThat(webhook.body()).contains("\"unknown_source\"");
      HttpResponse<String> deliveries = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/api/v1/webhooks/deliveries")).header("Authorization", "Bearer " + adminKey).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(deliveries.statusCode()).isEqualTo(200);
      assertThat(deliveries.body()).contains("\"total\":0");

      ProcessedEventStore events = app.getBean(ProcessedEventStore.class);
      assertThat(events.recordIfNew("generic", "evt-1", Instant.now())).isTrue();
      assertThat(events.recordIfNew("generic", "evt-1", Instant.now())).isFalse();
      events.forget("generic", "evt-1");
      assertThat(events.recordIfNew("generic", "evt-1", Instant.now())).isTrue();

      Path photo = TestInfra.productPhotos(1).get(0);
      Path staged = Files.copy(photo, dataDir.resolve("staged.jpg"));
      Files.setLastModifiedTime(staged, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(5)));
      Files.move(staged, dataDir.resolve("dam/inbox/apple.jpg"));
      ImageMapper images = app.getBean(ImageMapper.class);
      ProductImage done = Await.until(Duration.ofSeconds(90), "inbox image completed on H2", () -> images
          .search(new ImageFilter(null, null, "completed", null, 10, 0)).stream().findFirst().orElse(null));
      imageId = done.id();
      assertThat(done.qcStatus()).isIn("auto_approved", "needs_review");
      try (var files = Files.walk(dataDir.resolve("dam/renditions"))) {
        assertThat(files.filter(f -> f.getFileName().toString().startsWith("v1-")).count()).isEqualTo(1);
      }
      assertThat(dataDir.resolve("kafka/meta.properties")).exists();
      assertThat(dataDir.resolve("db/enhancer.mv.db")).exists();
    } finally {
      app.close();
    }

    ByteArrayOutputStream printedAgain = new ByteArrayOutputStream();
    ConfigurableApplicationContext again = start(args, printedAgain);
    try {
      assertThat(printedAgain.toString()).doesNotContain("admin API key");
      ProductImage kept = again.getBean(ImageMapper.class).find(imageId);
      assertThat(kept.status()).isEqualTo("completed");
    } finally {
      again.close();
    }
  }

  private static ConfigurableApplicationContext start(String[] args, ByteArrayOutputStream printed) {
    PrintStream original = System.out;
    System.setOut(new PrintStream(new TeeStream(original, printed), true));
    try {
      SpringApplication app = new SpringApplication(EnhancerApplication.class);
      app.addInitializers(new EmbeddedKafkaInitializer());
      return app.run(args);
    } finally {
      System.setOut(original);
    }
  }

  private static void restore(String property, String previous) {
    if (previous == null) System.clearProperty(property);
    else System.setProperty(property, previous);
  }

  private static int freePortPair() throws Exception {
    for (int attempt = 0; attempt < 20; attempt++) {
      int p;
      try (ServerSocket s = new ServerSocket(0)) {
        p = s.getLocalPort();
      }
      try (ServerSocket next = new ServerSocket(p + 1)) {
        return p;
      } catch (java.io.IOException taken) {
        // try another pair
      }
    }
    throw new IllegalStateException("no two free neighbouring ports");
  }

  /** Writes to the console and keeps a copy. */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
