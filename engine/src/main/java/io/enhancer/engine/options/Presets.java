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
 * Keys are the snake_case option names ({@code mode, remove_background, background, canvas, fill, scale,
 * target_min_dimension, target_kb, quality, format, shadow, label_guard, protect_text, auto_approve_threshold});
 * unknown keys are rejected. The label guard is on unless a preset sets {@code "label_guard": false}.
 * A preset is applied first; explicit settings (CLI flags, request fields) override it.
 */
public final class Presets {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, EnhanceOptions> byName;

  private Presets(Map<String, EnhanceOptions> byName) {
    this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
  }

  /** The presets every installation has. */
  public static Presets builtIn() {
    Map<String, EnhanceOptions> m = new LinkedHashMap<>();
    // White-background marketplace packshot: cut out, 85 % fill on 1500x1500, small enough for fast pages.
    m.put("packshot-white", EnhanceOptions.builder().preset("packshot-white")
        .mode(Mode.AUTO).removeBackground(true).background(RgbColor.WHITE)
        .canvas(CanvasOptions.SQUARE_1500).fill(0.85).targetKb(500).format(OutputFormat.JPEG).build());
    // Pharmacy and food labels: small print must stay legible, so quality is high and there is no size target.
    m.put("medical-label", EnhanceOptions.builder().preset("medical-label")
        .mode(Mode.FULL).removeBackground(true).background(RgbColor.WHITE)
        .canvas(CanvasOptions.SQUARE_1500).fill(0.80).quality(95).targetKb(null).format(OutputFormat.JPEG)
        .autoApproveThreshold(80).labelGuard(true).protectText(true).build());
    // Products in a scene: the scene is the point, so keep it and keep the photo's own frame.
    m.put("lifestyle", EnhanceOptions.builder().preset("lifestyle")
        .mode(Mode.AUTO).removeBackground(false).canvas(null).targetMinDimension(1500)
        .targetKb(800).format(OutputFormat.JPEG).build());
    // Listing and search-result tiles.
    m.put("thumbnail", EnhanceOptions.builder().preset("thumbnail")
        .mode(Mode.AUTO).removeBackground(true).canvas(new CanvasOptions(400, 400)).fill(0.90)
        .quality(85).targetKb(60).format(OutputFormat.JPEG).build());
    // A cut-out for designers to place on their own layouts.
    m.put("cutout-transparent", EnhanceOptions.builder().preset("cutout-transparent")
        .mode(Mode.AUTO).removeBackground(true).transparent(true).canvas(CanvasOptions.SQUARE_1500).fill(0.90)
        .format(OutputFormat.PNG).build());
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
    Map<String, EnhanceOptions> merged = new LinkedHashMap<>(byName);
    Iterator<Map.Entry<String, JsonNode>> it = root.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      merged.put(e.getKey(), parsePreset(e.getKey(), e.getValue(), merged));
    }
    return new Presets(merged);
  }

  public Set<String> names() {
    return byName.keySet();
  }

  /** The options of preset {@code name}; the message lists the known names when it is unknown. */
  public EnhanceOptions get(String name) {
    EnhanceOptions options = byName.get(name);
    if (options == null) {
      throw new InvalidOptionsException("unknown preset '" + name + "', known: " + String.join(", ", byName.keySet()));
    }
    return options;
  }

  private static EnhanceOptions parsePreset(String name, JsonNode node, Map<String, EnhanceOptions> known) {
    if (!node.isObject()) throw new InvalidOptionsException("preset '" + name + "' must be a JSON object");
    EnhanceOptions.Builder b = EnhanceOptions.builder();
    JsonNode parent = node.get("extends");
    if (parent != null) {
      EnhanceOptions base = known.get(parent.asText());
      if (base == null) {
        throw new InvalidOptionsException("preset '" + name + "' extends unknown preset '" + parent.asText() + "'");
      }
      b = base.toBuilder();
    }
    b.preset(name);
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> f = it.next();
      try {
        apply(b, f.getKey(), f.getValue());
      } catch (InvalidOptionsException e) {
        throw new InvalidOptionsException("preset '" + name + "': " + e.getMessage());
      }
    }
    try {
      return b.build();
    } catch (InvalidOptionsException e) {
      throw new InvalidOptionsException("preset '" + name + "': " + e.getMessage());
    }
  }

  private static void apply(EnhanceOptions.Builder b, String key, JsonNode v) {
    switch (key) {
      case "extends" -> { }
      case "mode" -> b.mode(Mode.parse(v.asText()));
      case "remove_background" -> b.removeBackground(v.isNull() ? null : bool(key, v));
      case "background" -> {
        if ("transparent".equalsIgnoreCase(v.asText())) b.transparent(true);
        else b.transparent(false).background(RgbColor.parse(v.asText()));
      }
      case "canvas" -> b.canvas(v.isNull() || "none".equalsIgnoreCase(v.asText()) ? null : CanvasOptions.parse(v.asText()));
      case "fill" -> b.fill(number(key, v));
      case "scale" -> b.maxScale(number(key, v));
      case "target_min_dimension" -> b.targetMinDimension((int) number(key, v));
      case "target_kb" -> b.targetKb(v.isNull() ? null : (int) number(key, v));
      case "quality" -> b.quality((int) number(key, v));
      case "format" -> b.format(OutputFormat.parse(v.asText()));
      case "shadow" -> b.shadow(bool(key, v));
      case "label_guard" -> b.labelGuard(bool(key, v));
      case "protect_text" -> b.protectText(bool(key, v));
      case "auto_approve_threshold" -> b.autoApproveThreshold(number(key, v));
      default -> throw new InvalidOptionsException("unknown key '" + key + "'");
    }
  }

  private static double number(String key, JsonNode v) {
    if (!v.isNumber()) throw new InvalidOptionsException(key + " must be a number, got " + v);
    return v.asDouble();
  }

  private static boolean bool(String key, JsonNode v) {
    if (!v.isBoolean()) throw new InvalidOptionsException(key + " must be true or false, got " + v);
    return v.asBoolean();
  }

  @Override
  public String toString() {
    return "Presets" + byName.keySet().toString().toLowerCase(Locale.ROOT);
  }
}
