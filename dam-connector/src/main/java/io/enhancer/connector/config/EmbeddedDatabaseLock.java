package io.enhancer.connector.config;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Whether another process (a running {@code enhancer serve}) holds the embedded H2 file, which only one process may
 * open. Commands ask before starting their context, so the answer is advice, not a connection stack trace.
 */
public final class EmbeddedDatabaseLock {
  /** H2's "Database may be already in use" (ErrorCode.DATABASE_ALREADY_OPEN_1). */
  private static final int ALREADY_OPEN = 90020;

  private EmbeddedDatabaseLock() {}

  public static Path file(Path dataDir) {
    return dataDir.resolve("db").resolve("enhancer").toAbsolutePath();
  }

  public static boolean heldByAnotherProcess(Path dataDir) {
    // IFEXISTS: asking must not create a database.
    String url = DataSourceConfig.embeddedH2Url(file(dataDir)) + ";IFEXISTS=TRUE";
    try (Connection probe = DriverManager.getConnection(url, "sa", "")) {
      return false;
    } catch (SQLException e) {
      return e.getErrorCode() == ALREADY_OPEN;
    }
  }
}
