package io.enhancer.connector.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.enhancer.connector.Await;
import io.enhancer.connector.MarketplaceReceiver;
import io.enhancer.connector.TestInfra;
import io.enhancer.webhooks.delivery.AttemptOutcome;
import io.enhancer.webhooks.delivery.Delivery;
import io.enhancer.webhooks.delivery.DeliveryAttempt;
import io.enhancer.webhooks.delivery.DeliveryConfig;
import io.enhancer.webhooks.delivery.DeliveryKey;
import io.enhancer.webhooks.delivery.DeliveryState;
import io.enhancer.webhooks.delivery.OutboundEvent;
import io.enhancer.webhooks.delivery.RetryPolicy;
import io.enhancer.webhooks.delivery.WebhookDispatcher;
import io.enhancer.webhooks.delivery.WebhookEndpoint;
import io.enhancer.webhooks.signing.SignatureVerifier;
import io.enhancer.webhooks.signing.WebhookSecret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The webhooks module's delivery store contract on the connector's schema (Flyway V1 + V2), on H2 in MySQL mode and
 * on MariaDB, and the module's dispatcher running over it against a real receiver.
 */
class JdbcDeliveryStoreTest {
  static final String SECRET = "whsec_store_test_secret_0001";
  static final Map<String, HikariDataSource> databases = new java.util.LinkedHashMap<>();

  static synchronized Stream<String> databases() {
    if (databases.isEmpty()) {
      databases.put("h2", migrated("jdbc:h2:mem:deliveries;MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
          + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1", "sa"));
      databases.put("mariadb", migrated("jdbc:mariadb://" + TestInfra.MARIADB_HOST + ":3306/"
          + TestInfra.freshSchema(JdbcDeliveryStoreTest.class), "root"));
    }
    return databases.keySet().stream();
  }

  @AfterAll
  static void closePools() {
    databases.values().forEach(HikariDataSource::close);
  }

  private static HikariDataSource migrated(String url, String user) {
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl(url);
    ds.setUsername(user);
    ds.setPassword("");
    ds.setMaximumPoolSize(6);
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    return ds;
  }

  private static JdbcDeliveryStore store(String db) {
    return new JdbcDeliveryStore(databases.get(db), name -> "https://market.example/" + name);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS); // DATETIME(3)
  }

  private static OutboundEvent event(Instant at) {
    return new OutboundEvent("dlv_" + UUID.randomUUID(), OutboundEvent.RENDITION_READY, at,
        "{\"image_id\":7,\"url\":\"/api/v1/images/7/renditions/1/content\"}");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void createsEachDeliveryOnceAndReadsItBackUnchanged(String db) {
    JdbcDeliveryStore store = store(db);
    Instant now = now();
    OutboundEvent event = event(now.minusSeconds(3));
    Delivery pending = new Delivery(event, "market", DeliveryState.PENDING, 0, now, now);

    assertThat(store.create(pending)).isTrue();
    assertThat(store.create(pending)).as("same key again").isFalse();
    assertThat(store.create(new Delivery(event, "backup", DeliveryState.PENDING, 0, now, now)))
        .as("same event, another endpoint").isTrue();

    assertThat(store.find(pending.key())).contains(pending);
    DeliverySummary summary = store.summary(JdbcDeliveryStore.rowId(pending.key())).orElseThrow();
    assertThat(summary.targetUrl()).isEqualTo("https://market.example/market");
    assertThat(summary.status()).isEqualTo("pending");
    assertThat(summary.lastOutcome()).isNull();
    assertThat(store.find(new DeliveryKey(event.deliveryId(), "elsewhere"))).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void claimSucceedsOnceOnlyWhileDueAndWithTheExpectedAttemptCount(String db) {
    JdbcDeliveryStore store = store(db);
    Instant now = now();
    Delivery later = new Delivery(event(now), "market", DeliveryState.PENDING, 0, now.plusSeconds(60), now);
    Delivery due = new Delivery(event(now), "market", DeliveryState.PENDING, 0, now.minusMillis(5), now);
    store.create(later);
    store.create(due);

    assertThat(store.findDue(now, 1000)).extracting(Delivery::key).contains(due.key()).doesNotContain(later.key());
    assertThat(store.claim(later.key(), 0, now, now.plusSeconds(120))).as("not due").isFalse();
    assertThat(store.claim(due.key(), 1, now, now.plusSeconds(120))).as("wrong attempt count").isFalse();
    assertThat(store.claim(due.key(), 0, now, now.plusSeconds(120))).isTrue();
    assertThat(store.claim(due.key(), 0, now, now.plusSeconds(120))).as("leased to the first").isFalse();
    assertThat(store.findDue(now, 1000)).extracting(Delivery::key).doesNotContain(due.key());
    assertThat(store.claim(due.key(), 0, now.plusSeconds(121), now.plusSeconds(240))).as("lease ran out").isTrue();
  }

  @org.junit.jupiter.api.Test
  void aDeliveryAndItsAttemptsAreReadAsOfOneMoment() throws Exception {
    // MariaDB (REPEATABLE READ): an attempt committed between the two reads of one snapshot stays out of both, so an
    // operator never sees attempt 1 beside the status "pending" it replaced (the race the deliveries API had).
    databases();
    JdbcDeliveryStore store = store("mariadb");
    Instant t0 = now();
    Delivery d0 = new Delivery(event(t0), "market", DeliveryState.PENDING, 0, t0, t0);
    store.create(d0);
    DeliveryKey key = d0.key();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      record Seen(String status, int attempts) {}
      Seen seen = store.inOneSnapshot(() -> {
        String status = store.summary(JdbcDeliveryStore.rowId(key)).orElseThrow().status();
        try {
          other.submit(() -> store.recordAttempt(new DeliveryAttempt(key, 1, t0, Duration.ofMillis(5),
              AttemptOutcome.DELIVERED, 200, "ok"), new Delivery(d0.event(), "market", DeliveryState.DELIVERED, 1,
              null, t0.plusMillis(5)))).get();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return new Seen(status, store.attempts(key).size());
      });
      assertThat(seen).isEqualTo(new Seen("pending", 0));
      assertThat(store.summary(JdbcDeliveryStore.rowId(key)).orElseThrow().status()).isEqualTo("delivered");
      assertThat(store.attempts(key)).hasSize(1);
    } finally {
      other.shutdownNow();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void recordsAttemptsInOrderAndRedeliveryStartsAFreshSchedule(String db) {
    JdbcDeliveryStore store = store(db);
    Instant t0 = now();
    Delivery d0 = new Delivery(event(t0), "market", DeliveryState.PENDING, 0, t0, t0);
    store.create(d0);
    DeliveryKey key = d0.key();

    Delivery d1 = new Delivery(d0.event(), "market", DeliveryState.PENDING, 1, t0.plusSeconds(60), t0.plusMillis(40));
    store.recordAttempt(new DeliveryAttempt(key, 1, t0, Duration.ofMillis(40), AttemptOutcome.HTTP_ERROR, 503,
        "maintenance window"), d1);
    Delivery d2 = new Delivery(d0.event(), "market", DeliveryState.DEAD, 2, null, t0.plusSeconds(61));
    store.recordAttempt(new DeliveryAttempt(key, 2, t0.plusSeconds(60), Duration.ofMillis(10_000),
        AttemptOutcome.TIMEOUT, 0, "no response within 10000 ms"), d2);

    assertThat(store.find(key)).contains(d2);
    assertThat(store.findByState(DeliveryState.DEAD, 1000)).extracting(Delivery::key).contains(key);
    List<DeliveryAttempt> attempts = store.attempts(key);
    assertThat(attempts).extracting(DeliveryAttempt::number).containsExactly(1, 2);
    assertThat(attempts.get(0).httpStatus()).isEqualTo(503);
    assertThat(attempts.get(1).httpStatus()).isZero();
    assertThat(attempts.get(1).latency()).isEqualTo(Duration.ofSeconds(10));
    DeliverySummary summary = store.summary(JdbcDeliveryStore.rowId(key)).orElseThrow();
    assertThat(summary.status()).isEqualTo("dead");
    assertThat(summary.lastOutcome()).isEqualTo("timeout");
    assertThat(summary.lastError()).isEqualTo("timeout: no response within 10000 ms");

    Instant t1 = t0.plusSeconds(3600);
    assertThat(store.redeliver(key, t1)).isTrue();
    assertThat(store.redeliver(key, t1)).as("already pending").isFalse();
    assertThat(store.redeliver(new DeliveryKey("dlv_unknown", "market"), t1)).isFalse();
    assertThat(store.find(key)).contains(new Delivery(d0.event(), "market", DeliveryState.PENDING, 0, t1, t1));
    assertThat(store.attempts(key)).as("history kept across redeliveries").hasSize(2);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void dispatcherRetriesAFailingReceiverUntilItAcceptsAndRecordsEveryAttempt(String db) throws Exception {
    JdbcDeliveryStore store = store(db);
    try (MarketplaceReceiver receiver = new MarketplaceReceiver(2);
         WebhookDispatcher dispatcher = new WebhookDispatcher(config(receiver, 5), store, Clock.systemUTC())) {
      OutboundEvent event = event(now());
      Delivery delivery = dispatcher.enqueue(event).get(0);

      Delivery done = Await.until(Duration.ofSeconds(20), "delivered", () -> {
        dispatcher.dispatchDue();
        return store.find(delivery.key()).filter(d -> d.state() == DeliveryState.DELIVERED).orElse(null);
      });
      assertThat(done.attempts()).isEqualTo(3);
      assertThat(store.attempts(delivery.key())).extracting(DeliveryAttempt::httpStatus).containsExactly(500, 500, 200);
      assertThat(store.attempts(delivery.key()).get(0).responseExcerpt()).isEqualTo("busy, try later (1)");

      List<MarketplaceReceiver.Received> received = receiver.of(event.deliveryId());
      assertThat(received).hasSize(3);
      SignatureVerifier verifier = new SignatureVerifier(List.of(WebhookSecret.of(SECRET)), Duration.ofMinutes(5),
          Clock.systemUTC());
      for (MarketplaceReceiver.Received r : received) {
        verifier.verify(r.signature(), r.body()); // throws when the signature does not match these bytes
        assertThat(r.body()).isEqualTo(received.get(0).body());
        assertThat(r.eventType()).isEqualTo("rendition.ready");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void twoDispatchersOverOneDatabaseSendEveryAttemptExactlyOnce(String db) throws Exception {
    JdbcDeliveryStore store = store(db);
    try (MarketplaceReceiver receiver = new MarketplaceReceiver(0);
         WebhookDispatcher first = new WebhookDispatcher(config(receiver, 3), store, Clock.systemUTC());
         WebhookDispatcher second = new WebhookDispatcher(config(receiver, 3), new JdbcDeliveryStore(databases.get(db),
             name -> null), Clock.systemUTC())) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 20; i++) ids.add(first.enqueue(event(now())).get(0).event().deliveryId());

      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Callable<Integer>> passes = List.of(first::dispatchDue, second::dispatchDue, first::dispatchDue,
            second::dispatchDue);
        for (Future<Integer> pass : pool.invokeAll(passes)) pass.get();
      } finally {
        pool.shutdown();
      }

      List<String> sent = receiver.requests.stream().map(MarketplaceReceiver.Received::deliveryId)
          .filter(ids::contains).toList();
      assertThat(sent).hasSize(20);
      assertThat(new HashSet<>(sent)).hasSize(20);
      long recorded = JdbcClient.create(databases.get(db)).sql("SELECT COUNT(*) FROM delivery_attempts a JOIN"
          + " outbound_deliveries d ON d.id = a.delivery_id WHERE d.delivery_id IN (:ids)").param("ids", ids)
          .query(Long.class).single();
      assertThat(recorded).isEqualTo(20);
    }
  }

  private static DeliveryConfig config(MarketplaceReceiver receiver, int attempts) {
    return DeliveryConfig.builder()
        .endpoint(WebhookEndpoint.of("market", receiver.url(), SECRET))
        .retryPolicy(new RetryPolicy(attempts, Duration.ofMillis(50), 2.0, Duration.ofSeconds(1), 0.2))
        .requestTimeout(Duration.ofSeconds(5))
        .allowInsecureHttp(true)
        .build();
  }

}
