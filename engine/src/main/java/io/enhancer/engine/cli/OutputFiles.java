package io.enhancer.engine.cli;

import io.enhancer.engine.options.OutputFormat;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Where outputs and reports go and how they are written (whole files only: no half-written image on failure). */
final class OutputFiles {
  static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "webp", "tif", "tiff", "bmp", "gif");

  private OutputFiles() {}

  /** {@code shoe.photo.JPG} -> {@code shoe.photo}. */
  static String baseName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
  }

  static boolean looksLikeImage(Path file) {
    return IMAGE_EXTENSIONS.contains(extension(file));
  }

  /** {@code OUTPUT_DIR/<input name without extension>.<format extension>}. */
  static Path outputFor(Path outputDir, Path input, OutputFormat format) {
    return outputDir.resolve(baseName(input) + "." + format.extension());
  }

  /** The format a file name asks for ({@code .jpg/.jpeg}, {@code .png}, {@code .webp}), if any. */
  static Optional<OutputFormat> formatOf(Path file) {
    return switch (extension(file)) {
      case "jpg", "jpeg" -> Optional.of(OutputFormat.JPEG);
      case "png" -> Optional.of(OutputFormat.PNG);
      case "webp" -> Optional.of(OutputFormat.WEBP);
      default -> Optional.empty();
    };
  }

  /** Writes beside the target and renames, so readers never see a partial file. */
  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
