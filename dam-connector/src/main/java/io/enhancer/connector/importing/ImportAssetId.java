package io.enhancer.connector.importing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The asset id of an imported image: one per (SKU, URL) pair, so two SKUs sharing a photo get an image each. A
 * SHA-256 of both, because asset_id is 255 characters and URLs may be up to 2048; the URL itself stays in image_url.
 */
public final class ImportAssetId {
  private ImportAssetId() {}

  public static String of(String skuId, String imageUrl) {
    // The length prefix keeps ("a", "bc") and ("ab", "c") apart whatever characters a SKU holds.
    String pair = skuId.length() + ":" + skuId + imageUrl;
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pair.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JVM", e);
    }
  }
}
