package io.enhancer.connector.delivery;

import io.enhancer.webhooks.delivery.AttemptOutcome;
import io.enhancer.webhooks.delivery.Delivery;
import io.enhancer.webhooks.delivery.DeliveryAttempt;
import io.enhancer.webhooks.delivery.DeliveryKey;
import io.enhancer.webhooks.delivery.DeliveryState;
import io.enhancer.webhooks.delivery.DeliveryStore;
import io.enhancer.webhooks.delivery.OutboundEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The webhooks module's {@link DeliveryStore} on {@code outbound_deliveries} / {@code delivery_attempts} (MySQL,
 * MariaDB, H2 in MySQL mode). A delivery's row id is derived from its key, so attempts refer to it without a lookup
 * and every process computes the same id. The claim is one conditional UPDATE: of several dispatchers, in this or
 * other processes, exactly one sees a changed row. Also answers the admin API's listings.
 */
public final class JdbcDeliveryStore implements DeliveryStore {
  private static final String SUMMARY = "SELECT d.id, d.delivery_id, d.endpoint, d.event_type, d.endpoint_url, d.payload,"
      + " d.event_created_at, d.status, d.attempts, d.next_attempt_at, d.created_at, d.updated_at,"
      + " a.status_code AS last_status_code, a.latency_ms AS last_latency_ms, a.outcome AS last_outcome,"
      + " a.response_excerpt AS last_response_excerpt, a.attempted_at AS last_attempt_at"
      + " FROM outbound_deliveries d LEFT JOIN delivery_attempts a"
      + " ON a.id = (SELECT MAX(x.id) FROM delivery_attempts x WHERE x.delivery_id = d.id)";

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final TransactionTemplate snapshot;
  private final Function<String, String> endpointUrl;

  /**
   * @param endpointUrl the configured URL of an endpoint name, stored beside the delivery for operators to read
   *                    (the dispatcher always sends to the URL in its configuration, never to a stored one)
   */
  public JdbcDeliveryStore(DataSource dataSource, Function<String, String> endpointUrl) {
    this.jdbc = JdbcClient.create(dataSource);
    JdbcTransactionManager transactions = new JdbcTransactionManager(dataSource);
    this.tx = new TransactionTemplate(transactions);
    this.snapshot = new TransactionTemplate(transactions);
    this.snapshot.setReadOnly(true);
    this.endpointUrl = endpointUrl;
  }

  /**
   * Runs several reads in one read-only transaction, so they see one moment: a delivery's status and its attempts
   * are written together (recordAttempt), and read apart they could show an attempt without the status it led to.
   */
  public <T> T inOneSnapshot(java.util.function.Supplier<T> reads) {
    return snapshot.execute(status -> reads.get());
  }

  /** {@code od_} and 160 bits of SHA-256 over the key: fits the VARCHAR(64) primary key for any endpoint name. */
  public static String rowId(DeliveryKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((key.deliveryId() + "\n" + key.endpoint()).getBytes(StandardCharsets.UTF_8));
      return "od_" + HexFormat.of().formatHex(digest, 0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public boolean create(Delivery delivery) {
    OutboundEvent event = delivery.event();
    String url = endpointUrl.apply(delivery.endpoint());
    return jdbc.sql("INSERT IGNORE INTO outbound_deliveries (id, delivery_id, endpoint, event_type, endpoint_url, payload,"
            + " event_created_at, status, attempts, next_attempt_at, created_at, updated_at) VALUES (:id, :deliveryId,"
            + " :endpoint, :eventType, :url, :payload, :eventCreatedAt, :status, :attempts, :next, :now, :now)")
        .param("id", rowId(delivery.key()))
        .param("deliveryId", event.deliveryId())
        .param("endpoint", delivery.endpoint())
        .param("eventType", event.eventType())
        .param("url", url == null ? "" : url)
        .param("payload", event.payloadJson())
        .param("eventCreatedAt", timestamp(event.createdAt()))
        .param("status", status(delivery.state()))
        .param("attempts", delivery.attempts())
        .param("next", timestamp(delivery.nextAttemptAt()))
        .param("now", timestamp(delivery.updatedAt()))
        .update() == 1;
  }

  @Override
  public Optional<Delivery> find(DeliveryKey key) {
    return jdbc.sql("SELECT * FROM outbound_deliveries WHERE id = :id").param("id", rowId(key))
        .query(JdbcDeliveryStore::delivery).optional();
  }

  @Override
  public List<Delivery> findDue(Instant now, int limit) {
    return jdbc.sql("SELECT * FROM outbound_deliveries WHERE status = 'pending' AND next_attempt_at <= :now"
            + " ORDER BY next_attempt_at LIMIT :limit")
        .param("now", timestamp(now)).param("limit", limit)
        .query(JdbcDeliveryStore::delivery).list();
  }

  @Override
  public boolean claim(DeliveryKey key, int expectedAttempts, Instant now, Instant leaseUntil) {
    return jdbc.sql("UPDATE outbound_deliveries SET next_attempt_at = :lease, updated_at = :now WHERE id = :id"
            + " AND status = 'pending' AND attempts = :expected AND next_attempt_at <= :now")
        .param("lease", timestamp(leaseUntil)).param("now", timestamp(now)).param("id", rowId(key))
        .param("expected", expectedAttempts)
        .update() == 1;
  }

  @Override
  public void recordAttempt(DeliveryAttempt attempt, Delivery updated) {
    String id = rowId(attempt.key());
    tx.executeWithoutResult(status -> {
      jdbc.sql("INSERT INTO delivery_attempts (delivery_id, attempt_no, status_code, outcome, latency_ms,"
              + " response_excerpt, attempted_at) VALUES (:id, :number, :code, :outcome, :latency, :excerpt, :at)")
          .param("id", id)
          .param("number", attempt.number())
          .param("code", attempt.httpStatus() == 0 ? null : attempt.httpStatus())
          .param("outcome", attempt.outcome().name())
          .param("latency", attempt.latency().toMillis())
          .param("excerpt", attempt.responseExcerpt())
          .param("at", timestamp(attempt.startedAt()))
          .update();
      jdbc.sql("UPDATE outbound_deliveries SET status = :status, attempts = :attempts, next_attempt_at = :next,"
              + " last_status_code = :code, updated_at = :now WHERE id = :id")
          .param("status", status(updated.state()))
          .param("attempts", updated.attempts())
          .param("next", timestamp(updated.nextAttemptAt()))
          .param("code", attempt.httpStatus() == 0 ? null : attempt.httpStatus())
          .param("now", timestamp(updated.updatedAt()))
          .param("id", id)
          .update();
    });
  }

  @Override
  public List<DeliveryAttempt> attempts(DeliveryKey key) {
    return jdbc.sql("SELECT * FROM delivery_attempts WHERE delivery_id = :id ORDER BY id").param("id", rowId(key))
        .query((rs, n) -> new DeliveryAttempt(key, rs.getInt("attempt_no"), instant(rs, "attempted_at"),
            Duration.ofMillis(rs.getLong("latency_ms")), AttemptOutcome.valueOf(rs.getString("outcome")),
            rs.getInt("status_code"), rs.getString("response_excerpt")))
        .list();
  }

  @Override
  public List<Delivery> findByState(DeliveryState state, int limit) {
    return jdbc.sql("SELECT * FROM outbound_deliveries WHERE status = :status ORDER BY updated_at DESC LIMIT :limit")
        .param("status", status(state)).param("limit", limit)
        .query(JdbcDeliveryStore::delivery).list();
  }

  @Override
  public boolean redeliver(DeliveryKey key, Instant at) {
    return jdbc.sql("UPDATE outbound_deliveries SET status = 'pending', attempts = 0, next_attempt_at = :at,"
            + " updated_at = :at WHERE id = :id AND status <> 'pending'")
        .param("at", timestamp(at)).param("id", rowId(key))
        .update() == 1;
  }

  // ---------------------------------------------------------------- the admin API's reads

  /** Newest first; {@code state} null for every state. */
  public List<DeliverySummary> page(DeliveryState state, int limit, int offset) {
    String where = state == null ? "" : " WHERE d.status = :status";
    JdbcClient.StatementSpec query = jdbc.sql(SUMMARY + where + " ORDER BY d.created_at DESC, d.id DESC"
        + " LIMIT :limit OFFSET :offset").param("limit", limit).param("offset", offset);
    if (state != null) query = query.param("status", status(state));
    return query.query(JdbcDeliveryStore::summary).list();
  }

  public long count(DeliveryState state) {
    if (state == null) return jdbc.sql("SELECT COUNT(*) FROM outbound_deliveries").query(Long.class).single();
    return jdbc.sql("SELECT COUNT(*) FROM outbound_deliveries WHERE status = :status").param("status", status(state))
        .query(Long.class).single();
  }

  public Optional<DeliverySummary> summary(String rowId) {
    return jdbc.sql(SUMMARY + " WHERE d.id = :id").param("id", rowId).query(JdbcDeliveryStore::summary).optional();
  }

  // ---------------------------------------------------------------- mapping

  static String status(DeliveryState state) {
    return state.name().toLowerCase(Locale.ROOT);
  }

  static DeliveryState state(String status) {
    return DeliveryState.valueOf(status.toUpperCase(Locale.ROOT));
  }

  private static Delivery delivery(ResultSet rs, int row) throws SQLException {
    OutboundEvent event = new OutboundEvent(rs.getString("delivery_id"), rs.getString("event_type"),
        instant(rs, "event_created_at"), rs.getString("payload"));
    return new Delivery(event, rs.getString("endpoint"), state(rs.getString("status")), rs.getInt("attempts"),
        instant(rs, "next_attempt_at"), instant(rs, "updated_at"));
  }

  private static DeliverySummary summary(ResultSet rs, int row) throws SQLException {
    Delivery delivery = delivery(rs, row);
    String outcome = rs.getString("last_outcome");
    outcome = outcome == null ? null : outcome.toLowerCase(Locale.ROOT);
    int code = rs.getInt("last_status_code");
    Integer lastCode = rs.wasNull() ? null : code;
    long latency = rs.getLong("last_latency_ms");
    Long lastLatency = rs.wasNull() ? null : latency;
    return new DeliverySummary(rs.getString("id"), delivery.event().deliveryId(), delivery.event().eventType(),
        delivery.endpoint(), rs.getString("endpoint_url"), status(delivery.state()), delivery.attempts(),
        delivery.nextAttemptAt(), lastCode, lastLatency, outcome, rs.getString("last_response_excerpt"),
        instant(rs, "last_attempt_at"), instant(rs, "created_at"), delivery.updatedAt(), delivery.event().payloadJson());
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
