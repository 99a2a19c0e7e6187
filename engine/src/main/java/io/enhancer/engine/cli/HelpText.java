package io.enhancer.engine.cli;

import static io.enhancer.engine.options.OptionCatalogue.AUTO_APPROVE_THRESHOLD;
import static io.enhancer.engine.options.OptionCatalogue.FILL;
import static io.enhancer.engine.options.OptionCatalogue.MAX_SCALE;
import static io.enhancer.engine.options.OptionCatalogue.SCALE;
import static io.enhancer.engine.options.OptionCatalogue.QUALITY;
import static io.enhancer.engine.options.OptionCatalogue.TARGET_KB;
import static io.enhancer.engine.options.OptionCatalogue.TARGET_MIN_DIMENSION;

import io.enhancer.engine.options.Presets;

/** The text of {@code --help} for each command. */
final class HelpText {
  private HelpText() {}

  static final String OPTIONS = """
      Enhancement options:
        --mode auto|full|sharpen|denoise|upscale|optimize   which steps run (default auto: the analysis decides)
        --preset NAME              start from a named preset (%s); flags override it
        --presets FILE             JSON file with more presets: {"name": {"extends": "packshot-white", "fill": 0.9}}
        --remove-background | --keep-background             force the cut-out on or off (default: the mode decides)
        --background '#FFFFFF'     colour behind the product; 'transparent' gives a PNG (or WebP) with alpha
        --canvas 1500x1500 | --no-canvas                    output canvas (default 1500x1500) or the photo's own frame
        --fill 0.85                share of the canvas the product's longer side fills (%s)
        --scale N                  enlarge by exactly N (%s), in the photo's own frame unless --canvas is given
        --max-scale N              largest upscale factor, a ceiling when the canvas or --min-side decides (%s, default %s)
        --min-side PX              without a canvas: upscale until the shorter side reaches PX (%s)
        --target-kb 500 | none     largest output size in KiB (%s); the highest quality that fits is searched
        --quality Q                encoder quality %s (ceiling of the search with --target-kb; default %s)
        --format jpeg|webp|png     output format (enhance: default from the OUTPUT name, else jpeg)
        --shadow | --no-shadow     soft contact shadow under the product
        --label-guard | --no-label-guard   OCR + barcode check that label text and codes stay readable
                                   (default on wherever text is detected; --no-label-guard opts out)
        --protect-text | --no-protect-text text and code regions use classical upscaling only
        --approve-threshold N      QC score above which the result is auto-approved (%s, default %s)
      Engine limits:
        --max-pixels 50M           largest source resolution (checked from the header before decoding)
        --max-mb 50                largest source file
        --timeout-s 120            time limit per image
        --models-dir DIR           ONNX models (default: $ENHANCER_MODELS_DIR, else ./models; none = classical steps)
      """.formatted(String.join(", ", Presets.builtIn().names()), FILL.bounds(), SCALE.bounds(),
      MAX_SCALE.bounds(), plain(MAX_SCALE.defaultValue()), TARGET_MIN_DIMENSION.bounds(), TARGET_KB.bounds(), QUALITY.bounds(),
      QUALITY.defaultValue(), AUTO_APPROVE_THRESHOLD.bounds(), plain(AUTO_APPROVE_THRESHOLD.defaultValue()));

  /** {@code 4.0} as {@code 4}: defaults read like the flags a user types. */
  private static String plain(Object number) {
    return new java.math.BigDecimal(String.valueOf(number)).stripTrailingZeros().toPlainString();
  }

  static final String MAIN = """
      enhancer: product-photo enhancement (background removal, light and colour, denoise, upscale, sharpen,
      standard canvas, size-targeted encoding, quality check).

      Usage:
        enhancer enhance INPUT OUTPUT [options] [--report REPORT.json]
        enhancer batch INPUT_DIR OUTPUT_DIR [options] [--threads N] [--report-dir DIR]
        enhancer bench INPUT_DIR [--scenario optimize|full|all] [--limit N] [--repeat N] [--out DIR] [--tsv FILE]
        enhancer version
        enhancer COMMAND --help

      Exit status: 0 done, 1 an image failed, 2 the command line was wrong.
      """;

  static final String ENHANCE = """
      Usage: enhancer enhance INPUT OUTPUT [options] [--report REPORT.json]

      Enhances one image. OUTPUT may be a file (its extension picks the format unless --format is given) or an
      existing folder (then OUTPUT/<input name>.<format extension>). --report writes the JSON report (QC score,
      reasons, metrics before and after, step timings, output facts).

      """ + OPTIONS;

  static final String BATCH = """
      Usage: enhancer batch INPUT_DIR OUTPUT_DIR [options] [--threads N] [--report-dir DIR]

      Enhances every image in INPUT_DIR (not recursive) into OUTPUT_DIR/<input name>.<format extension>, with N
      threads (default: the number of processors). Goes on past bad files and ends with a summary; exit status 1
      when any file failed. --report-dir writes one JSON report per image (<input name>.json).

      """ + OPTIONS;

  static final String BENCH = """
      Usage: enhancer bench INPUT_DIR [--scenario optimize|full|all] [--limit N] [--repeat N] [--warmup N]
                            [--out DIR] [--tsv FILE] [options]

      Runs the pipeline in this process on one thread over the images in INPUT_DIR and prints, per scenario, a
      markdown table of per-step milliseconds (mean, p95), images/s and peak memory (VmHWM).
        optimize: --mode optimize --keep-background --canvas 1500x1500 --target-kb 300
        full:     --mode full --target-kb 500
      With enhancement options given, one 'custom' scenario runs with them instead. --limit takes the first N
      images (default all), --warmup N untimed images first (default 2), --out keeps the outputs, --tsv appends
      one machine-readable line per scenario (bench/run-bench.sh reads it).

      """ + OPTIONS;
}
