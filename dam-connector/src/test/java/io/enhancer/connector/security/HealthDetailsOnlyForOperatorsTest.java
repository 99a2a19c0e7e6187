package io.enhancer.connector.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Health is open for probes, so what it shows anonymously is only the status: no data paths, disk, models folder or
 * broker count for a stranger to map the install with. Keys that may read the actuator (admin, integration) still
 * get every component and its details; a reviewer key, or a wrong key, gets the anonymous view.
 */
class HealthDetailsOnlyForOperatorsTest extends SecuredServiceContext {
  @Autowired JsonMapper json;

  @Test
  void anonymousHealthShowsOnlyTheStatus() {
    for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness")) {
      for (String key : new String[] {null, "not-a-key", keys.issue("health-reviewer", Role.REVIEWER)}) {
        HttpResponse<String> health = get(path, key);
        assertThat(health.statusCode()).as(path).isEqualTo(200);
        assertThat(fieldNames(json.readTree(health.body()))).as(path + " " + health.body()).containsExactly("status");
      }
    }
    HttpResponse<String> component = get("/actuator/health/diskSpace", null);
    assertThat(component.body()).doesNotContain("path").doesNotContain("free");
  }

  @Test
  void operatorKeysSeeEveryComponentWithItsDetails() {
    for (String key : List.of(ADMIN_KEY, keys.issue("health-integration", Role.INTEGRATION))) {
      JsonNode health = json.readTree(get("/actuator/health", key).body());
      JsonNode components = health.get("components");
      assertThat(components).as(health.toString()).isNotNull();
      assertThat(components.get("db").get("details").get("database").asString()).isEqualTo("MariaDB");
      assertThat(components.get("kafka").get("details").get("brokers").asInt()).isEqualTo(1);
      assertThat(components.get("diskSpace").get("details").has("path")).isTrue();
      assertThat(components.get("models").get("details")).isNotNull();
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.propertyNames().forEach(names::add);
    return names;
  }
}
