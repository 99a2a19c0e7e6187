package io.enhancer.connector.dam;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A DAM in a folder: {@code originals/} (never written by the service after intake), {@code renditions/<asset>/}
 * with one file per version, and {@code inbox/} where people drop new images.
 */
public final class LocalFolderAssetStore implements AssetStore {
  private final Path originals;
  private final Path renditions;
  private final Path inbox;

  public LocalFolderAssetStore(Path root) {
    Path base = root.toAbsolutePath().normalize();
    this.originals = base.resolve("originals");
    this.renditions = base.resolve("renditions");
    this.inbox = base.resolve("inbox");
    try {
      Files.createDirectories(originals);
      Files.createDirectories(renditions);
      Files.createDirectories(inbox);
    } catch (IOException e) {
      throw new AssetStoreException("cannot create the local DAM under " + base, false, e);
    }
  }

  public Path inbox() {
    return inbox;
  }

  public Path originals() {
    return originals;
  }

  /** Moves a file from the inbox into originals and returns its reference (path relative to originals). */
  public String adoptFromInbox(Path file, String uniquePrefix) {
    String name = uniquePrefix + "-" + file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
    Path target = originals.resolve("inbox").resolve(name);
    try {
      Files.createDirectories(target.getParent());
      Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new AssetStoreException("cannot move " + file.getFileName() + " out of the inbox", true, e);
    }
    return originals.relativize(target).toString().replace('\\', '/');
  }

  @Override
  public byte[] readOriginal(String reference) {
    Path file = inside(originals, reference);
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new AssetStoreException("original '" + reference + "' does not exist in the local DAM", false, e);
    } catch (IOException e) {
      throw new AssetStoreException("cannot read original '" + reference + "'", true, e);
    }
  }

  @Override
  public String writeRendition(String assetKey, int version, String taskId, byte[] bytes, String extension) {
    String ext = extension.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    String key = safeKey(assetKey) + "/v" + version + "-" + taskId.substring(0, Math.min(8, taskId.length())) + "." + ext;
    Path file = inside(renditions, key);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".part-", "." + ext);
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new AssetStoreException("cannot write rendition " + key, true, e);
    }
    return key;
  }

  @Override
  public byte[] readRendition(String storageKey) {
    try {
      return Files.readAllBytes(inside(renditions, storageKey));
    } catch (IOException e) {
      throw new AssetStoreException("rendition " + storageKey + " is missing", false, e);
    }
  }

  @Override
  public List<String> listRenditions(String assetKey) {
    Path dir = inside(renditions, safeKey(assetKey));
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("v"))
          .sorted((a, b) -> Integer.compare(versionOf(a), versionOf(b)))
          .map(f -> renditions.relativize(f).toString().replace('\\', '/'))
          .toList();
    } catch (IOException e) {
      throw new AssetStoreException("cannot list renditions of " + assetKey, true, e);
    }
  }

  @Override
  public void markSelected(String assetKey, String storageKey) {
    Path marker = inside(renditions, safeKey(assetKey) + "/selected.txt");
    try {
      Files.createDirectories(marker.getParent());
      Files.writeString(marker, storageKey == null ? "original" : storageKey, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssetStoreException("cannot mark the selected rendition of " + assetKey, true, e);
    }
  }

  private static int versionOf(Path file) {
    String name = file.getFileName().toString();
    int dash = name.indexOf('-');
    try {
      return Integer.parseInt(name.substring(1, dash < 0 ? name.length() : dash));
    } catch (RuntimeException e) {
      return Integer.MAX_VALUE;
    }
  }

  /** Asset keys may contain slashes (folders) but nothing that climbs out of the store. */
  private static String safeKey(String assetKey) {
    return assetKey.replaceAll("[^A-Za-z0-9._/-]", "_");
  }

  private static Path inside(Path base, String relative) {
    Path resolved = base.resolve(relative).normalize();
    if (relative.isBlank() || !resolved.startsWith(base)) {
      throw new AssetStoreException("reference '" + relative + "' points outside the local DAM", false, null);
    }
    return resolved;
  }
}
