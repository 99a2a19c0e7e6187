package io.enhancer.connector.dam;

import io.enhancer.connector.config.EnhancerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DamConfig {

  @Bean
  LocalFolderAssetStore localFolderAssetStore(EnhancerProperties properties) {
    return new LocalFolderAssetStore(properties.dataDir().resolve("dam"));
  }

  @Bean
  OriginGuard originGuard(EnhancerProperties properties) {
    return new OriginGuard(properties.fetch().allowedOrigins(), properties.fetch().allowPrivateAddresses());
  }

  @Bean
  HttpOriginFetcher httpOriginFetcher(OriginGuard guard, EnhancerProperties properties) {
    var fetch = properties.fetch();
    return new HttpOriginFetcher(guard, fetch.maxBytes(), fetch.timeout(), fetch.maxRedirects());
  }

  @Bean
  OriginalSource originalSource(AssetStore store, HttpOriginFetcher fetcher) {
    return new OriginalSource(store, fetcher);
  }
}
