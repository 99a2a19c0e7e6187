package io.enhancer.engine.options;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON Schema (draft 2020-12) of an options object, generated from the {@link OptionCatalogue} so that what is
 * documented is what is parsed. Forms read their bounds from it (the admin UI through the connector's
 * {@code GET /api/v1/options/schema}). Beyond the standard keywords, a canvas carries {@code x-side-minimum} and
 * {@code x-side-maximum} (its pattern cannot say them) and every property its {@code x-type} from the catalogue.
 */
public final class OptionsSchema {
  public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  private OptionsSchema() {}

  /** The schema as nested maps and lists, ready for any JSON writer. */
  public static Map<String, Object> asMap() {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (OptionSpec spec : OptionCatalogue.ALL) properties.put(spec.name(), property(spec));
    for (OptionSpec spec : OptionCatalogue.ALL) {
      for (String alias : spec.aliases()) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("$ref", "#/properties/" + spec.name());
        p.put("deprecated", true);
        p.put("description", "another name of " + spec.name());
        properties.put(alias, Collections.unmodifiableMap(p));
      }
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("$schema", DIALECT);
    schema.put("$id", "urn:enhancer:enhance-options");
    schema.put("title", "Enhancement options");
    schema.put("description", "Options of one enhancement, as a REST request, a preset or a batch gives them. A preset "
        + "is applied first and explicit options override it; an option not given takes its default.");
    schema.put("type", "object");
    schema.put("additionalProperties", false);
    schema.put("properties", Collections.unmodifiableMap(properties));
    return Collections.unmodifiableMap(schema);
  }

  /** The schema as pretty-printed JSON. */
  public static String toJson() {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(asMap());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the options schema is plain maps and cannot fail to serialise", e);
    }
  }

  private static Map<String, Object> property(OptionSpec spec) {
    Map<String, Object> p = new LinkedHashMap<>();
    boolean nullable = spec.nullWord() != null;
    switch (spec.type()) {
      case BOOLEAN -> {
        if (nullable) {
          p.put("type", List.of("boolean", "string", "null"));
          List<Object> values = new ArrayList<>(List.of(true, false));
          values.addAll(spec.choices());
          values.add(null);
          p.put("enum", Collections.unmodifiableList(values));
        } else {
          p.put("type", "boolean");
        }
      }
      case INTEGER, NUMBER -> {
        String type = spec.type() == OptionType.INTEGER ? "integer" : "number";
        p.put("type", nullable ? List.of(type, "null") : type);
        p.put("minimum", spec.minimum());
        p.put("maximum", spec.maximum());
      }
      case CHOICE -> {
        p.put("type", "string");
        p.put("enum", spec.choices());
      }
      case COLOUR -> {
        p.put("type", "string");
        p.put("pattern", spec.pattern());
      }
      case CANVAS -> {
        p.put("type", nullable ? List.of("string", "null") : "string");
        p.put("pattern", spec.pattern());
        p.put("x-side-minimum", spec.minimum());
        p.put("x-side-maximum", spec.maximum());
      }
    }
    p.put("default", spec.defaultValue());
    p.put("description", spec.description() + (nullable && spec.type() != OptionType.BOOLEAN
        ? " (null, or the word " + spec.nullWord() + ")" : ""));
    p.put("x-type", spec.type().name().toLowerCase(Locale.ROOT));
    if (spec.unit() != null) p.put("x-unit", spec.unit());
    return Collections.unmodifiableMap(p);
  }
}
