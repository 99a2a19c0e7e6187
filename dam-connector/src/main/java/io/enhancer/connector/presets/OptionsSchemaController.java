package io.enhancer.connector.presets;

import io.enhancer.connector.security.AllowedRoles;
import io.enhancer.connector.security.Role;
import io.enhancer.engine.options.OptionsSchema;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The JSON Schema of the enhancement options, as the engine publishes it: forms read their bounds from here. */
@RestController
@RequestMapping("/api/v1/options")
class OptionsSchemaController {
  private static final Map<String, Object> SCHEMA = OptionsSchema.asMap();

  @GetMapping(path = "/schema", produces = MediaType.APPLICATION_JSON_VALUE)
  @AllowedRoles({Role.REVIEWER, Role.INTEGRATION})
  Map<String, Object> schema() {
    return SCHEMA;
  }
}
