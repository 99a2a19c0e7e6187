package io.enhancer.connector.dam;

import java.util.List;
import java.util.Optional;

/**
 * A DAM adapter: where originals come from and renditions go back to. A rendition is written as a variant of its
 * asset; the original is never overwritten. The local folder store serves the inbox; Directus and S3 each serve
 * their own references and hand every other one to the next store ({@link AssetStoreLayer}).
 */
public interface AssetStore {

  /** The original bytes of the asset the reference names. */
  byte[] readOriginal(String reference);

  /**
   * Stores a rendition beside the asset and returns its storage key. Writing the same asset, version and task
   * again replaces the same file, so a retried job leaves no stray copy.
   */
  String writeRendition(String assetKey, int version, String taskId, byte[] bytes, String extension);

  byte[] readRendition(String storageKey);

  /** Storage keys of the asset's renditions, oldest first. */
  List<String> listRenditions(String assetKey);

  /** Records which rendition is published; null publishes the original again. */
  void markSelected(String assetKey, String storageKey);

  /** Where the public reaches a rendition directly (a CDN in front of the DAM); empty: through this service's API. */
  default Optional<String> publicUrl(String storageKey) {
    return Optional.empty();
  }

  /**
   * Whether a reference names a rendition this service wrote: the DAM announces our own uploads like anyone
   * else's, and enhancing them again would loop.
   */
  default boolean isOwnRendition(String reference) {
    return false;
  }
}
