package io.enhancer.connector.dam.s3;

import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * S3 (or an S3-compatible server) as a DAM. The store is on when S3_SOURCE_BUCKET is set; environment names in
 * application.yml: S3_ENDPOINT, S3_REGION, S3_PATH_STYLE, S3_SOURCE_BUCKET, S3_SOURCE_PREFIX, S3_RENDITION_BUCKET,
 * S3_RENDITION_PREFIX, S3_PUBLIC_BASE_URL, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY.
 *
 * @param endpoint        blank: AWS for the region; else the base URL of an S3-compatible server
 * @param region          signing region (us-east-1 when blank)
 * @param pathStyle       {@code https://host/bucket/key} rather than {@code https://bucket.host/key}
 * @param sourceBucket    the only bucket originals are read from; blank turns the S3 store off
 * @param sourcePrefix    folder originals must be under (blank: the whole bucket)
 * @param renditionBucket where renditions are written (blank: the source bucket)
 * @param renditionPrefix folder renditions are written under ({@code enhanced/} when unset)
 * @param publicBaseUrl   CloudFront (or other CDN) URL serving the rendition bucket: a rendition's public URL is
 *                        {@code <base>/<rendition key>}; blank keeps the API's URL
 * @param accessKeyId     static credentials; blank uses the SDK's default chain (environment, profile, IAM role)
 * @param secretAccessKey the static secret, set together with accessKeyId
 */
@ConfigurationProperties("enhancer.s3")
public record S3Properties(String endpoint, String region, Boolean pathStyle, String sourceBucket, String sourcePrefix,
                           String renditionBucket, String renditionPrefix, String publicBaseUrl, String accessKeyId,
                           String secretAccessKey) {
  /** S3's bucket naming rules (3-63 characters: lower-case letters, digits, dots, hyphens). */
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public S3Properties {
    endpoint = trim(endpoint).replaceAll("/+$", "");
    region = trim(region).isEmpty() ? "us-east-1" : trim(region);
    pathStyle = pathStyle == null || pathStyle;
    sourceBucket = trim(sourceBucket);
    sourcePrefix = folder(sourcePrefix);
    renditionBucket = trim(renditionBucket).isEmpty() ? sourceBucket : trim(renditionBucket);
    renditionPrefix = renditionPrefix == null ? "enhanced/" : folder(renditionPrefix);
    publicBaseUrl = trim(publicBaseUrl).replaceAll("/+$", "");
    accessKeyId = trim(accessKeyId);
    secretAccessKey = trim(secretAccessKey);
    if (!sourceBucket.isEmpty()) {
      validate(endpoint, sourceBucket, sourcePrefix, renditionBucket, renditionPrefix, publicBaseUrl, accessKeyId,
          secretAccessKey);
    }
  }

  public boolean enabled() {
    return !sourceBucket.isEmpty();
  }

  public S3Layout layout() {
    return new S3Layout(sourceBucket, sourcePrefix, renditionBucket, renditionPrefix);
  }

  private static void validate(String endpoint, String sourceBucket, String sourcePrefix, String renditionBucket,
                               String renditionPrefix, String publicBaseUrl, String accessKeyId,
                               String secretAccessKey) {
    if (!endpoint.isEmpty()) httpUrl(endpoint, "S3_ENDPOINT");
    if (!publicBaseUrl.isEmpty()) httpUrl(publicBaseUrl, "S3_PUBLIC_BASE_URL");
    if (!BUCKET.matcher(sourceBucket).matches()) {
      throw new IllegalArgumentException("S3_SOURCE_BUCKET must be a bucket name (3-63 of a-z 0-9 . -), got '"
          + sourceBucket + "'");
    }
    if (!BUCKET.matcher(renditionBucket).matches()) {
      throw new IllegalArgumentException("S3_RENDITION_BUCKET must be a bucket name (3-63 of a-z 0-9 . -), got '"
          + renditionBucket + "'");
    }
    // Renditions announced by the bucket's own notifications are recognised by their prefix; a prefix that also
    // covers the originals would ignore every upload.
    if (renditionBucket.equals(sourceBucket) && sourcePrefix.startsWith(renditionPrefix)) {
      throw new IllegalArgumentException("S3_RENDITION_PREFIX '" + renditionPrefix + "' covers S3_SOURCE_PREFIX '"
          + sourcePrefix + "' in the same bucket " + sourceBucket + ": give renditions their own prefix (e.g. "
          + "enhanced/) or their own bucket (S3_RENDITION_BUCKET)");
    }
    if (accessKeyId.isEmpty() != secretAccessKey.isEmpty()) {
      throw new IllegalArgumentException("S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or "
          + "neither to use the SDK's default credentials (environment, profile, instance or task role)");
    }
  }

  private static void httpUrl(String url, String name) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " must look like https://host[:port], got '" + url + "'");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException(name + " must look like https://host[:port], got '" + url + "'");
    }
  }

  private static String trim(String s) {
    return s == null ? "" : s.trim();
  }

  /** A key prefix used as a folder: no leading slash, a trailing one unless empty. */
  private static String folder(String prefix) {
    String p = trim(prefix).replaceAll("^/+", "");
    return p.isEmpty() || p.endsWith("/") ? p : p + "/";
  }

  @Override
  public String toString() {
    return "S3Properties[endpoint=" + (endpoint.isEmpty() ? "(AWS)" : endpoint) + ", region=" + region
        + ", pathStyle=" + pathStyle + ", source=s3://" + sourceBucket + "/" + sourcePrefix + ", renditions=s3://"
        + renditionBucket + "/" + renditionPrefix + ", publicBaseUrl=" + publicBaseUrl + ", staticCredentials="
        + !accessKeyId.isEmpty() + "]";
  }
}
