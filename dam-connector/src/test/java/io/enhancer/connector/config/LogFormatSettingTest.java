package io.enhancer.connector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** LOG_FORMAT becomes Spring Boot's structured console format before logging starts. */
class LogFormatSettingTest {
  private static final String STRUCTURED = "logging.structured.format.console";

  @ParameterizedTest
  @CsvSource({"json, ecs", "JSON, ecs", "ecs, ecs", "logstash, logstash", "' gelf ', gelf"})
  void jsonFormatsNameSpringBootsStructuredFormat(String logFormat, String structured) {
    assertThat(LogFormatSetting.structuredFormat(logFormat)).isEqualTo(structured);
  }

  @Test
  void textOrNothingKeepsPlainLines() {
    MockEnvironment environment = new MockEnvironment();
    new LogFormatSetting().postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty(STRUCTURED)).isNull();
    environment.setProperty(LogFormatSetting.PROPERTY, "text");
    new LogFormatSetting().postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty(STRUCTURED)).isNull();
  }

  @Test
  void jsonSetsTheStructuredFormatUnlessItIsSetExplicitly() {
    MockEnvironment environment = new MockEnvironment().withProperty(LogFormatSetting.PROPERTY, "json");
    new LogFormatSetting().postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty(STRUCTURED)).isEqualTo("ecs");

    MockEnvironment explicit = new MockEnvironment().withProperty(LogFormatSetting.PROPERTY, "json")
        .withProperty(STRUCTURED, "logstash");
    new LogFormatSetting().postProcessEnvironment(explicit, new SpringApplication());
    assertThat(explicit.getProperty(STRUCTURED)).isEqualTo("logstash");
  }

  @Test
  void rejectsAnUnknownFormatByName() {
    assertThatThrownBy(() -> LogFormatSetting.structuredFormat("xml"))
        .hasMessage("LOG_FORMAT must be text, json, ecs, logstash or gelf, got 'xml'");
  }
}
