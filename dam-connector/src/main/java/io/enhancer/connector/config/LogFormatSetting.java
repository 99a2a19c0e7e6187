package io.enhancer.connector.config;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code LOG_FORMAT}: {@code text} (Spring Boot's console lines, the default) or {@code json} (one ECS object per
 * line, MDC entries such as a job's {@code image_id} as fields); {@code ecs}, {@code logstash} and {@code gelf}
 * name a JSON flavour. Turned into Spring Boot's {@code logging.structured.format.console} before logging starts;
 * an explicit {@code logging.structured.format.console} still wins.
 */
public final class LogFormatSetting implements EnvironmentPostProcessor {
  static final String PROPERTY = "enhancer.log-format";
  private static final String STRUCTURED = "logging.structured.format.console";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    String format = structuredFormat(environment.getProperty(PROPERTY, "text"));
    if (format != null) {
      environment.getPropertySources().addLast(new MapPropertySource("enhancerLogFormat", Map.of(STRUCTURED, format)));
    }
  }

  /** Spring Boot's structured format for a LOG_FORMAT value, or null for plain text. */
  static String structuredFormat(String logFormat) {
    String value = logFormat == null ? "" : logFormat.trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "", "text" -> null;
      case "json", "ecs" -> "ecs";
      case "logstash", "gelf" -> value;
      default -> throw new IllegalArgumentException(
          "LOG_FORMAT must be text, json, ecs, logstash or gelf, got '" + logFormat + "'");
    };
  }
}
