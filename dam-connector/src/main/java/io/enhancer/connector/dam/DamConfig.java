package io.enhancer.connector.dam;

import io.enhancer.connector.config.EnhancerProperties;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

@Configuration(proxyBeanMethods = false)
class DamConfig {

  @Bean
  LocalFolderAssetStore localFolderAssetStore(EnhancerProperties properties) {
    return new LocalFolderAssetStore(properties.dataDir().resolve("dam"));
  }

  /** The store the service works with: every configured DAM over the local folder (which keeps the inbox). */
  @Bean
  @Primary
  AssetStore assetStore(LocalFolderAssetStore local, ObjectProvider<AssetStoreLayer> layers) {
    AssetStore store = local;
    List<AssetStoreLayer> stack = layers.orderedStream().toList();
    for (int i = stack.size() - 1; i >= 0; i--) store = stack.get(i).over(store);
    return store;
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
