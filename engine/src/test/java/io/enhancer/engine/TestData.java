package io.enhancer.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates ../shared (datasets, models) beside the checkout; surefire passes it as enhancer.shared.dir. */
public final class TestData {
  private TestData() {}

  public static Path shared() {
    String p = System.getProperty("enhancer.shared.dir");
    Path dir = p != null ? Path.of(p) : Path.of("..", "..", "shared");
    if (!Files.isDirectory(dir)) dir = Path.of("..", "shared");
    return dir.toAbsolutePath().normalize();
  }

  public static Path dataset(String name) {
    return shared().resolve("datasets").resolve(name);
  }

  public static Path model(String relative) {
    return shared().resolve("models").resolve(relative);
  }

  /** Image files under a folder (recursively), sorted by path so subsets are stable. */
  public static List<Path> images(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().toLowerCase().matches(".*\\.(jpe?g|png|bmp|tiff?|webp)$"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
