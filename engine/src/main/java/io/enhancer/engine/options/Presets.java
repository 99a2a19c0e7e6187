package io.enhancer.engine.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enhancer.engine.errors.InvalidOptionsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Named option sets per product category. Built-in defaults, optionally extended or overridden by a JSON file:
 * <pre>{ "my-shoes": { "extends": "packshot-white", "fill": 0.9, "target_kb": 400 } }</pre>
 * Keys are the option names of the {@link OptionCatalogue}; unknown keys are rejected. The label guard is on unless
 * a preset sets {@code "label_guard": false}. A preset is applied first; explicit settings (CLI flags, request
 * fields) override it.
 */
public final class Presets {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Map<String, Object>> definitions;
  private final Map<String, EnhanceOptions> byName;

  private Presets(Map<String, Map<String, Object>> definitions) {
    this.definitions = Collections.unmodifiableMap(new LinkedHashMap<>(definitions));
    Map<String, EnhanceOptions> parsed = new LinkedHashMap<>();
    definitions.forEach((name, options) -> parsed.put(name, parsePreset(name, options)));
    this.byName = Collections.unmodifiableMap(parsed);
  }

  /**
   * The presets every installation has, written in the option vocabulary (the keys a request or a preset row uses),
   * so the connector can layer them over its service defaults exactly like a preset stored in its database.
   */
  public static Presets builtIn() {
    Map<String, Map<String, Object>> m = new LinkedHashMap<>();
    // White-background marketplace packshot: cut out, 85 % fill on 1500x1500, small enough for fast pages.
    m.put("packshot-white", options("mode", "auto", "remove_background", true, "background", "#FFFFFF",
        "canvas", "1500x1500", "fill", 0.85, "target_kb", 500, "format", "jpeg"));
    // Pharmacy and food labels: small print must stay legible, so quality is high and there is no size target.
    m.put("medical-label", options("mode", "full", "remove_background", true, "background", "#FFFFFF",
        "canvas", "1500x1500", "fill", 0.80, "quality", 95, "target_kb", null, "format", "jpeg",
        "auto_approve_threshold", 80, "label_guard", true, "protect_text", true));
    // Products in a scene: the scene is the point, so keep it and keep the photo's own frame.
    m.put("lifestyle", options("mode", "auto", "remove_background", false, "canvas", "none",
        "target_min_dimension", 1500, "target_kb", 800, "format", "jpeg"));
    // Listing and search-result tiles.
    m.put("thumbnail", options("mode", "auto", "remove_background", true, "canvas", "400x400", "fill", 0.90,
        "quality", 85, "target_kb", 60, "format", "jpeg"));
    // A cut-out for designers to place on their own layouts.
    m.put("cutout-transparent", options("mode", "auto", "remove_background", true, "transparent", true,
        "canvas", "1500x1500", "fill", 0.90, "format", "png"));
    return new Presets(m);
  }

  /** These presets plus those in {@code file}; a file preset with a built-in's name replaces it. */
  public Presets withFile(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new InvalidOptionsException("presets file " + file + " is not readable JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidOptionsException("presets file " + file + " must hold a JSON object of named presets");
    }
    Map<String, Map<String, Object>> merged = new LinkedHashMap<>(definitions);
    Iterator<Map.Entry<String, JsonNode>> it = root.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      merged.put(e.getKey(), definitionFromFile(e.getKey(), e.getValue(), merged));
    }
    return new Presets(merged);
  }

  public Set<String> names() {
    return byName.keySet();
  }

  /** Whether a preset of this name exists. */
  public boolean has(String name) {
    return definitions.containsKey(name);
  }

  /** Preset {@code name} in the option vocabulary (keys as a request gives them), or null when there is none. */
  public Map<String, Object> definition(String name) {
    Map<String, Object> d = definitions.get(name);
    return d == null ? null : Collections.unmodifiableMap(d);
  }

  /** The options of preset {@code name}; the message lists the known names when it is unknown. */
  public EnhanceOptions get(String name) {
    EnhanceOptions options = byName.get(name);
    if (options == null) {
      throw new InvalidOptionsException("unknown preset '" + name + "', known: " + String.join(", ", byName.keySet()));
    }
    return options;
  }

  /** A file preset: its parent's options (if it {@code extends} one) with its own keys over them. */
  private static Map<String, Object> definitionFromFile(String name, JsonNode node,
                                                        Map<String, Map<String, Object>> known) {
    if (!node.isObject()) throw new InvalidOptionsException("preset '" + name + "' must be a JSON object");
    Map<String, Object> d = new LinkedHashMap<>();
    JsonNode parent = node.get("extends");
    if (parent != null) {
      Map<String, Object> base = known.get(parent.asText());
      if (base == null) {
        throw new InvalidOptionsException("preset '" + name + "' extends unknown preset '" + parent.asText() + "'");
      }
      d.putAll(base);
    }
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> f = it.next();
      if (!f.getKey().equals("extends")) d.put(f.getKey(), JSON.convertValue(f.getValue(), Object.class));
    }
    return d;
  }

  private static EnhanceOptions parsePreset(String name, Map<String, Object> definition) {
    try {
      return OptionCatalogue.apply(definition, EnhanceOptions.builder().preset(name)).build();
    } catch (InvalidOptionsException e) {
      throw new InvalidOptionsException("preset '" + name + "': " + e.getMessage());
    }
  }

  /** An ordered map from alternating keys and values (values may be null, unlike {@link Map#of}). */
  private static Map<String, Object> options(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    return m;
  }

  @Override
  public String toString() {
    return "Presets" + byName.keySet().toString().toLowerCase(Locale.ROOT);
  }
}
