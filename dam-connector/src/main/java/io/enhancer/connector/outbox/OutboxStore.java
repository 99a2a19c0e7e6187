package io.enhancer.connector.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code outbox} table (MariaDB/MySQL, H2 in MySQL mode). Inserts join the caller's transaction (the same data
 * source as MyBatis and Spring's transaction manager); the relay's updates each stand alone.
 */
@Component
public class OutboxStore {
  static final String PENDING = "pending";
  static final String SENT = "sent";
  static final String DEAD = "dead";
  private static final int MAX_ERROR = 1000;
  private final JdbcClient jdbc;

  public OutboxStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  void insert(OutboxMessage message, Instant now) {
    jdbc.sql("INSERT INTO outbox (topic, message_key, payload, status, attempts, next_attempt_at, created_at)"
            + " VALUES (:topic, :key, :payload, 'pending', 0, :now, :now)")
        .param("topic", message.topic()).param("key", message.key()).param("payload", message.payload())
        .param("now", Timestamp.from(now))
        .update();
  }

  /** The oldest pending rows, in the order they were written (due or not: a row waiting for its retry holds its key). */
  public List<OutboxRow> pending(int limit) {
    return jdbc.sql("SELECT id, topic, message_key, payload, attempts, next_attempt_at, created_at FROM outbox"
            + " WHERE status = 'pending' ORDER BY id LIMIT :limit")
        .param("limit", limit)
        .query(OutboxStore::row).list();
  }

  /** Marks rows the broker acknowledged; a row already sent (by an earlier holder of the relay) stays as it was. */
  void markSent(List<Long> ids, Instant at) {
    if (ids.isEmpty()) return;
    jdbc.sql("UPDATE outbox SET status = 'sent', sent_at = :at WHERE id IN (:ids) AND status = 'pending'")
        .param("at", Timestamp.from(at)).param("ids", ids)
        .update();
  }

  /** The broker refused the row: it waits until {@code next} and counts the refusal. */
  void retryLater(long id, int attempts, Instant next, String error) {
    jdbc.sql("UPDATE outbox SET attempts = :attempts, next_attempt_at = :next, last_error = :error"
            + " WHERE id = :id AND status = 'pending'")
        .param("attempts", attempts).param("next", Timestamp.from(next)).param("error", truncate(error))
        .param("id", id)
        .update();
  }

  /** The broker refused the row too often: it is never published. */
  void markDead(long id, int attempts, String error) {
    jdbc.sql("UPDATE outbox SET status = 'dead', attempts = :attempts, last_error = :error"
            + " WHERE id = :id AND status = 'pending'")
        .param("attempts", attempts).param("error", truncate(error)).param("id", id)
        .update();
  }

  /** Deletes at most {@code limit} rows sent before {@code before}; returns how many. */
  int purgeSent(Instant before, int limit) {
    return jdbc.sql("DELETE FROM outbox WHERE status = 'sent' AND sent_at < :before LIMIT :limit")
        .param("before", Timestamp.from(before)).param("limit", limit)
        .update();
  }

  public long count(String status) {
    return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE status = :status").param("status", status)
        .query(Long.class).single();
  }

  private static OutboxRow row(ResultSet rs, int n) throws SQLException {
    return new OutboxRow(rs.getLong("id"), rs.getString("topic"), rs.getString("message_key"), rs.getString("payload"),
        rs.getInt("attempts"), rs.getTimestamp("next_attempt_at").toInstant(), rs.getTimestamp("created_at").toInstant());
  }

  private static String truncate(String s) {
    return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
  }
}
