package io.enhancer.connector.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How accepted webhooks are committed (application.yml maps the environment names).
 *
 * @param groupCommit ENHANCER_INTAKE_GROUP_COMMIT (blank: on with the embedded H2 database, off with MySQL/MariaDB):
 *                    requests arriving together are committed in one transaction by one thread. H2 writes every
 *                    commit to its file under one store lock, so 16 requests committing one by one mostly wait for
 *                    each other; MariaDB groups concurrent commits itself
 * @param committers  ENHANCER_INTAKE_COMMITTERS (2): threads committing groups side by side
 * @param groupMax    ENHANCER_INTAKE_GROUP_MAX (64): most requests in one group commit
 * @param commitWait  ENHANCER_INTAKE_COMMIT_WAIT (30s): how long a request waits for its group to commit before it
 *                    answers 503 (the sender retries; if the commit did land, the retry is answered as a duplicate)
 */
@ConfigurationProperties("enhancer.intake")
public record IntakeProperties(Boolean groupCommit, Integer committers, Integer groupMax, Duration commitWait) {
  public IntakeProperties {
    committers = committers == null ? 2 : committers;
    if (committers < 1 || committers > 16) {
      throw new IllegalArgumentException("ENHANCER_INTAKE_COMMITTERS must be 1..16, got " + committers);
    }
    groupMax = groupMax == null ? 64 : groupMax;
    commitWait = commitWait == null ? Duration.ofSeconds(30) : commitWait;
    if (groupMax < 1 || groupMax > 1000) {
      throw new IllegalArgumentException("ENHANCER_INTAKE_GROUP_MAX must be 1..1000, got " + groupMax);
    }
    if (commitWait.isNegative() || commitWait.isZero()) {
      throw new IllegalArgumentException("ENHANCER_INTAKE_COMMIT_WAIT must be positive, got " + commitWait);
    }
  }

  /** Whether requests are group-committed, given whether the database is the embedded H2 file. */
  public boolean groupsCommits(boolean embeddedDatabase) {
    return groupCommit != null ? groupCommit : embeddedDatabase;
  }
}
