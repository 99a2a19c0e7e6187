package io.enhancer.connector.dam.s3;

import io.enhancer.connector.dam.AssetStoreException;

/** One object in S3, written {@code s3://<bucket>/<key>} in references and storage keys. */
public record S3Location(String bucket, String key) {
  public static final String SCHEME = "s3://";
  private static final int MAX_KEY_BYTES = 1024;

  public S3Location {
    if (bucket == null || bucket.isEmpty() || bucket.contains("/")) {
      throw new AssetStoreException("'" + bucket + "' is not an S3 bucket name", false, null);
    }
    if (key == null || key.isEmpty()) {
      throw new AssetStoreException("s3://" + bucket + "/ names no object: the key is empty", false, null);
    }
    if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw new AssetStoreException("S3 key in bucket " + bucket + " is longer than " + MAX_KEY_BYTES + " bytes", false,
          null);
    }
  }

  public static boolean isReference(String text) {
    return text != null && text.startsWith(SCHEME);
  }

  public static S3Location parse(String reference) {
    if (!isReference(reference)) {
      throw new AssetStoreException("'" + reference + "' is not an s3://<bucket>/<key> reference", false, null);
    }
    String rest = reference.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      throw new AssetStoreException("'" + reference + "' is not an s3://<bucket>/<key> reference", false, null);
    }
    return new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
  }

  public String reference() {
    return SCHEME + bucket + "/" + key;
  }

  @Override
  public String toString() {
    return reference();
  }
}
