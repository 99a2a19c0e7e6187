package io.enhancer.connector.presets;

import io.enhancer.connector.config.EnhancerProperties;
import io.enhancer.engine.errors.InvalidOptionsException;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.Presets;
import io.enhancer.engine.options.RgbColor;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the options of one enhancement in layers: service defaults (DEFAULT_BACKGROUND_COLOR, ...), then the
 * named preset or the one matching the image's SKU / product group, then what the request itself says. A named
 * preset is looked up in the database first, then among the engine's built-in presets (a row of the same name
 * overrides the built-in).
 */
@Component
public class OptionsResolver {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private final EnhancerProperties.Enhancement defaults;
  private final PresetMapper presets;
  private final Presets builtIn = Presets.builtIn();
  private final JsonMapper json;

  OptionsResolver(EnhancerProperties properties, PresetMapper presets, JsonMapper json) {
    this.defaults = properties.enhancement();
    this.presets = presets;
    this.json = json;
  }

  public EnhanceOptions resolve(String presetName, String skuId, String productGroupId, Map<String, ?> request) {
    return layered(presetName, skuId, productGroupId, request).options();
  }

  /**
   * As {@link #resolve}, in the form a queued job carries, with the version of the preset it came from: the job
   * runs these options whatever happens to the preset before a worker gets to it.
   */
  public ResolvedOptions snapshot(String presetName, String skuId, String productGroupId, Map<String, ?> request) {
    Layered l = layered(presetName, skuId, productGroupId, request);
    return ResolvedOptions.of(l.options(), l.presetVersion());
  }

  private Layered layered(String presetName, String skuId, String productGroupId, Map<String, ?> request) {
    EnhanceOptions.Builder b = EnhanceOptions.builder()
        .background(RgbColor.parse(defaults.defaultBackgroundColor()))
        .autoApproveThreshold(defaults.autoApproveThreshold());
    if (!defaults.enableBackgroundRemoval()) b.removeBackground(false);
    NamedOptions preset = presetName != null ? named(presetName)
        : skuId != null || productGroupId != null ? stored(presets.forImage(skuId, productGroupId)) : null;
    if (preset != null) {
      OptionsParser.apply(preset.options(), b);
      b.preset(preset.name());
    }
    OptionsParser.apply(request, b);
    EnhanceOptions options = b.build();
    // Without a canvas the seed's TARGET_MIN_DIMENSION decides the size.
    if (options.canvas() == null && options.targetMinDimension() == 0) {
      options = options.toBuilder().targetMinDimension(defaults.targetMinDimension()).build();
    }
    return new Layered(options, preset == null ? null : preset.version());
  }

  private record Layered(EnhanceOptions options, Integer presetVersion) {}

  /** The engine's built-in presets, for listing beside the stored ones. */
  public Presets builtIn() {
    return builtIn;
  }

  private NamedOptions named(String name) {
    NamedOptions row = stored(presets.findByName(name));
    if (row != null) return row;
    if (builtIn.has(name)) return new NamedOptions(name, builtIn.definition(name), ResolvedOptions.BUILT_IN_VERSION);
    throw new InvalidOptionsException("preset '" + name + "' does not exist (built-in presets: "
        + String.join(", ", builtIn.names()) + ")");
  }

  private NamedOptions stored(Preset row) {
    return row == null ? null : new NamedOptions(row.name(), parse(row.optionsJson()), row.version());
  }

  /** A preset's name, its options in the request vocabulary and its version, wherever it was found. */
  private record NamedOptions(String name, Map<String, ?> options, Integer version) {}

  public Map<String, Object> parse(String optionsJson) {
    if (optionsJson == null || optionsJson.isBlank()) return Map.of();
    return json.readValue(optionsJson, MAP);
  }

  public String write(Map<String, ?> options) {
    return json.writeValueAsString(options == null ? Map.of() : options);
  }
}
