package io.enhancer.connector.dam.s3;

import io.enhancer.connector.config.EnhancerProperties;
import io.enhancer.connector.dam.AssetStoreLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * With S3_SOURCE_BUCKET set, S3 is a DAM: {@code s3://} references (the {@code s3} webhook source's) are read from
 * and written back to S3; every other reference goes on to Directus or the local folder. Reads honour
 * ENHANCER_FETCH_MAX_BYTES and ENHANCER_FETCH_TIMEOUT like downloads over HTTP.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${enhancer.s3.source-bucket:}'.trim().isEmpty()")
class S3Config {
  private static final Logger log = LoggerFactory.getLogger(S3Config.class);

  @Bean(destroyMethod = "close")
  S3Client s3Client(S3Properties settings, EnhancerProperties properties) {
    log.info("S3 asset store: {}", settings);
    return S3Clients.create(settings, properties.fetch().timeout());
  }

  @Bean
  AssetStoreLayer s3AssetStore(S3Client client, S3Properties settings, EnhancerProperties properties) {
    S3Layout layout = settings.layout();
    return next -> new S3AssetStore(client, layout, settings.publicBaseUrl(), properties.fetch().maxBytes(), next);
  }
}
