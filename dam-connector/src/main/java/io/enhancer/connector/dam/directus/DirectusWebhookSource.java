package io.enhancer.connector.dam.directus;

import io.enhancer.webhooks.intake.SourceSettings;
import io.enhancer.webhooks.intake.WebhookIntakeConfig;
import java.util.Map;

/**
 * The {@code directus} webhook source from DIRECTUS_WEBHOOK_SECRET: the Flow's {@code Authorization: Bearer} HS256
 * JWT is verified (only the JWT: the plain {@code X-Enhancer-Secret} header it also sends is not accepted alone,
 * as any-of would make the short-lived signed token pointless), and asset URLs are built from DIRECTUS_URL.
 */
public final class DirectusWebhookSource {
  private DirectusWebhookSource() {}

  public static SourceSettings settings(DirectusProperties properties) {
    if (properties.webhookSecret().length() < 32) {
      throw new IllegalArgumentException("DIRECTUS_WEBHOOK_SECRET must be at least 32 characters (HS256 key), got "
          + properties.webhookSecret().length());
    }
    SourceSettings.Builder source = SourceSettings.builder(DirectusAssetStore.SOURCE)
        .jwtSecrets(properties.webhookSecret());
    if (properties.enabled()) source.publicBaseUrl(properties.url());
    return source.build();
  }

  /**
   * The intake configuration from the environment plus the {@code directus} source, unless WEBHOOK_DIRECTUS_*
   * already configures it (those names win, so existing deployments keep their settings).
   */
  public static WebhookIntakeConfig.Builder addTo(WebhookIntakeConfig.Builder builder, Map<String, String> env,
                                                  SourceSettings directus) {
    builder.fromEnvironment(env);
    boolean configured = env.keySet().stream().anyMatch(k -> k.startsWith("WEBHOOK_DIRECTUS_")
        && (k.endsWith("_SECRET") || k.endsWith("_TOKEN")));
    if (!configured && directus != null) builder.source(directus);
    return builder;
  }
}
