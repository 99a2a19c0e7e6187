package io.enhancer.engine.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enhancer.engine.errors.InvalidOptionsException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OptionCatalogueTest {

  static Stream<OptionSpec> boundedNumbers() {
    return OptionCatalogue.ALL.stream().filter(o -> o.minimum() != null && o.type() != OptionType.CANVAS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("boundedNumbers")
  void valuesJustOutsideTheBoundsAreRefusedNamingKeyValueAndBounds(OptionSpec spec) {
    double step = spec.type() == OptionType.INTEGER ? 1 : 0.01;
    for (double outside : new double[] {spec.minimum().doubleValue() - step, spec.maximum().doubleValue() + step}) {
      String written = spec.type() == OptionType.INTEGER ? String.valueOf((long) outside) : String.valueOf(outside);
      assertThatThrownBy(() -> OptionCatalogue.parse(Map.of(spec.name(), written)))
          .isInstanceOf(InvalidOptionsException.class)
          .hasMessageStartingWith(spec.name() + " must be " + spec.bounds())
          .hasMessageEndingWith("got " + written);
    }
    // and the bounds themselves are accepted
    OptionCatalogue.parse(Map.of(spec.name(), spec.minimum()));
    OptionCatalogue.parse(Map.of(spec.name(), spec.maximum()));
  }

  @Test
  void targetKbMessageIsTheOneEveryEdgeShows() {
    assertThatThrownBy(() -> OptionCatalogue.parse(Map.of("target_kb", "100001")))
        .hasMessage("target_kb must be 5..50000, got 100001");
    assertThatThrownBy(() -> EnhanceOptions.builder().targetKb(100001).build())
        .as("the record checks with the same bounds").hasMessage("target_kb must be 5..50000, got 100001");
  }

  @Test
  void eachDefaultWrittenAsARequestGivesTheDefaultOptions() {
    Map<String, Object> allDefaults = new HashMap<>();
    for (OptionSpec spec : OptionCatalogue.ALL) allDefaults.put(spec.name(), spec.defaultValue());
    assertThat(OptionCatalogue.parse(allDefaults)).isEqualTo(EnhanceOptions.defaults());
    EnhanceOptions d = EnhanceOptions.defaults();
    assertThat(d.targetKb()).isNull();
    assertThat(d.canvas()).isEqualTo(CanvasOptions.SQUARE_1500);
    assertThat(d.autoApproveThreshold()).isEqualTo(OptionCatalogue.AUTO_APPROVE_THRESHOLD.defaultValue());
  }

  @Test
  void everyKeyOfTheFormerParsersIsKnownAndAliasesMeanTheirOption() {
    EnhanceOptions o = OptionCatalogue.parse(Map.of("background_color", "#101010", "max_scale", "2", "label_guard", "true",
        "protect_text", true, "shadow", "yes", "remove_background", "auto", "canvas", "none", "target_kb", "none"));
    assertThat(o.background()).isEqualTo(new RgbColor(16, 16, 16));
    assertThat(o.maxScale()).isEqualTo(2);
    assertThat(o.labelGuard()).isTrue();
    assertThat(o.protectText()).isTrue();
    assertThat(o.shadow()).isTrue();
    assertThat(o.removeBackground()).isNull();
    assertThat(o.canvas()).isNull();
    assertThat(o.targetKb()).isNull();
    assertThatThrownBy(() -> OptionCatalogue.parse(Map.of("background_color", "#000000", "background", "#FFFFFF")))
        .hasMessageContaining("background given twice");
  }

  /** Issue 18: "scale" used to be an alias of the ceiling max_scale, so "x2" could return the photo at its size. */
  @Test
  void scaleIsAnExactFactorAndMaxScaleTheCeiling() {
    EnhanceOptions exact = OptionCatalogue.parse(Map.of("scale", "2", "max_scale", "3"));
    assertThat(exact.scale()).isEqualTo(2.0);
    assertThat(exact.maxScale()).isEqualTo(3.0);
    assertThat(OptionCatalogue.parse(Map.of()).scale()).isNull();
    assertThat(OptionCatalogue.parse(Map.of("scale", "none")).scale()).isNull();
    assertThatThrownBy(() -> OptionCatalogue.parse(Map.of("scale", "9"))).hasMessage("scale must be 1..8, got 9.0");
  }

  @Test
  void unknownKeysAndBadWordsAreRefusedByName() {
    assertThatThrownBy(() -> OptionCatalogue.parse(Map.of("sharpen_hard", true)))
        .hasMessageStartingWith("unknown option 'sharpen_hard'; known: mode, remove_background, background,");
    assertThatThrownBy(() -> OptionCatalogue.parse(Map.of("quality", "high")))
        .hasMessage("quality must be a whole number, got 'high'");
    assertThatThrownBy(() -> OptionCatalogue.parse(Map.of("shadow", "maybe")))
        .hasMessage("shadow must be true or false, got 'maybe'");
    assertThatThrownBy(() -> OptionCatalogue.parse(Map.of("canvas", "1500")))
        .hasMessage("canvas must look like 1500x1500, got '1500'");
    assertThatThrownBy(() -> OptionCatalogue.parse(Map.of("canvas", "9x1500")))
        .hasMessage("canvas width must be 16..10000 px, got 9");
  }

  @Test
  void transparentBackgroundBringsTheCutOutAndAnAlphaFormatUnlessTheRequestSaysOtherwise() {
    EnhanceOptions o = OptionCatalogue.parse(Map.of("background", "transparent"));
    assertThat(o.transparent()).isTrue();
    assertThat(o.removeBackground()).isTrue();
    assertThat(o.format()).isEqualTo(OutputFormat.PNG);
    assertThat(OptionCatalogue.parse(Map.of("transparent", true, "format", "webp")).format())
        .isEqualTo(OutputFormat.WEBP);
    assertThatThrownBy(() -> OptionCatalogue.parse(Map.of("transparent", true, "format", "jpeg")))
        .hasMessage("a transparent background needs format png or webp, got jpeg");
    assertThatThrownBy(() -> OptionCatalogue.parse(Map.of("background", "transparent", "remove_background", false)))
        .hasMessageContaining("needs the background removed");
  }

  @Test
  void blankMeansNotGivenAndTheOrderOfTheMapDoesNotMatter() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("format", "png");
    a.put("background", "transparent");
    a.put("fill", "");
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("background", "transparent");
    b.put("format", "png");
    assertThat(OptionCatalogue.parse(a)).isEqualTo(OptionCatalogue.parse(b));
    assertThat(OptionCatalogue.parse(a).fill()).isEqualTo(OptionCatalogue.FILL.defaultValue());
  }

  @Test
  void fractionalApproveThresholdIsReadAsAShareOfOneHundred() {
    assertThat(OptionCatalogue.parse(Map.of("auto_approve_threshold", 0.85)).autoApproveThreshold())
        .isCloseTo(85, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(OptionCatalogue.parse(Map.of("auto_approve_threshold", "80")).autoApproveThreshold()).isEqualTo(80);
  }

  static Stream<EnhanceOptions> optionSets() {
    Presets builtIn = Presets.builtIn();
    java.util.List<EnhanceOptions> sets = new java.util.ArrayList<>();
    sets.add(EnhanceOptions.defaults());
    builtIn.names().forEach(name -> sets.add(builtIn.get(name)));
    sets.add(EnhanceOptions.builder().mode(Mode.SHARPEN).removeBackground(false).background(new RgbColor(1, 2, 254))
        .canvas(null).targetKb(null).targetMinDimension(1234).fill(0.3).maxScale(8).quality(1)
        .format(OutputFormat.WEBP).shadow(true).labelGuard(false).protectText(true).autoApproveThreshold(0)
        .preset("custom").build());
    // Built directly, not through apply: transparent with the cut-out left to the mode.
    sets.add(EnhanceOptions.builder().transparent(true).removeBackground(null).format(OutputFormat.PNG)
        .canvas(new CanvasOptions(16, 10_000)).fill(1.0).targetKb(5).build());
    // Thresholds up to 1 are where a written value is read as a fraction.
    sets.add(EnhanceOptions.builder().autoApproveThreshold(0.9).build());
    sets.add(EnhanceOptions.builder().autoApproveThreshold(1.0).mode(Mode.OPTIMIZE).build());
    sets.add(EnhanceOptions.builder().autoApproveThreshold(100).mode(Mode.UPSCALE).maxScale(1).build());
    return sets.stream();
  }

  @ParameterizedTest
  @MethodSource("optionSets")
  void toMapIsTheInverseOfApplyAlsoThroughJson(EnhanceOptions o) throws Exception {
    Map<String, Object> written = OptionCatalogue.toMap(o);
    assertThat(written.keySet()).as("every option under its canonical name, in catalogue order")
        .containsExactlyElementsOf(OptionCatalogue.names());
    assertThat(OptionCatalogue.apply(written, EnhanceOptions.builder().preset(o.preset())).build()).isEqualTo(o);

    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    Map<String, Object> readBack = json.readValue(json.writeValueAsString(written),
        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
    assertThat(OptionCatalogue.apply(readBack, EnhanceOptions.builder().preset(o.preset())).build())
        .as("as a Kafka task carries it").isEqualTo(o);
  }
}
