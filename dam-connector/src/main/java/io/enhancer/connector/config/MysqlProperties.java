package io.enhancer.connector.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The production database (MYSQL_HOST, MYSQL_PORT, MYSQL_USER, MYSQL_PASSWORD, MYSQL_DATABASE). With no host the
 * service keeps its state in an H2 file database (MySQL mode) under the data folder instead.
 */
@ConfigurationProperties("mysql")
public record MysqlProperties(String host, Integer port, String user, String password, String database) {
  public MysqlProperties {
    port = port == null ? 3306 : port;
    user = user == null ? "root" : user;
    password = password == null ? "" : password;
    database = database == null || database.isBlank() ? "enhancer" : database;
  }

  public boolean configured() {
    return host != null && !host.isBlank();
  }
}
