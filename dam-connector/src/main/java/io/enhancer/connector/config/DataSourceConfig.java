package io.enhancer.connector.config;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** MySQL/MariaDB when MYSQL_HOST is set, otherwise an H2 file database in MySQL mode under the data folder. */
@Configuration(proxyBeanMethods = false)
class DataSourceConfig {

  @Bean
  DataSource dataSource(MysqlProperties mysql, EnhancerProperties enhancer) throws Exception {
    HikariDataSource ds = new HikariDataSource();
    ds.setPoolName("enhancer-db");
    ds.setMaximumPoolSize(10);
    if (mysql.configured()) {
      ds.setJdbcUrl("jdbc:mariadb://" + mysql.host() + ":" + mysql.port() + "/" + mysql.database());
      ds.setUsername(mysql.user());
      ds.setPassword(mysql.password());
    } else {
      Path file = EmbeddedDatabaseLock.file(enhancer.dataDir());
      Files.createDirectories(file.getParent());
      ds.setJdbcUrl(embeddedH2Url(file));
      ds.setUsername("sa");
      ds.setPassword("");
    }
    return ds;
  }

  /**
   * Plain embedded file mode: only this process opens the file (AUTO_SERVER would put a database TCP server on
   * every interface). Commands run beside a service go through its API instead (EmbeddedDatabaseInUse).
   * WRITE_DELAY=0 writes each commit to the file before it returns: with H2's default (500 ms) a process killed
   * right after answering lost the last half second of commits (measured: 5,085 of 52,105 with 16 writers).
   * QUERY_CACHE_SIZE=64: a webhook runs about ten distinct statements, and with H2's default of 8 prepared
   * statements per session every one was parsed again (a tenth of the intake's commit thread).
   */
  static String embeddedH2Url(Path file) {
    return "jdbc:h2:file:" + file + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;WRITE_DELAY=0"
        + ";QUERY_CACHE_SIZE=64";
  }
}
