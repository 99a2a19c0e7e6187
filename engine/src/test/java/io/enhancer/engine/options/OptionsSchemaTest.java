package io.enhancer.engine.options;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsSchemaTest {
  private final JsonNode schema = read(OptionsSchema.toJson());

  @Test
  void everyCatalogueOptionIsAPropertyWithTheCatalogueBoundsAndNothingElseIsAllowed() {
    assertThat(schema.get("$schema").asText()).isEqualTo(OptionsSchema.DIALECT);
    assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
    JsonNode properties = schema.get("properties");
    for (OptionSpec spec : OptionCatalogue.ALL) {
      JsonNode p = properties.get(spec.name());
      assertThat(p).as(spec.name()).isNotNull();
      assertThat(p.get("description").asText()).startsWith(spec.description());
      if (spec.minimum() == null) continue;
      String min = spec.type() == OptionType.CANVAS ? "x-side-minimum" : "minimum";
      String max = spec.type() == OptionType.CANVAS ? "x-side-maximum" : "maximum";
      assertThat(p.get(min).asDouble()).as(spec.name()).isEqualTo(spec.minimum().doubleValue());
      assertThat(p.get(max).asDouble()).as(spec.name()).isEqualTo(spec.maximum().doubleValue());
    }
    for (OptionSpec spec : OptionCatalogue.ALL) {
      for (String alias : spec.aliases()) {
        assertThat(properties.get(alias).get("$ref").asText()).isEqualTo("#/properties/" + spec.name());
      }
    }
  }

  @Test
  void everyDefaultAndEveryBuiltInPresetIsValidUnderTheSchema() {
    List<String> problems = new ArrayList<>();
    for (OptionSpec spec : OptionCatalogue.ALL) problems.addAll(violations(spec.name(), spec.defaultValue()));
    Presets builtIn = Presets.builtIn();
    for (String name : builtIn.names()) {
      for (Map.Entry<String, Object> e : builtIn.definition(name).entrySet()) {
        problems.addAll(violations(e.getKey(), e.getValue()).stream().map(p -> name + ": " + p).toList());
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theMiniValidatorOfThisTestRefusesWhatTheParserRefuses() {
    assertThat(violations("target_kb", 100001)).isNotEmpty();
    assertThat(violations("fill", 0.2)).isNotEmpty();
    assertThat(violations("format", "gif")).isNotEmpty();
    assertThat(violations("canvas", "1500")).isNotEmpty();
    assertThat(violations("background", "pink")).isNotEmpty();
    assertThat(violations("sharpen_hard", true)).isNotEmpty();
  }

  /** What this schema says about one property value: the few keywords it uses (type, enum, bounds, pattern). */
  private List<String> violations(String key, Object value) {
    JsonNode p = schema.get("properties").get(key);
    if (p == null) return List.of(key + " is not a property");
    List<String> out = new ArrayList<>();
    JsonNode v = new ObjectMapper().valueToTree(value);
    List<String> types = new ArrayList<>();
    if (p.get("type").isArray()) p.get("type").forEach(t -> types.add(t.asText()));
    else types.add(p.get("type").asText());
    boolean typed = (v.isNull() && types.contains("null")) || (v.isBoolean() && types.contains("boolean"))
        || (v.isTextual() && types.contains("string")) || (v.isIntegralNumber() && types.contains("integer"))
        || (v.isNumber() && types.contains("number"));
    if (!typed) out.add(key + ": " + v + " is not of type " + types);
    if (p.has("enum")) {
      boolean listed = false;
      for (JsonNode e : p.get("enum")) listed |= e.equals(v);
      if (!listed) out.add(key + ": " + v + " is not in " + p.get("enum"));
    }
    if (v.isNumber() && p.has("minimum") && (v.asDouble() < p.get("minimum").asDouble()
        || v.asDouble() > p.get("maximum").asDouble())) {
      out.add(key + ": " + v + " is out of bounds");
    }
    if (v.isTextual() && p.has("pattern") && !v.asText().matches(p.get("pattern").asText())) {
      out.add(key + ": " + v + " does not match " + p.get("pattern").asText());
    }
    return out;
  }

  private static JsonNode read(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new AssertionError("the schema is not JSON", e);
    }
  }
}
