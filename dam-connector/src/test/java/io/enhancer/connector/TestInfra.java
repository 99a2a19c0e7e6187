package io.enhancer.connector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The real components tests run against: MariaDB and Redis on this machine, one Kafka broker in the JVM. */
public final class TestInfra {
  public static final String MARIADB_HOST = "127.0.0.1";
  public static final String REDIS_URL = "redis://127.0.0.1:6379";
  private static EmbeddedKafkaKraftBroker kafka;

  private TestInfra() {}

  /** One KRaft broker for the whole test JVM; each test class uses its own topics and consumer group. */
  public static synchronized String kafkaBootstrap() {
    if (kafka == null) {
      kafka = new EmbeddedKafkaKraftBroker(1, 1);
      kafka.brokerProperty("group.initial.rebalance.delay.ms", "0");
      kafka.afterPropertiesSet();
      // The broker advertises itself as a system property; tests pass its address explicitly instead, so the
      // embedded-defaults test still starts its own broker.
      System.clearProperty("spring.kafka.bootstrap-servers");
      Runtime.getRuntime().addShutdownHook(new Thread(kafka::destroy));
    }
    return kafka.getBrokersAsString();
  }

  /**
   * A fresh, empty MariaDB schema named after the test class and the checkout (dropped first if a previous run left
   * it): two checkouts running the same test class at once on this machine must not drop each other's tables.
   */
  public static String freshSchema(Class<?> testClass) {
    String name = "enh_t_" + testClass.getSimpleName().toLowerCase().replaceAll("[^a-z0-9]", "");
    String checkout = Integer.toHexString(Path.of("").toAbsolutePath().normalize().toString().hashCode() & 0xffffff);
    name = name.substring(0, Math.min(56, name.length())) + "_" + checkout;
    try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + MARIADB_HOST + ":3306/test", "root", "");
         Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    } catch (SQLException e) {
      throw new IllegalStateException("MariaDB at " + MARIADB_HOST + ":3306 is needed for this test", e);
    }
    return name;
  }

  /**
   * Where the repo's install scripts keep tools the tests run (s3rver, Directus): {@code ENHANCER_TOOLS_DIR}, else
   * {@code ~/.cache/enhancer}, outside {@code target/} so that {@code mvn clean} keeps them.
   */
  public static Path toolsDir() {
    String tools = System.getenv("ENHANCER_TOOLS_DIR");
    return tools != null && !tools.isBlank() ? Path.of(tools)
        : Path.of(System.getProperty("user.home"), ".cache", "enhancer");
  }

  public static Path shared() {
    String p = System.getProperty("enhancer.shared.dir");
    Path dir = p != null ? Path.of(p) : Path.of("..", "..", "shared");
    if (!Files.isDirectory(dir)) dir = Path.of("..", "shared");
    return dir.toAbsolutePath().normalize();
  }

  /** The first n product photos of the GroceryStore set (sorted, so the subset is stable). */
  public static List<Path> productPhotos(int n) {
    Path dir = shared().resolve("datasets/products-GroceryStore/iconic");
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).filter(f -> f.toString().toLowerCase().endsWith(".jpg"))
          .sorted().limit(n).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
