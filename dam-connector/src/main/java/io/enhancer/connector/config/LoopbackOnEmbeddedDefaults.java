package io.enhancer.connector.config;

import java.net.InetAddress;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * On embedded defaults (no MYSQL_HOST: an H2 file only this process can open, Kafka inside the JVM on loopback) the
 * service is a one-machine install, reached at http://localhost:8080 as the README says; so HTTP listens on
 * loopback too unless SERVER_ADDRESS (server.address) says otherwise, e.g. 0.0.0.0 in a container.
 */
@Component
class LoopbackOnEmbeddedDefaults implements WebServerFactoryCustomizer<ConfigurableWebServerFactory> {
  private final MysqlProperties mysql;
  private final Environment environment;

  LoopbackOnEmbeddedDefaults(MysqlProperties mysql, Environment environment) {
    this.mysql = mysql;
    this.environment = environment;
  }

  @Override
  public void customize(ConfigurableWebServerFactory factory) {
    String configured = environment.getProperty("server.address", "");
    if (!mysql.configured() && configured.isBlank()) factory.setAddress(InetAddress.getLoopbackAddress());
  }
}
