package io.enhancer.connector.dam.s3;

import io.enhancer.connector.dam.AssetStore;
import io.enhancer.connector.dam.AssetStoreException;
import io.enhancer.connector.dam.FetchException;
import io.enhancer.connector.dam.ImageSignature;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.json.JsonMapper;

/**
 * S3 as the DAM, for assets whose id is an {@code s3://<bucket>/<key>} reference (the {@code s3} webhook source).
 * Originals are read from the source bucket and prefix only, never written. Renditions go to
 * {@code <rendition prefix><original key without the source prefix>/v<N>.<ext>} (see {@link S3Layout}) with user
 * metadata {@code enhanced-of}, {@code variant-kind}, {@code version} and {@code task-id}; the published one is
 * named in {@code selected.json} beside them. Everything else goes to the next store.
 */
public final class S3AssetStore implements AssetStore {
  static final String VARIANT_KIND = "enhanced";
  private static final int MAX_STORAGE_KEY = 1024; // renditions.storage_key
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final S3Client client;
  private final S3Layout layout;
  private final String publicBaseUrl;
  private final long maxBytes;
  private final AssetStore next;

  /**
   * @param publicBaseUrl CDN base serving the rendition bucket, without a trailing slash; blank for none
   * @param maxBytes      largest object read (ENHANCER_FETCH_MAX_BYTES)
   */
  public S3AssetStore(S3Client client, S3Layout layout, String publicBaseUrl, long maxBytes, AssetStore next) {
    this.client = client;
    this.layout = layout;
    this.publicBaseUrl = publicBaseUrl;
    this.maxBytes = maxBytes;
    this.next = next;
  }

  @Override
  public byte[] readOriginal(String reference) {
    if (!S3Location.isReference(reference)) return next.readOriginal(reference);
    S3Location original = layout.original(reference);
    byte[] bytes = get(original, "read original", "s3:GetObject");
    if (ImageSignature.sniff(bytes).isEmpty()) {
      throw new FetchException("not_an_image", "original " + original + " is not an image (by its first bytes)", false);
    }
    return bytes;
  }

  @Override
  public String writeRendition(String assetKey, int version, String taskId, byte[] bytes, String extension) {
    if (!owns(assetKey)) return next.writeRendition(assetKey, version, taskId, bytes, extension);
    S3Location original = originalOf(assetKey);
    S3Location rendition = layout.rendition(original, version, extension);
    if (rendition.reference().length() > MAX_STORAGE_KEY) {
      throw new AssetStoreException("the rendition key of " + original + " would be longer than " + MAX_STORAGE_KEY
          + " characters", false, null);
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("enhanced-of", headerSafe(original.reference()));
    metadata.put("variant-kind", VARIANT_KIND);
    metadata.put("version", Integer.toString(version));
    metadata.put("task-id", headerSafe(taskId));
    put(rendition, bytes, ImageSignature.mediaType(bytes), metadata, "write rendition");
    return rendition.reference();
  }

  @Override
  public byte[] readRendition(String storageKey) {
    if (!S3Location.isReference(storageKey)) return next.readRendition(storageKey);
    S3Location rendition = S3Location.parse(storageKey);
    if (!layout.isRendition(rendition)) {
      throw new AssetStoreException(storageKey + " is not under the rendition prefix of the rendition bucket", false,
          null);
    }
    return get(rendition, "read rendition", "s3:GetObject");
  }

  @Override
  public List<String> listRenditions(String assetKey) {
    if (!owns(assetKey)) return next.listRenditions(assetKey);
    S3Location original = originalOf(assetKey);
    String bucket = layout.renditionBucket();
    String folder = layout.folder(original);
    record Found(int version, String key) {}
    List<Found> found = new ArrayList<>();
    try {
      // the delimiter keeps the listing to this folder, not the folders of originals whose keys start alike
      for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(folder).delimiter("/"))
          .contents()) {
        OptionalInt version = layout.version(original, object.key());
        if (version.isPresent()) found.add(new Found(version.getAsInt(), object.key()));
      }
    } catch (SdkException e) {
      throw S3Errors.translate(e, "list renditions in", new S3Location(bucket, folder), "s3:ListBucket");
    }
    return found.stream().sorted(Comparator.comparingInt(Found::version))
        .map(f -> new S3Location(bucket, f.key()).reference()).toList();
  }

  /**
   * Writes {@code selected.json} beside the renditions: {@code {"original": ..., "selected": <storage key or
   * null>, "url": <public URL or null>}}. The original is not touched.
   */
  @Override
  public void markSelected(String assetKey, String storageKey) {
    if (!owns(assetKey)) {
      next.markSelected(assetKey, storageKey);
      return;
    }
    S3Location original = originalOf(assetKey);
    if (storageKey != null) {
      S3Location chosen = S3Location.isReference(storageKey) ? S3Location.parse(storageKey) : null;
      if (chosen == null || !chosen.bucket().equals(layout.renditionBucket())
          || layout.version(original, chosen.key()).isEmpty()) {
        throw new AssetStoreException("'" + storageKey + "' is not a rendition of " + original, false, null);
      }
    }
    Map<String, Object> marker = new LinkedHashMap<>();
    marker.put("original", original.reference());
    marker.put("selected", storageKey);
    marker.put("url", storageKey == null ? null : publicUrl(storageKey).orElse(null));
    put(layout.selectedMarker(original), JSON.writeValueAsBytes(marker), "application/json",
        Map.of("enhanced-of", headerSafe(original.reference())), "mark the selected rendition in");
  }

  @Override
  public Optional<String> publicUrl(String storageKey) {
    if (!S3Location.isReference(storageKey)) return next.publicUrl(storageKey);
    if (publicBaseUrl.isEmpty()) return Optional.empty();
    S3Location rendition = S3Location.parse(storageKey);
    if (!layout.isRendition(rendition)) return Optional.empty();
    return Optional.of(publicBaseUrl + "/" + urlPath(rendition.key()));
  }

  @Override
  public boolean isOwnRendition(String reference) {
    if (!S3Location.isReference(reference)) return next.isOwnRendition(reference);
    try {
      return layout.isRendition(S3Location.parse(reference));
    } catch (AssetStoreException e) {
      return false;
    }
  }

  /** Asset keys are {@code <source>/<asset id>}; S3 assets have their reference as id. */
  private static boolean owns(String assetKey) {
    int slash = assetKey.indexOf('/');
    return slash >= 0 && S3Location.isReference(assetKey.substring(slash + 1));
  }

  private S3Location originalOf(String assetKey) {
    return layout.original(assetKey.substring(assetKey.indexOf('/') + 1));
  }

  /** The object's bytes, refused before reading when S3 announces more than the limit, and cut off past it. */
  private byte[] get(S3Location location, String action, String permission) {
    try (ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket(location.bucket())
        .key(location.key()))) {
      Long declared = in.response().contentLength();
      if (declared != null && declared > maxBytes) {
        in.abort();
        throw tooLarge(location, declared + " bytes");
      }
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (body.length > maxBytes) {
        in.abort();
        throw tooLarge(location, "more than " + maxBytes + " bytes");
      }
      return body;
    } catch (SdkException e) {
      throw S3Errors.translate(e, action, location, permission);
    } catch (IOException e) {
      throw new AssetStoreException("connection broke while reading " + location, true, e);
    }
  }

  private FetchException tooLarge(S3Location location, String size) {
    return new FetchException("too_large", location + " is " + size + ", limit " + maxBytes
        + " (ENHANCER_FETCH_MAX_BYTES)", false);
  }

  private void put(S3Location location, byte[] bytes, String contentType, Map<String, String> metadata,
                   String action) {
    try {
      client.putObject(b -> b.bucket(location.bucket()).key(location.key()).contentType(contentType)
          .metadata(metadata), RequestBody.fromBytes(bytes));
    } catch (SdkException e) {
      throw S3Errors.translate(e, action, location, "s3:PutObject");
    }
  }

  /** User metadata travels as HTTP headers: non-ASCII (and {@code %}) is percent-encoded as UTF-8. */
  static String headerSafe(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (c >= 0x20 && c < 0x7F && c != '%') out.append((char) c);
      else out.append('%').append(String.format("%02X", c));
    }
    return out.toString();
  }

  /** A key as a URL path: each segment percent-encoded, the slashes kept. */
  static String urlPath(String key) {
    return java.util.Arrays.stream(key.split("/", -1))
        .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%7E", "~"))
        .collect(Collectors.joining("/"));
  }
}
