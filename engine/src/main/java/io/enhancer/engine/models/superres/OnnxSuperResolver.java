package io.enhancer.engine.models.superres;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.enhancer.engine.errors.ModelException;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.models.SuperResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Learned super-resolution on luminance: the Y plane of YCrCb goes through an ONNX model (see {@link ModelFamily}),
 * the chroma planes are stretched with Lanczos (the eye resolves colour far less finely than brightness), and the
 * planes are merged back. Large images run tile by tile ({@link TiledInference}) with at least the model's receptive
 * radius of context, reflected at the image border; factors between model scales follow {@link ScalePlan}. One ONNX
 * session per model scale is created at load and shared by all threads ({@code OrtSession.run} is thread-safe).
 * Output is deterministic for a given thread count.
 */
public final class OnnxSuperResolver implements SuperResolver, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(OnnxSuperResolver.class.getName());
  private static final int WARM_UP_SIDE = 32;
  /** Narrow on purpose: restores the top octave that antialiasing removes and aliased-trained models expect. */
  private static final double INPUT_SHARPENING_SIGMA = 0.6;

  /**
   * @param intraOpThreads  ONNX Runtime threads per model run, 1..64
   * @param tileSize        core tile side in source pixels (memory grows with its square times the scale squared)
   * @param tileOverlap     context pixels around each tile, raised to the model's receptive radius when smaller
   *                        (less would show seams), 0..tileSize
   * @param inputSharpening unsharp-mask amount (sigma 0.6) on the input luminance before the model, 0..2, or null for
   *                        the family's own default ({@link ModelFamily#defaultInputSharpening()}): 0.4 for the models
   *                        trained on aliased OpenCV-cubic reductions, which under-sharpen smoother real inputs; 0 for
   *                        the antialiased fine-tune.
   */
  public record Settings(int intraOpThreads, int tileSize, int tileOverlap, Double inputSharpening) {
    public static final int DEFAULT_TILE_SIZE = 256;
    /** 0: exactly the model's receptive radius, the least context that still gives seamless output. */
    public static final int DEFAULT_TILE_OVERLAP = 0;

    public Settings {
      if (intraOpThreads < 1 || intraOpThreads > 64) {
        throw new IllegalArgumentException("super-resolution threads must be 1..64, got " + intraOpThreads);
      }
      new TiledInference(tileSize, tileOverlap); // validates both with messages naming the value
      if (inputSharpening != null && !(inputSharpening >= 0 && inputSharpening <= 2)) {
        throw new IllegalArgumentException("input sharpening must be 0..2, got " + inputSharpening);
      }
    }

    /** The family's default input sharpening. */
    public Settings(int intraOpThreads, int tileSize, int tileOverlap) {
      this(intraOpThreads, tileSize, tileOverlap, null);
    }

    public static Settings withThreads(int intraOpThreads) {
      return new Settings(intraOpThreads, DEFAULT_TILE_SIZE, DEFAULT_TILE_OVERLAP);
    }
  }

  private final ModelFamily family;
  private final NavigableMap<Integer, OrtSession> sessionsByScale;
  private final TiledInference tiling;
  private final double inputSharpening;
  private final OrtEnvironment environment;

  private OnnxSuperResolver(ModelFamily family, NavigableMap<Integer, OrtSession> sessionsByScale, Settings settings,
      OrtEnvironment environment) {
    this.family = family;
    this.sessionsByScale = sessionsByScale;
    this.tiling = new TiledInference(settings.tileSize(), Math.max(settings.tileOverlap(), family.receptiveRadius()));
    this.inputSharpening = settings.inputSharpening() != null
        ? settings.inputSharpening() : family.defaultInputSharpening();
    this.environment = environment;
  }

  /** {@link #load(Path, ModelFamily, Settings)} with default tiling; {@code family} is one of {@link ModelFamily}'s ids. */
  public static Optional<OnnxSuperResolver> load(Path modelsDir, String family, int threads) {
    ModelFamily parsed;
    try {
      parsed = ModelFamily.parse(family);
    } catch (IllegalArgumentException e) {
      throw new ModelException(e.getMessage(), e);
    }
    return load(modelsDir, parsed, Settings.withThreads(threads));
  }

  /**
   * Loads every scale of the family found under {@code <modelsDir>/<family dir>/}, or inside the engine jar for a
   * {@link ModelFamily#bundled()} family (then {@code modelsDir} is not read and may be null). Returns empty, with a
   * warning, when none of the files is there (the caller falls back to {@link LanczosResolver}); scales whose file is
   * missing are skipped with a warning.
   *
   * @throws ModelException when a file's sha256 differs from the pinned one or ONNX Runtime cannot load it
   */
  public static Optional<OnnxSuperResolver> load(Path modelsDir, ModelFamily family, Settings settings) {
    OpenCvRuntime.ensureLoaded();
    String dir = family.bundled() ? "engine jar " + family.directory() : modelsDir.resolve(family.directory()).toString();
    List<Integer> missing = new ArrayList<>();
    NavigableMap<Integer, byte[]> verified = new TreeMap<>();
    for (var entry : family.sha256ByScale().entrySet()) {
      String fileName = family.fileName(entry.getKey());
      byte[] bytes = family.bundled() ? readResource(family.directory() + "/" + fileName)
          : readFile(modelsDir.resolve(family.directory()).resolve(fileName));
      if (bytes == null) {
        missing.add(entry.getKey());
        continue;
      }
      verified.put(entry.getKey(), verified(fileName, bytes, entry.getValue()));
    }
    if (verified.isEmpty()) {
      LOG.log(System.Logger.Level.WARNING, "no {0} super-resolution model in {1}; using the classical upscaler",
          family.id(), dir);
      return Optional.empty();
    }
    if (!missing.isEmpty()) {
      LOG.log(System.Logger.Level.WARNING, "{0} models for scales {1} missing in {2}; using the others",
          family.id(), missing, dir);
    }
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    NavigableMap<Integer, OrtSession> sessions = new TreeMap<>();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(settings.intraOpThreads());
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      for (var entry : verified.entrySet()) {
        sessions.put(entry.getKey(), environment.createSession(entry.getValue(), options));
      }
    } catch (OrtException e) {
      sessions.values().forEach(OnnxSuperResolver::closeQuietly);
      throw new ModelException("cannot load " + family.id() + " super-resolution model: " + e.getMessage(), e);
    }
    return Optional.of(new OnnxSuperResolver(family, sessions, settings, environment));
  }

  /** The whole file (they are small), or null when absent; checked before ONNX Runtime sees it. */
  private static byte[] readFile(Path file) {
    if (!Files.isRegularFile(file)) return null;
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ModelException("cannot read model " + file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  private static byte[] readResource(String name) {
    try (InputStream in = OnnxSuperResolver.class.getResourceAsStream(name)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new ModelException("cannot read bundled model " + name + ": " + e.getMessage(), e);
    }
  }

  /** Returns the bytes when their sha256 is the pinned one, so what runs is what was checked. */
  private static byte[] verified(String fileName, byte[] bytes, String expectedSha256) {
    try {
      String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      if (!actual.equalsIgnoreCase(expectedSha256)) {
        throw new ModelException("model " + fileName + " has sha256 " + actual + ", expected "
            + expectedSha256 + "; refusing to load it", null);
      }
      return bytes;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always provides SHA-256", e);
    }
  }

  @Override
  public String name() {
    return family.id();
  }

  public ModelFamily family() {
    return family;
  }

  /** Model scales loaded, e.g. [2, 3, 4]. */
  public List<Integer> scales() {
    return List.copyOf(sessionsByScale.keySet());
  }

  /** Runs every model once on a small tile so the first real request does not pay ONNX Runtime's lazy set-up. */
  public void warmUp() {
    Mat tile = Mat.zeros(WARM_UP_SIDE, WARM_UP_SIDE, CvType.CV_32FC1);
    sessionsByScale.forEach((scale, session) -> runModel(session, scale, tile).release());
    tile.release();
  }

  @Override
  public Mat upscale(Mat bgr, double factor) {
    if (bgr.type() != CvType.CV_8UC3) {
      throw new IllegalArgumentException("super-resolution needs CV_8UC3, got " + CvType.typeToString(bgr.type()));
    }
    Size target = ScalePlan.targetSize(bgr.cols(), bgr.rows(), factor);
    ScalePlan plan = ScalePlan.choose(factor, sessionsByScale.navigableKeySet());
    OrtSession session = sessionsByScale.get(plan.modelScale());

    Mat ycrcb = new Mat();
    Imgproc.cvtColor(bgr, ycrcb, Imgproc.COLOR_BGR2YCrCb);
    List<Mat> planes = new ArrayList<>(3);
    Core.split(ycrcb, planes);
    ycrcb.release();

    Mat luma = new Mat();
    planes.get(0).convertTo(luma, CvType.CV_32FC1, 1.0 / 255);
    if (inputSharpening > 0) {
      Mat blurred = new Mat();
      Imgproc.GaussianBlur(luma, blurred, new Size(0, 0), INPUT_SHARPENING_SIGMA, INPUT_SHARPENING_SIGMA,
          Core.BORDER_REFLECT);
      Core.addWeighted(luma, 1 + inputSharpening, blurred, -inputSharpening, 0, luma);
      blurred.release();
    }
    Mat modelLuma = tiling.run(luma, plan.modelScale(), tile -> runModel(session, plan.modelScale(), tile));
    luma.release();
    Mat modelLuma8 = new Mat();
    modelLuma.convertTo(modelLuma8, CvType.CV_8UC1, 255); // rounds and saturates: the clamp to [0,1]
    modelLuma.release();

    List<Mat> resized = new ArrayList<>(3);
    resized.add(modelLuma8.size().equals(target) ? modelLuma8 : LanczosResolver.resize(modelLuma8, target));
    for (int chroma = 1; chroma <= 2; chroma++) {
      Mat plane = new Mat();
      Imgproc.resize(planes.get(chroma), plane, target, 0, 0, Imgproc.INTER_LANCZOS4);
      resized.add(plane);
    }
    Mat merged = new Mat();
    Core.merge(resized, merged);
    Mat out = new Mat();
    Imgproc.cvtColor(merged, out, Imgproc.COLOR_YCrCb2BGR);
    merged.release();
    planes.forEach(Mat::release);
    resized.forEach(Mat::release);
    modelLuma8.release();
    return out;
  }

  private Mat runModel(OrtSession session, int scale, Mat tile) {
    int height = tile.rows();
    int width = tile.cols();
    float[] pixels = new float[height * width];
    tile.get(0, 0, pixels);
    try (OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(pixels), new long[] {1, 1, height, width});
         OrtSession.Result result = session.run(Map.of(ModelFamily.INPUT, input))) {
      OnnxValue value = result.get(ModelFamily.OUTPUT)
          .orElseThrow(() -> new ModelException(family.id() + " model has no output '" + ModelFamily.OUTPUT + "'", null));
      OnnxTensor output = (OnnxTensor) value;
      long[] shape = output.getInfo().getShape();
      long[] expected = {1, 1, (long) height * scale, (long) width * scale};
      if (!Arrays.equals(shape, expected)) {
        throw new ModelException(family.id() + " x" + scale + " gave shape " + Arrays.toString(shape) + ", expected "
            + Arrays.toString(expected), null);
      }
      FloatBuffer buffer = output.getFloatBuffer();
      float[] upscaled = new float[buffer.remaining()];
      buffer.get(upscaled);
      Mat out = new Mat(height * scale, width * scale, CvType.CV_32FC1);
      out.put(0, 0, upscaled);
      return out;
    } catch (OrtException e) {
      throw new ModelException(family.id() + " x" + scale + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    sessionsByScale.values().forEach(OnnxSuperResolver::closeQuietly);
  }

  private static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing an ONNX session failed", e);
    }
  }
}
