package io.enhancer.engine.models.superres;

import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The single-channel (luminance) super-resolution models we know, with the sha256 of each ONNX file pinned here in
 * code (the same values as the READMEs beside the files), so a swapped file next to an edited README still fails.
 * All take input {@code input} [1,1,H,W] = Y/255 (OpenCV's full-range BT.601 Y) and give {@code output} [1,1,sH,sW].
 *
 * <p>The OpenCV dnn_superres exports (espcn, fsrcnn, fsrcnn-small, lapsrn, in the models folder) were trained on
 * OpenCV INTER_CUBIC reductions, which alias; on antialiased inputs (real photos, MATLAB-bicubic benchmark inputs)
 * they under-sharpen. {@link #ESPCN_ANTIALIASED} is ESPCN fine-tuned on antialiased reductions and ships inside the
 * engine jar: the default (see bench/README.md for the table it was chosen by).
 */
public enum ModelFamily {
  /** ESPCN fine-tuned on MATLAB-bicubic (antialiased) reductions by scripts/superres/finetune.py; bundled. */
  ESPCN_ANTIALIASED("espcn-antialiased", "ESPCN-antialiased_x%d.onnx", 4, 0, true, Map.of(
      2, "2d5023218ab7244d680bf347423a311f0c6fa213be2fc551b4f77825b80c3954",
      3, "b4c8a95b264c56ee50c23dc2ac69c40d5fc129b05bbef867c776dab1c4e529d1",
      4, "197158b6e2bb312facba1787a6b1573e7ba2e39afa82fc2c060b0827e9fade0c")),
  ESPCN("espcn", "ESPCN_x%d.onnx", 4, Defaults.ALIASED_INPUT_SHARPENING, false, Map.of(
      2, "8f9311c7617b901724cfb08a561444fcf36c5180717358ca15e35b40ba24a3f7",
      3, "fbdac8b0973a501dd478a3c8aaacc98b3837e953ebb6c6179744415943cedda1",
      4, "4bd0054e21877193e126ea28be16cb09020c5e3efe74b0df484c2ae941614e8a")),
  FSRCNN("fsrcnn", "FSRCNN_x%d.onnx", 6, Defaults.ALIASED_INPUT_SHARPENING, false, Map.of(
      2, "c43e05ccc309f178d47dc59e396ad0478f69c16d650827685f659b3ab9a090d1",
      3, "0337d5784903d0ac338ae15de14329deb6683408d678ff689f42239fbe5ac8ff",
      4, "871dc42751fdcacf691a45703025f9b24a94644afc7035c036f93685afd71f07")),
  /** FSRCNN with fewer filters, kept in the fsrcnn folder. */
  FSRCNN_SMALL("fsrcnn", "FSRCNN-small_x%d.onnx", 3, Defaults.ALIASED_INPUT_SHARPENING, false, Map.of(
      2, "097cc0393a1fc6fc8449dcddc9c9bf1fa3f6686354c9c039cc5657c8c498f221",
      3, "b22a47758914d99f9682cd432c9fa98244e374dbe44c9a8c88e3f4b55d9157a1",
      4, "1e278e62537eb8b0215f91c531cd119b56d3b73b7babcf4d3e0b95263083646c")),
  /** Much deeper than ESPCN/FSRCNN: a 16 px margin keeps its tiles within 0.1 dB of the untiled result. */
  LAPSRN("lapsrn", "LapSRN_x%d.onnx", 16, Defaults.ALIASED_INPUT_SHARPENING, false, Map.of(
      2, "286628b29c350b916eb4a8234714fa0cd6a3c16452300ba6286bd1376e0768d0",
      4, "f6eae8bea0bdf5215d598cf18376abf3f72db9866b5ca2f267bfe0e979ee2061"));

  static final String INPUT = "input";
  static final String OUTPUT = "output";

  /** The family used when none is configured. */
  public static final ModelFamily DEFAULT = ESPCN_ANTIALIASED;

  /** Constants the enum constructors need (an enum cannot refer to its own static fields there). */
  private static final class Defaults {
    /** Unsharp amount that adapts the aliased-input-trained models to smooth inputs (chosen on Set5 and BSD100). */
    static final double ALIASED_INPUT_SHARPENING = 0.4;
  }

  private final String directory;
  private final String filePattern;
  private final int receptiveRadius;
  private final double defaultInputSharpening;
  private final boolean bundled;
  private final NavigableMap<Integer, String> sha256ByScale;

  ModelFamily(String directory, String filePattern, int receptiveRadius, double defaultInputSharpening, boolean bundled,
      Map<Integer, String> sha256ByScale) {
    this.directory = directory;
    this.filePattern = filePattern;
    this.receptiveRadius = receptiveRadius;
    this.defaultInputSharpening = defaultInputSharpening;
    this.bundled = bundled;
    this.sha256ByScale = Collections.unmodifiableNavigableMap(new TreeMap<>(sha256ByScale));
  }

  /**
   * Input pixels on each side that influence one output pixel: tiles get at least this much real context and the
   * image border this much reflected context, so tiled output equals untiled output and borders see no zero padding.
   */
  public int receptiveRadius() {
    return receptiveRadius;
  }

  /** Input sharpening this family needs unless set explicitly: 0 for models trained on antialiased reductions. */
  public double defaultInputSharpening() {
    return defaultInputSharpening;
  }

  /** True when the files ship inside the engine jar (resource folder {@link #directory()} beside this class). */
  public boolean bundled() {
    return bundled;
  }

  /** Name for options and reports: {@code espcn-antialiased}, {@code espcn}, {@code fsrcnn}, {@code lapsrn}, ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Folder under the models directory, or the resource folder of a bundled family. */
  public String directory() {
    return directory;
  }

  public String fileName(int scale) {
    return String.format(Locale.ROOT, filePattern, scale);
  }

  public NavigableMap<Integer, String> sha256ByScale() {
    return sha256ByScale;
  }

  public static ModelFamily parse(String id) {
    String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.id().equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("super-resolution model must be one of "
            + Arrays.stream(values()).map(ModelFamily::id).collect(Collectors.joining("|")) + ", got '" + id + "'"));
  }
}
