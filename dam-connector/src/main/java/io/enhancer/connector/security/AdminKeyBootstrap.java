package io.enhancer.connector.security;

import io.enhancer.connector.config.EnhancerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Makes sure someone can sign in: accepts ENHANCER_ADMIN_KEY when set, and on a first start without any key
 * creates an admin key and prints it once (only its hash is stored, so it cannot be shown again).
 */
@Component
class AdminKeyBootstrap implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(AdminKeyBootstrap.class);
  private final ApiKeys keys;
  private final EnhancerProperties properties;

  AdminKeyBootstrap(ApiKeys keys, EnhancerProperties properties) {
    this.keys = keys;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    String configured = properties.adminKey();
    if (configured != null && !configured.isBlank()) {
      keys.register("configured-admin", configured.trim(), Role.ADMIN);
      return;
    }
    if (!keys.anyActive()) {
      String key = keys.issue("first-admin", Role.ADMIN);
      // Printed on stdout rather than logged so it does not end up in shipped log files.
      System.out.println("\n=== enhancer: admin API key (shown once, store it now) ===\n" + key + "\n");
      log.info("created the first admin API key (printed on standard output)");
    }
  }
}
