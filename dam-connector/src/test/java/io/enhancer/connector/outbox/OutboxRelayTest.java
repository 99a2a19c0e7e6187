package io.enhancer.connector.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.enhancer.connector.TestInfra;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox on the connector's schema (Flyway through V5), on H2 in MySQL mode and on MariaDB, publishing to a real
 * KRaft broker: what is committed is published, in order per key, once per relay pass that got an ack; what is
 * rolled back never is; one relay at a time; refusals and an unreachable broker are told apart.
 */
class OutboxRelayTest {
  static final Map<String, HikariDataSource> databases = new LinkedHashMap<>();
  static final List<KafkaTemplate<String, String>> templates = new CopyOnWriteArrayList<>();

  static synchronized Stream<String> databases() {
    if (databases.isEmpty()) {
      databases.put("h2", migrated("jdbc:h2:mem:outbox;MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
          + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1", "sa"));
      databases.put("mariadb", migrated("jdbc:mariadb://" + TestInfra.MARIADB_HOST + ":3306/"
          + TestInfra.freshSchema(OutboxRelayTest.class), "root"));
    }
    return databases.keySet().stream();
  }

  @AfterAll
  static void close() {
    templates.forEach(t -> t.getProducerFactory().reset());
    databases.values().forEach(HikariDataSource::close);
  }

  private static HikariDataSource migrated(String url, String user) {
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl(url);
    ds.setUsername(user);
    ds.setPassword("");
    ds.setMaximumPoolSize(4);
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    return ds;
  }

  /** A clock the test moves; the relay reads time only from it (lease, backoff). */
  static final class TestClock extends Clock {
    volatile Instant now = Instant.parse("2026-06-01T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  final TestClock clock = new TestClock();
  final OutboxProperties properties = new OutboxProperties(100, Duration.ofMillis(50), Duration.ofSeconds(60),
      Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(8), 2, Duration.ofHours(1), Duration.ZERO);
  final List<String> deadRows = new CopyOnWriteArrayList<>();

  /** An empty outbox and a free lease: each test starts from nothing. */
  private HikariDataSource fresh(String db) {
    HikariDataSource ds = databases.get(db);
    JdbcClient jdbc = JdbcClient.create(ds);
    jdbc.sql("DELETE FROM outbox").update();
    jdbc.sql("UPDATE outbox_lease SET holder = NULL, lease_until = '2000-01-01 00:00:00.000'").update();
    return ds;
  }

  private static KafkaTemplate<String, String> template(String bootstrap, Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class, ProducerConfig.ACKS_CONFIG, "all"));
    config.putAll(extra);
    KafkaTemplate<String, String> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    templates.add(template);
    return template;
  }

  private OutboxRelay relay(HikariDataSource ds, OutboxStore store, String holder, KafkaTemplate<String, String> kafka) {
    StaticListableBeanFactory listeners = new StaticListableBeanFactory();
    listeners.addBean("recordsDeadRows", (OutboxDeadRowListener) (row, reason) -> deadRows.add(row.key() + ": " + reason));
    return new OutboxRelay(store, new OutboxLease(ds, holder), kafka, properties, clock,
        listeners.getBeanProvider(OutboxDeadRowListener.class), new SimpleMeterRegistry());
  }

  private OutboxRelay relay(HikariDataSource ds, String holder) {
    return relay(ds, new OutboxStore(ds), holder, template(TestInfra.kafkaBootstrap(), Map.of()));
  }

  /** Writes the messages in one committed transaction, as a state change would. */
  private void commit(HikariDataSource ds, OutboxRelay relay, OutboxMessage... messages) {
    OutboxWriter writer = new OutboxWriter(new OutboxStore(ds), relay, clock);
    new TransactionTemplate(new JdbcTransactionManager(ds)).executeWithoutResult(status -> {
      for (OutboxMessage m : messages) writer.write(m);
    });
  }

  private static List<ConsumerRecord<String, String>> consume(String topic, int expected) {
    Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrap(),
        ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (records.size() < expected && System.nanoTime() < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      // a moment more: a record beyond the expected ones would be a wrong duplicate
      consumer.poll(Duration.ofMillis(500)).forEach(records::add);
    }
    return records;
  }

  private static String topic() {
    return "outbox-test-" + UUID.randomUUID();
  }

  private static long count(HikariDataSource ds, String status) {
    return new OutboxStore(ds).count(status);
  }

  private static int drain(OutboxRelay relay) {
    int published = 0;
    for (int i = 0; i < 20; i++) {
      OutboxRelay.Pass pass = relay.relayOnce();
      if (pass.published() == 0) break;
      published += pass.published();
    }
    return published;
  }

  @ParameterizedTest
  @MethodSource("databases")
  void publishesEveryCommittedRowOnceInTheOrderWrittenPerKeyAndMarksThemSent(String db) {
    HikariDataSource ds = fresh(db);
    OutboxRelay relay = relay(ds, "relay-a");
    String topic = topic();
    commit(ds, relay, new OutboxMessage(topic, "image-1", "1-first"), new OutboxMessage(topic, "image-2", "2-first"),
        new OutboxMessage(topic, "image-1", "1-second"), new OutboxMessage(topic, "image-1", "1-third"),
        new OutboxMessage(topic, "image-2", "2-second"));

    OutboxRelay.Pass first = relay.relayOnce();
    assertThat(first.published()).as("one row per key in flight: the heads of image-1 and image-2").isEqualTo(2);
    assertThat(drain(relay)).isEqualTo(3);

    List<ConsumerRecord<String, String>> records = consume(topic, 5);
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    records.forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));
    assertThat(byKey.get("image-1")).containsExactly("1-first", "1-second", "1-third");
    assertThat(byKey.get("image-2")).containsExactly("2-first", "2-second");
    assertThat(count(ds, OutboxStore.SENT)).isEqualTo(5);
    assertThat(count(ds, OutboxStore.PENDING)).isZero();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aFailureAfterTheInsertRollsBackTheStateAndTheOutboxRowTogether(String db) {
    HikariDataSource ds = fresh(db);
    OutboxRelay relay = relay(ds, "relay-a");
    OutboxWriter writer = new OutboxWriter(new OutboxStore(ds), relay, clock);
    JdbcClient jdbc = JdbcClient.create(ds);
    String asset = "rolled-back-" + UUID.randomUUID();
    String topic = topic();

    assertThatThrownBy(() -> new TransactionTemplate(new JdbcTransactionManager(ds)).executeWithoutResult(status -> {
      jdbc.sql("INSERT INTO product_images (source, asset_id, status, qc_status, created_at, updated_at)"
          + " VALUES ('test', :asset, 'pending', 'pending', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
          .param("asset", asset).update();
      writer.write(new OutboxMessage(topic, asset, "{\"task\":1}"));
      throw new IllegalStateException("the step after the insert fails");
    })).hasMessageContaining("after the insert");

    assertThat(jdbc.sql("SELECT COUNT(*) FROM product_images WHERE asset_id = :a").param("a", asset)
        .query(Long.class).single()).isZero();
    assertThat(count(ds, OutboxStore.PENDING)).as("no row for a change that did not happen").isZero();
    assertThat(relay.relayOnce().published()).isZero();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void refusesToWriteARowOutsideATransaction(String db) {
    HikariDataSource ds = fresh(db);
    OutboxWriter writer = new OutboxWriter(new OutboxStore(ds), relay(ds, "relay-a"), clock);
    assertThatThrownBy(() -> writer.write(new OutboxMessage(topic(), "k", "v")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("transaction");
    assertThat(count(ds, OutboxStore.PENDING)).isZero();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void onlyTheLeaseHolderPublishesAndAnotherTakesOverWhenItIsReleasedOrExpires(String db) {
    HikariDataSource ds = fresh(db);
    OutboxRelay a = relay(ds, "process-a");
    OutboxRelay b = relay(ds, "process-b");
    String topic = topic();
    commit(ds, a, new OutboxMessage(topic, "k1", "one"));
    assertThat(a.relayOnce().published()).isEqualTo(1);

    commit(ds, b, new OutboxMessage(topic, "k2", "two"));
    OutboxRelay.Pass standby = b.relayOnce();
    assertThat(standby.holder()).as("a second process stands by while the first holds the lease").isFalse();
    assertThat(count(ds, OutboxStore.PENDING)).isEqualTo(1);

    clock.advance(properties.lease().plusSeconds(1)); // process-a stopped renewing (crashed)
    assertThat(b.relayOnce().published()).as("taken over once the lease expired").isEqualTo(1);
    assertThat(a.relayOnce().holder()).isFalse();

    b.start();
    b.stop(); // a graceful stop hands the lease back at once, long before it would expire
    commit(ds, a, new OutboxMessage(topic, "k3", "three"));
    assertThat(a.relayOnce().published()).isEqualTo(1);

    assertThat(consume(topic, 3)).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("one", "two", "three");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aCrashBetweenPublishAndMarkPublishesTheRowAgainAndThenMarksItSent(String db) {
    HikariDataSource ds = fresh(db);
    OutboxStore diesBeforeMarking = new OutboxStore(ds) {
      @Override
      void markSent(List<Long> ids, Instant at) {
        throw new IllegalStateException("relay process died after the broker's ack, before marking " + ids);
      }
    };
    KafkaTemplate<String, String> kafka = template(TestInfra.kafkaBootstrap(), Map.of());
    OutboxRelay crashing = relay(ds, diesBeforeMarking, "process-a", kafka);
    String topic = topic();
    commit(ds, crashing, new OutboxMessage(topic, "image-7", "task-7"));

    assertThatThrownBy(crashing::relayOnce).hasMessageContaining("died after the broker's ack");
    assertThat(count(ds, OutboxStore.PENDING)).as("not marked: it goes again").isEqualTo(1);

    clock.advance(properties.lease().plusSeconds(1)); // the crashed process never renews its lease
    OutboxRelay next = relay(ds, "process-b");
    assertThat(next.relayOnce().published()).isEqualTo(1);
    assertThat(count(ds, OutboxStore.SENT)).isEqualTo(1);
    assertThat(next.relayOnce().published()).as("sent rows are not sent again").isZero();
    assertThat(consume(topic, 2)).as("a duplicate message, for consumers to recognise").extracting(ConsumerRecord::value)
        .containsExactly("task-7", "task-7");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aRowTheBrokerRefusesIsRetriedWithBackoffThenDeadWhileOtherKeysFlowAndItsKeyWaits(String db) {
    HikariDataSource ds = fresh(db);
    // The producer refuses records above 2 KB at once (RecordTooLargeException): a refusal, not an outage.
    OutboxRelay relay = relay(ds, new OutboxStore(ds), "relay-a",
        template(TestInfra.kafkaBootstrap(), Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2048)));
    String topic = topic();
    commit(ds, relay, new OutboxMessage(topic, "big", "x".repeat(4096)), new OutboxMessage(topic, "big", "after-big"),
        new OutboxMessage(topic, "small", "small-1"));

    OutboxRelay.Pass first = relay.relayOnce();
    assertThat(first.refused()).isEqualTo(1);
    assertThat(first.brokerUnreachable()).isNull();
    assertThat(first.published()).as("another key is not held up").isEqualTo(1);
    assertThat(relay.relayOnce().published()).as("the refused row waits its backoff and holds its key").isZero();

    clock.advance(properties.backoff(1).plusMillis(1));
    OutboxRelay.Pass second = relay.relayOnce();
    assertThat(second.refused()).isEqualTo(1);
    assertThat(count(ds, OutboxStore.DEAD)).as("dead after ENHANCER_OUTBOX_MAX_ATTEMPTS (2)").isEqualTo(1);
    assertThat(deadRows).singleElement().asString().startsWith("big: RecordTooLargeException");

    assertThat(relay.relayOnce().published()).as("the key's next row goes once its head is dead").isEqualTo(1);
    assertThat(consume(topic, 2)).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("small-1", "after-big");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anUnreachableBrokerCostsTheRowsNoAttemptAndTheyWait(String db) throws Exception {
    HikariDataSource ds = fresh(db);
    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    OutboxRelay relay = relay(ds, new OutboxStore(ds), "relay-a", template("127.0.0.1:" + deadPort,
        Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 500, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500)));
    String topic = topic();
    commit(ds, relay, new OutboxMessage(topic, "a", "1"), new OutboxMessage(topic, "b", "2"));

    OutboxRelay.Pass pass = relay.relayOnce();
    assertThat(pass.published()).isZero();
    assertThat(pass.refused()).isZero();
    assertThat(pass.brokerUnreachable()).isNotNull();
    assertThat(new OutboxStore(ds).pending(10)).hasSize(2).allSatisfy(row -> assertThat(row.attempts()).isZero());
  }
}
