package io.enhancer.connector.outbox;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may publish the outbox right now: the one row of {@code outbox_lease}. Taking or renewing it is one conditional
 * UPDATE, so of several processes exactly one holds it; the others take over when it has expired (the holder
 * crashed) or was released (the holder stopped). Each process's clock decides expiry, so clocks must agree to well
 * within the lease.
 */
@Component
public class OutboxLease {
  private final JdbcClient jdbc;
  private final String holder;

  @Autowired
  public OutboxLease(DataSource dataSource) {
    this(dataSource, ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8));
  }

  OutboxLease(DataSource dataSource, String holder) {
    this.jdbc = JdbcClient.create(dataSource);
    this.holder = holder.length() > 128 ? holder.substring(0, 128) : holder;
  }

  /** Takes the lease (free, expired, or already ours) until {@code until}; false when another process holds it. */
  public boolean holdUntil(Instant now, Instant until) {
    return jdbc.sql("UPDATE outbox_lease SET holder = :me, lease_until = :until WHERE name = 'relay'"
            + " AND (holder = :me OR holder IS NULL OR lease_until < :now)")
        .param("me", holder).param("until", Timestamp.from(until)).param("now", Timestamp.from(now))
        .update() == 1;
  }

  /** Gives the lease up at once if this process holds it, so another process need not wait for it to expire. */
  public void release() {
    jdbc.sql("UPDATE outbox_lease SET holder = NULL, lease_until = :past WHERE name = 'relay' AND holder = :me")
        .param("me", holder).param("past", Timestamp.from(Instant.parse("2000-01-01T00:00:00Z")))
        .update();
  }

  public String holder() {
    return holder;
  }
}
