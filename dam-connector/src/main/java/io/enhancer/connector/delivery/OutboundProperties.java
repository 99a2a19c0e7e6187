package io.enhancer.connector.delivery;

import io.enhancer.webhooks.delivery.DeliveryConfig;
import io.enhancer.webhooks.delivery.RetryPolicy;
import io.enhancer.webhooks.delivery.WebhookEndpoint;
import io.enhancer.webhooks.signing.WebhookSecret;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where outbound events go (application.yml maps the environment names).
 *
 * @param webhooks    ENHANCER_OUTBOUND_WEBHOOKS: comma-separated {@code name=https://url}; blank sends nothing
 * @param secret      ENHANCER_OUTBOUND_SECRET: signing secret(s), comma-separated while rotating (each signs)
 * @param allowHttp   ENHANCER_OUTBOUND_ALLOW_HTTP: permit plain http endpoints (local development and tests)
 * @param maxAttempts ENHANCER_OUTBOUND_MAX_ATTEMPTS (8): attempts before a delivery is dead
 * @param firstRetry  ENHANCER_OUTBOUND_FIRST_RETRY (1m): delay after the first failure, then x2.8 up to 8 h
 * @param poll        ENHANCER_OUTBOUND_POLL (5s): how often due deliveries are looked for
 * @param timeout     ENHANCER_OUTBOUND_TIMEOUT (10s): per request
 */
@ConfigurationProperties("enhancer.outbound")
public record OutboundProperties(String webhooks, String secret, Boolean allowHttp, Integer maxAttempts,
                                 Duration firstRetry, Duration poll, Duration timeout) {
  private static final Duration LONGEST_DELAY = Duration.ofHours(8);

  public OutboundProperties {
    webhooks = webhooks == null ? "" : webhooks.trim();
    secret = secret == null ? "" : secret.trim();
    allowHttp = allowHttp != null && allowHttp;
    maxAttempts = maxAttempts == null ? 8 : maxAttempts;
    firstRetry = firstRetry == null ? Duration.ofMinutes(1) : firstRetry;
    poll = poll == null ? Duration.ofSeconds(5) : poll;
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
  }

  /** The endpoints, each signed with every secret; an endpoint without a secret is refused by name. */
  public List<WebhookEndpoint> endpoints() {
    List<String> entries = split(webhooks);
    if (entries.isEmpty()) return List.of();
    List<String> secrets = split(secret);
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("ENHANCER_OUTBOUND_WEBHOOKS is set but ENHANCER_OUTBOUND_SECRET is blank:"
          + " every delivery is signed");
    }
    return entries.stream().map(entry -> {
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new IllegalArgumentException("ENHANCER_OUTBOUND_WEBHOOKS entries must be name=url, got '" + entry + "'");
      }
      return new WebhookEndpoint(entry.substring(0, eq).trim(), URI.create(entry.substring(eq + 1).trim()),
          WebhookSecret.all(secrets), Set.of());
    }).toList();
  }

  public DeliveryConfig deliveryConfig() {
    DeliveryConfig.Builder config = DeliveryConfig.builder()
        .retryPolicy(new RetryPolicy(maxAttempts, firstRetry, 2.8,
            firstRetry.compareTo(LONGEST_DELAY) > 0 ? firstRetry : LONGEST_DELAY, 0.2))
        .requestTimeout(timeout)
        .lease(timeout.multipliedBy(2).compareTo(Duration.ofMinutes(2)) > 0 ? timeout.multipliedBy(2)
            : Duration.ofMinutes(2))
        .pollInterval(poll)
        .allowInsecureHttp(allowHttp);
    endpoints().forEach(config::endpoint);
    return config.build();
  }

  private static List<String> split(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
