package io.enhancer.connector.dam.directus;

import io.enhancer.webhooks.intake.SourceSettings;

/**
 * The {@code directus} webhook source from DIRECTUS_WEBHOOK_SECRET: the Flow's {@code Authorization: Bearer} HS256
 * JWT is verified (only the JWT: the plain {@code X-Enhancer-Secret} header it also sends is not accepted alone,
 * as any-of would make the short-lived signed token pointless), and asset URLs are built from DIRECTUS_URL.
 * Contributed as a bean; the intake mount adds it unless WEBHOOK_DIRECTUS_* configures the source already.
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
}
