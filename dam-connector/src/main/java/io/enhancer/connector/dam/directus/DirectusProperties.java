package io.enhancer.connector.dam.directus;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Connection to a Directus instance used as the DAM. Environment names in application.yml: DIRECTUS_URL,
 * DIRECTUS_TOKEN, DIRECTUS_WEBHOOK_SECRET, DIRECTUS_RECONCILE_INTERVAL, ...
 *
 * @param url            base URL of Directus (e.g. https://cms.example.com); blank keeps the local folder DAM
 * @param token          the connector user's static token (created by {@code enhancer directus setup})
 * @param webhookSecret  the secret the Flow signs its HS256 JWT with (Directus' ENHANCER_WEBHOOK_SECRET)
 * @param enhancedFolder name of the top-level folder renditions are written to
 * @param variantKind    value of {@code variant_kind} on the renditions this connector writes
 * @param timeout        per request (downloads and uploads of one image)
 * @param reconcile      how often and how far back missed uploads are looked for
 */
@ConfigurationProperties("enhancer.directus")
public record DirectusProperties(String url, String token, String webhookSecret, String enhancedFolder,
                                 String variantKind, Duration timeout, Reconcile reconcile) {

  public DirectusProperties {
    url = url == null ? "" : url.trim().replaceAll("/+$", "");
    token = token == null ? "" : token.trim();
    webhookSecret = webhookSecret == null ? "" : webhookSecret.trim();
    enhancedFolder = enhancedFolder == null || enhancedFolder.isBlank() ? "enhanced" : enhancedFolder.trim();
    variantKind = variantKind == null || variantKind.isBlank() ? "enhanced" : variantKind.trim();
    timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
    reconcile = reconcile == null ? new Reconcile(null, null, null) : reconcile;
    if (!url.isEmpty()) {
      URI uri = URI.create(url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException("DIRECTUS_URL must look like https://host[:port], got '" + url + "'");
      }
      if (token.isEmpty()) {
        throw new IllegalArgumentException("DIRECTUS_TOKEN is required when DIRECTUS_URL is set ("
            + "the connector user's static token, printed by `enhancer directus setup`)");
      }
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("DIRECTUS_TIMEOUT must be positive, got " + timeout);
    }
  }

  public boolean enabled() {
    return !url.isEmpty();
  }

  /**
   * Directus does not retry a failed Flow request, so uploads are also listed periodically.
   *
   * @param interval between two passes (0 turns reconciliation off)
   * @param lookback how far back each pass lists uploads
   * @param grace    uploads younger than this are left to the webhook, which normally arrives within a second
   */
  public record Reconcile(Duration interval, Duration lookback, Duration grace) {
    public Reconcile {
      interval = interval == null ? Duration.ofMinutes(1) : interval;
      lookback = lookback == null ? Duration.ofHours(24) : lookback;
      grace = grace == null ? Duration.ofSeconds(30) : grace;
      if (interval.isNegative() || lookback.isNegative() || grace.isNegative()) {
        throw new IllegalArgumentException("Directus reconcile durations must not be negative: interval="
            + interval + ", lookback=" + lookback + ", grace=" + grace);
      }
    }

    public boolean enabled() {
      return !interval.isZero();
    }
  }
}
