package io.enhancer.connector.config;

import io.enhancer.engine.api.EngineConfig;
import io.enhancer.engine.api.Enhancer;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  Enhancer enhancer(EnhancerProperties properties) {
    return new Enhancer(EngineConfig.defaults().withModelsDir(properties.modelsDir()));
  }
}
