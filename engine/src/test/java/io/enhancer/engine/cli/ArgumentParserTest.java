package io.enhancer.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enhancer.engine.options.CanvasOptions;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.Mode;
import io.enhancer.engine.options.OutputFormat;
import io.enhancer.engine.options.RgbColor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArgumentParserTest {
  private final ArgumentParser parser = new ArgumentParser(Map.of());

  private CommandArguments enhance(String... flags) {
    List<String> args = new ArrayList<>(List.of("in.jpg", "out.jpg"));
    args.addAll(List.of(flags));
    return parser.parse(CommandSpec.ENHANCE, args);
  }

  @Test
  void parsesEveryDocumentedEnhanceFlag() {
    CommandArguments a = enhance("--mode", "full", "--remove-background", "--background", "#F0F0F0",
        "--canvas", "1200x1500", "--fill", "0.8", "--scale", "2", "--max-scale", "3", "--target-kb", "400", "--format", "webp",
        "--quality", "88", "--shadow", "--report", "r.json", "--max-pixels", "20M", "--max-mb", "10",
        "--timeout-s", "30");
    EnhanceOptions o = a.options();
    assertThat(o.mode()).isEqualTo(Mode.FULL);
    assertThat(o.removeBackground()).isTrue();
    assertThat(o.background()).isEqualTo(new RgbColor(0xF0, 0xF0, 0xF0));
    assertThat(o.canvas()).isEqualTo(new CanvasOptions(1200, 1500));
    assertThat(o.fill()).isEqualTo(0.8);
    assertThat(o.scale()).isEqualTo(2.0);
    assertThat(o.maxScale()).isEqualTo(3);
    assertThat(o.targetKb()).isEqualTo(400);
    assertThat(o.format()).isEqualTo(OutputFormat.WEBP);
    assertThat(o.quality()).isEqualTo(88);
    assertThat(o.shadow()).isTrue();
    assertThat(a.flag("--report")).isEqualTo("r.json");
    assertThat(a.engine().limits().maxPixels()).isEqualTo(20_000_000L);
    assertThat(a.engine().limits().maxBytes()).isEqualTo(10L * 1024 * 1024);
    assertThat(a.engine().limits().timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(a.positionals()).containsExactly("in.jpg", "out.jpg");
  }

  @Test
  void acceptsNameEqualsValueForm() {
    assertThat(enhance("--fill=0.9", "--no-canvas").options().fill()).isEqualTo(0.9);
    assertThat(enhance("--no-canvas").options().canvas()).isNull();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "--frobnicate                           | unknown option --frobnicate",
      "--threads 4                            | unknown option --threads for 'enhance'",
      "--fill 2                               | fill must be 0.3..1.0, got 2.0",
      "--fill lots                            | fill must be a number, got 'lots'",
      "--min-side 20000                       | --min-side: target_min_dimension must be 0..10000 px, got 20000",
      "--quality 9.5                          | quality must be a whole number, got '9.5'",
      "--mode fast                            | mode must be one of auto|full|sharpen|denoise|upscale|optimize, got 'fast'",
      "--canvas 1500                          | canvas must look like 1500x1500, got '1500'",
      "--canvas 20000x20000                   | canvas width must be 16..10000 px, got 20000",
      "--background pink                      | background must be a colour like #FFFFFF, got 'pink'",
      "--format gif                           | format must be jpeg|webp|png, got 'gif'",
      "--target-kb 1                          | target_kb must be 5..50000, got 1",
      "--quality 0                            | quality must be 1..100, got 0",
      "--scale 9                              | scale must be 1..8, got 9.0",
      "--max-scale 9                          | max_scale must be 1..8, got 9.0",
      "--target-kb 100001                     | target_kb must be 5..50000, got 100001",
      "--remove-background --keep-background  | --remove-background and --keep-background cannot be used together",
      "--canvas 800x800 --no-canvas           | --canvas and --no-canvas cannot be used together",
      "--background transparent --format jpeg | a transparent background needs format png or webp, got jpeg",
      "--background transparent --keep-background | --background transparent needs the background removed",
      "--preset shoes                         | unknown preset 'shoes', known: packshot-white",
      "--mode                                 | --mode needs a value",
      "--fill 0.8 --fill 0.9                  | --fill given more than once",
      "--shadow=yes                           | --shadow takes no value, got 'yes'",
      "--max-pixels -3                        | --max-pixels must be positive",
      "--models-dir /nonexistent/models       | --models-dir is not a folder: /nonexistent/models",
  })
  void rejectsBadValuesWithAMessageNamingThem(String flags, String message) {
    assertThatThrownBy(() -> enhance(flags.trim().split("\\s+")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining(message);
  }

  @Test
  void rejectsMissingAndExtraPositionals() {
    assertThatThrownBy(() -> parser.parse(CommandSpec.ENHANCE, List.of("in.jpg")))
        .hasMessage("'enhance' needs INPUT OUTPUT");
    assertThatThrownBy(() -> parser.parse(CommandSpec.BATCH, List.of("a", "b", "c")))
        .hasMessageContaining("got extra argument(s) [c]");
  }

  @Test
  void transparentBackgroundSwitchesToPngAndRemovesTheBackground() {
    EnhanceOptions o = enhance("--background", "transparent").options();
    assertThat(o.transparent()).isTrue();
    assertThat(o.format()).isEqualTo(OutputFormat.PNG);
    assertThat(o.removeBackground()).isTrue();
    assertThat(enhance("--background", "transparent", "--format", "webp").options().format()).isEqualTo(OutputFormat.WEBP);
  }

  @Test
  void explicitFlagsOverrideThePreset() {
    EnhanceOptions preset = enhance("--preset", "thumbnail").options();
    assertThat(preset.canvas()).isEqualTo(new CanvasOptions(400, 400));
    assertThat(preset.targetKb()).isEqualTo(60);
    assertThat(preset.preset()).isEqualTo("thumbnail");

    EnhanceOptions overridden = enhance("--preset", "thumbnail", "--canvas", "600x600", "--target-kb", "none").options();
    assertThat(overridden.canvas()).isEqualTo(new CanvasOptions(600, 600));
    assertThat(overridden.targetKb()).isNull();
    assertThat(overridden.fill()).isEqualTo(0.90);
    assertThat(overridden.preset()).isEqualTo("thumbnail");
  }

  @Test
  void lifestylePresetKeepsTheBackgroundAndTheFrame() {
    EnhanceOptions o = enhance("--preset", "lifestyle").options();
    assertThat(o.removeBackground()).isFalse();
    assertThat(o.canvas()).isNull();
  }

  @Test
  void presetsFileAddsPresetsThatExtendBuiltIns(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("presets.json");
    Files.writeString(file, """
        {"shoes": {"extends": "packshot-white", "fill": 0.9, "canvas": "2000x2000", "format": "webp"}}
        """);
    EnhanceOptions o = enhance("--presets", file.toString(), "--preset", "shoes").options();
    assertThat(o.fill()).isEqualTo(0.9);
    assertThat(o.canvas()).isEqualTo(new CanvasOptions(2000, 2000));
    assertThat(o.format()).isEqualTo(OutputFormat.WEBP);
    assertThat(o.targetKb()).isEqualTo(500);
    assertThat(o.removeBackground()).isTrue();
    assertThat(o.preset()).isEqualTo("shoes");
  }

  @Test
  void presetsFileWithUnknownKeyIsRejectedNamingPresetAndKey(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("presets.json");
    Files.writeString(file, "{\"shoes\": {\"sharpness\": 3}}");
    assertThatThrownBy(() -> enhance("--presets", file.toString(), "--preset", "shoes"))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("preset 'shoes': unknown option 'sharpness'; known: mode, remove_background,");
  }

  @Test
  void modelsDirComesFromTheEnvironmentWhenNotGiven(@TempDir Path dir) {
    ArgumentParser withEnv = new ArgumentParser(Map.of("ENHANCER_MODELS_DIR", dir.toString()));
    CommandArguments a = withEnv.parse(CommandSpec.ENHANCE, List.of("in.jpg", "out.jpg"));
    assertThat(a.engine().modelsDir()).isEqualTo(dir);
  }

  @Test
  void batchThreadsAreBounded() {
    CommandArguments a = parser.parse(CommandSpec.BATCH, List.of("in", "out", "--threads", "0"));
    assertThatThrownBy(() -> a.intFlag("--threads", 1, 1, 64)).hasMessage("--threads must be 1..64, got 0");
  }
}
