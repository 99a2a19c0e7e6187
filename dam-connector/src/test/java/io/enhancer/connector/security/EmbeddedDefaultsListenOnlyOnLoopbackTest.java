package io.enhancer.connector.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.connector.EnhancerApplication;
import io.enhancer.connector.config.EmbeddedKafkaInitializer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On embedded defaults (H2 file, Kafka in the JVM, no SERVER_ADDRESS) the service is a single-machine install:
 * nothing it opens may listen beyond loopback. Before, H2's AUTO_SERVER put a database TCP server on every
 * interface and the HTTP port listened on all of them too.
 */
class EmbeddedDefaultsListenOnlyOnLoopbackTest {
  @TempDir Path dataDir;

  @Test
  void everySocketTheEmbeddedServiceListensOnIsLoopbackOnly() throws Exception {
    int kafkaPort = freePortPair();
    Set<Long> before = ListeningSockets.ofThisProcess().stream().map(ListeningSockets.Listener::inode)
        .collect(Collectors.toSet());
    SpringApplication app = new SpringApplication(EnhancerApplication.class);
    app.addInitializers(new EmbeddedKafkaInitializer());
    try (ConfigurableApplicationContext context = app.run("--ENHANCER_DATA_DIR=" + dataDir, "--SERVER_PORT=0",
        "--MYSQL_HOST=", "--KAFKA_BOOTSTRAP_SERVERS=", "--REDIS_URL=", "--ENHANCER_ADMIN_KEY=enh_test_loopback",
        "--ENHANCER_EMBEDDED_KAFKA_PORT=" + kafkaPort, "--spring.kafka.consumer.group-id=enhancer-loopback",
        "--enhancer.jobs.topic=enhancer.jobs.loopback")) {
      // A query makes sure the database is open (AUTO_SERVER started its server on the first connection).
      assertThat(new JdbcTemplate(context.getBean(DataSource.class)).queryForObject("SELECT COUNT(*) FROM api_keys",
          Integer.class)).isPositive();
      int httpPort = ((WebServerApplicationContext) context).getWebServer().getPort();

      List<ListeningSockets.Listener> opened = ListeningSockets.ofThisProcess().stream()
          .filter(l -> !before.contains(l.inode())).toList();
      assertThat(opened).as("listening sockets the service opened").isNotEmpty()
          .allSatisfy(l -> assertThat(l.loopback()).as(l + " is loopback").isTrue());
      assertThat(opened).extracting(ListeningSockets.Listener::port).as("HTTP, Kafka broker and controller, nothing else")
          .containsExactlyInAnyOrder(httpPort, kafkaPort, kafkaPort + 1);
    }
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
}
