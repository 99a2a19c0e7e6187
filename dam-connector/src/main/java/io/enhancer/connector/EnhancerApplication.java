package io.enhancer.connector;

import io.enhancer.connector.config.EmbeddedKafkaInitializer;
import org.mybatis.spring.annotation.MapperScan;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@MapperScan(basePackages = "io.enhancer.connector", annotationClass = org.apache.ibatis.annotations.Mapper.class)
public class EnhancerApplication {

  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(EnhancerApplication.class);
    app.addInitializers(new EmbeddedKafkaInitializer());
    app.run(args);
  }
}
