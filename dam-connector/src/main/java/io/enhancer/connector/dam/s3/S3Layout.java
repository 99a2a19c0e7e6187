package io.enhancer.connector.dam.s3;

import io.enhancer.connector.dam.AssetStoreException;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where originals may be read and where renditions go. The renditions of {@code s3://<source>/<source prefix>P}
 * live in one folder, {@code s3://<rendition bucket>/<rendition prefix>P/}: {@code v1.jpg}, {@code v2.png}, ... and
 * {@code selected.json}. Keeping the original's full name (extension included) in the folder means two originals
 * never share a folder ({@code shoe.jpg} and {@code shoe.png} would, were the extension replaced).
 */
public final class S3Layout {
  static final String SELECTED_MARKER = "selected.json";
  private static final Pattern VERSION_FILE = Pattern.compile("v(\\d{1,9})\\.[a-z0-9]{1,8}");

  private final String sourceBucket;
  private final String sourcePrefix;
  private final String renditionBucket;
  private final String renditionPrefix;

  /** Prefixes are folders: empty, or ending in {@code /} (see {@link S3Properties}). */
  public S3Layout(String sourceBucket, String sourcePrefix, String renditionBucket, String renditionPrefix) {
    this.sourceBucket = sourceBucket;
    this.sourcePrefix = sourcePrefix;
    this.renditionBucket = renditionBucket;
    this.renditionPrefix = renditionPrefix;
  }

  public String renditionBucket() {
    return renditionBucket;
  }

  /** The original a reference names, refused with the reason when it is outside the source bucket and prefix. */
  S3Location original(String reference) {
    S3Location original = S3Location.parse(reference);
    if (!original.bucket().equals(sourceBucket)) {
      throw new AssetStoreException(reference + " is not in the source bucket: bucket '" + original.bucket()
          + "' is not S3_SOURCE_BUCKET '" + sourceBucket + "'", false, null);
    }
    if (!original.key().startsWith(sourcePrefix) || original.key().length() == sourcePrefix.length()) {
      throw new AssetStoreException(reference + " is outside S3_SOURCE_PREFIX '" + sourcePrefix + "'", false, null);
    }
    if (isRendition(original)) {
      throw new AssetStoreException(reference + " is a rendition written by the connector (under S3_RENDITION_PREFIX '"
          + renditionPrefix + "'), not an original", false, null);
    }
    return original;
  }

  /** Under the rendition prefix of the rendition bucket: written by this connector. */
  boolean isRendition(S3Location location) {
    return location.bucket().equals(renditionBucket) && location.key().startsWith(renditionPrefix);
  }

  /** The folder all renditions of the original (and its selection marker) are in, ending in {@code /}. */
  String folder(S3Location original) {
    return renditionPrefix + original.key().substring(sourcePrefix.length()) + "/";
  }

  /** Version N of the original's rendition: the same key for the same version, so a retried job overwrites it. */
  S3Location rendition(S3Location original, int version, String extension) {
    String ext = extension.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (version < 1 || ext.isEmpty() || ext.length() > 8) {
      throw new IllegalArgumentException("rendition needs a version >= 1 and an extension, got v" + version + " ."
          + extension);
    }
    S3Location rendition = new S3Location(renditionBucket, folder(original) + "v" + version + "." + ext);
    if (rendition.equals(original)) {
      throw new AssetStoreException("refusing to write rendition over its original " + original, false, null);
    }
    return rendition;
  }

  S3Location selectedMarker(S3Location original) {
    return new S3Location(renditionBucket, folder(original) + SELECTED_MARKER);
  }

  /** The version of a rendition key directly in the original's folder; empty for anything else there. */
  OptionalInt version(S3Location original, String key) {
    String folder = folder(original);
    if (!key.startsWith(folder)) return OptionalInt.empty();
    Matcher m = VERSION_FILE.matcher(key.substring(folder.length()));
    return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }
}
