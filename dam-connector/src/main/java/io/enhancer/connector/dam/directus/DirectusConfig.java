package io.enhancer.connector.dam.directus;

import io.enhancer.connector.dam.AssetStoreLayer;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.webhooks.intake.AssetEventSink;
import io.enhancer.webhooks.intake.SourceSettings;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * With DIRECTUS_URL set, Directus is a DAM: its store serves {@code directus_files/} references over the next
 * store (the local folder keeps the inbox; S3 may sit beside it), and the reconciler runs where intake runs (roles
 * serve and api).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${enhancer.directus.url:}'.trim().isEmpty()")
class DirectusConfig {

  @Bean
  DirectusClient directusClient(DirectusProperties properties, JsonMapper json) {
    return new DirectusClient(properties.url(), properties.token(), properties.timeout(), json);
  }

  @Bean
  AssetStoreLayer directusAssetStore(DirectusClient client, DirectusProperties properties) {
    return next -> new DirectusAssetStore(client, next, properties.enhancedFolder(), properties.variantKind());
  }

  @Bean
  @ConditionalOnExpression("'${enhancer.role:serve}' == 'serve' or '${enhancer.role:serve}' == 'api'")
  DirectusReconciler directusReconciler(DirectusClient client, ImageMapper images, AssetEventSink sink, Clock clock,
                                        DirectusProperties properties) {
    return new DirectusReconciler(client, images, sink, clock, properties.reconcile());
  }

  /** The {@code directus} webhook source for the intake (the host mounting the webhooks app registers it). */
  @Bean
  @ConditionalOnExpression("!'${enhancer.directus.webhook-secret:}'.trim().isEmpty()")
  SourceSettings directusWebhookSource(DirectusProperties properties) {
    return DirectusWebhookSource.settings(properties);
  }
}
