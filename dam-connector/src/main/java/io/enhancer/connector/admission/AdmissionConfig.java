package io.enhancer.connector.admission;

import io.enhancer.engine.api.Enhancer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AdmissionConfig {
  private static final Logger log = LoggerFactory.getLogger(AdmissionConfig.class);

  @Bean
  EngineAdmission engineAdmission(AdmissionProperties p, MeterRegistry meters) {
    EngineAdmission admission = new EngineAdmission(p.slots(), p.memoryBudget().toBytes(), p.queue(), p.queueWait(),
        p.retryAfter());
    Gauge.builder("enhancer.engine.running", admission, EngineAdmission::running).register(meters);
    Gauge.builder("enhancer.engine.waiting", admission, EngineAdmission::waiting).register(meters);
    Gauge.builder("enhancer.engine.reserved", admission, EngineAdmission::reservedBytes).baseUnit("bytes")
        .register(meters);
    log.info("engine admission: {} slots, memory budget {} MB at {} B/px + {} MB per run, {} real-time waiting "
            + "for up to {} s", p.slots(), p.memoryBudget().toMegabytes(), p.bytesPerPixel(),
        p.baseBytes().toMegabytes(), p.queue(), p.queueWait().toSeconds());
    return admission;
  }

  @Bean
  AdmittedEnhancer admittedEnhancer(Enhancer enhancer, EngineAdmission admission, AdmissionProperties properties) {
    return new AdmittedEnhancer(enhancer, admission, properties);
  }
}
