package io.enhancer.connector.dam.directus;

import io.enhancer.connector.dam.AssetStore;
import io.enhancer.connector.dam.AssetStoreException;
import io.enhancer.connector.dam.ImageSignature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Directus as the DAM. Originals are read from {@code /assets/<id>} and never written. Each original has one
 * rendition file per variant kind, in the {@code enhanced} folder, linked by {@code enhanced_of}; a re-enhancement
 * replaces that file's bytes in place, so editors keep one link. The version lives in the rendition's tags
 * ({@code v3}) and in its storage key ({@code directus_files/<id>@v3}); the published rendition carries the tag
 * {@code selected}. Assets that did not come from Directus (the local inbox) go to the fallback store.
 */
public final class DirectusAssetStore implements AssetStore {
  /** The webhook source and the reconciler register Directus assets under this source name. */
  public static final String SOURCE = "directus";
  public static final String REFERENCE_PREFIX = "directus_files/";
  static final String TAG_ENHANCED = "enhanced";
  static final String TAG_SELECTED = "selected";
  private static final Pattern FILE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final Pattern STORAGE_KEY = Pattern.compile("directus_files/([A-Za-z0-9-]{1,64})@v(\\d+)");
  private static final Pattern VERSION_TAG = Pattern.compile("v(\\d+)");
  private static final String RENDITION_FIELDS = "id,tags,uploaded_on,filename_download";

  private final DirectusClient client;
  private final AssetStore fallback;
  private final String folderName;
  private final String variantKind;
  private volatile String folderId;

  public DirectusAssetStore(DirectusClient client, AssetStore fallback, String folderName, String variantKind) {
    this.client = client;
    this.fallback = fallback;
    this.folderName = folderName;
    this.variantKind = variantKind;
  }

  /** Whether an image's asset key ({@code source/assetId}) belongs to Directus. */
  public static boolean ownsAssetKey(String assetKey) {
    return assetKey.startsWith(SOURCE + "/");
  }

  @Override
  public byte[] readOriginal(String reference) {
    if (!reference.startsWith(REFERENCE_PREFIX)) return fallback.readOriginal(reference);
    String id = fileId(reference.substring(REFERENCE_PREFIX.length()), reference);
    try {
      return client.download(id);
    } catch (DirectusException e) {
      if (e.status() == 403 || e.notFound()) {
        throw new AssetStoreException("original " + reference + " is not in Directus (deleted, or the connector "
            + "user may not read it): " + e.getMessage(), false, e);
      }
      throw e;
    }
  }

  @Override
  public String writeRendition(String assetKey, int version, String taskId, byte[] bytes, String extension) {
    if (!ownsAssetKey(assetKey)) return fallback.writeRendition(assetKey, version, taskId, bytes, extension);
    String originalId = originalId(assetKey);
    JsonNode original = client.get("files/" + originalId + DirectusClient.query(DirectusClient.params(
        "fields", "id,title,filename_download")));
    String baseName = stem(original.path("filename_download").asString(originalId));
    String fileName = baseName + "-" + variantKind + "." + extension.replaceAll("[^A-Za-z0-9]", "");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("title", original.path("title").asString(baseName) + " (" + variantKind + ")");
    fields.put("description", variantKind + " v" + version + " of " + original.path("filename_download").asString(originalId)
        + ", written by the enhancer connector (task " + taskId + ")");
    JsonNode existing = currentRendition(originalId);
    JsonNode written;
    if (existing == null) {
      fields.put("folder", folderId());
      fields.put("enhanced_of", originalId);
      fields.put("variant_kind", variantKind);
      fields.put("tags", tagsJson(List.of(TAG_ENHANCED, "v" + version)));
      written = client.upload("POST", "files", fields, fileName, ImageSignature.mediaType(bytes), bytes);
    } else {
      // Replacing the bytes keeps the id, so links to the rendition stay valid; other tags (selected) are kept.
      List<String> tags = new ArrayList<>(tags(existing).stream().filter(t -> !VERSION_TAG.matcher(t).matches()).toList());
      tags.add("v" + version);
      fields.put("tags", tagsJson(tags));
      written = client.upload("PATCH", "files/" + existing.path("id").asString(), fields, fileName,
          ImageSignature.mediaType(bytes), bytes);
    }
    return REFERENCE_PREFIX + written.path("id").asString() + "@v" + version;
  }

  @Override
  public byte[] readRendition(String storageKey) {
    Matcher key = STORAGE_KEY.matcher(storageKey);
    if (!key.matches()) return fallback.readRendition(storageKey);
    JsonNode file = renditionFile(key.group(1), storageKey);
    int current = version(file);
    if (current != Integer.parseInt(key.group(2))) {
      throw new AssetStoreException("rendition " + storageKey + " was replaced in Directus by v" + current
          + "; Directus keeps only the latest version of a rendition", false, null);
    }
    return client.download(key.group(1));
  }

  @Override
  public List<String> listRenditions(String assetKey) {
    if (!ownsAssetKey(assetKey)) return fallback.listRenditions(assetKey);
    List<String> keys = new ArrayList<>();
    for (JsonNode file : renditionsOf(originalId(assetKey), false)) {
      keys.add(REFERENCE_PREFIX + file.path("id").asString() + "@v" + version(file));
    }
    return keys;
  }

  /**
   * Tags the published rendition {@code selected} and removes the tag from the original's other renditions; null
   * (the editor chose the original) removes it everywhere. The original itself is not changed.
   */
  @Override
  public void markSelected(String assetKey, String storageKey) {
    if (!ownsAssetKey(assetKey)) {
      fallback.markSelected(assetKey, storageKey);
      return;
    }
    String selectedId = null;
    if (storageKey != null) {
      Matcher key = STORAGE_KEY.matcher(storageKey);
      if (!key.matches()) throw new AssetStoreException("'" + storageKey + "' is not a Directus rendition key", false, null);
      selectedId = key.group(1);
      int current = version(renditionFile(selectedId, storageKey));
      if (current != Integer.parseInt(key.group(2))) {
        throw new AssetStoreException("cannot publish " + storageKey + ": Directus holds v" + current
            + " of this rendition now (only the latest version is kept); enhance again to publish another", false, null);
      }
    }
    for (JsonNode file : renditionsOf(originalId(assetKey), true)) {
      List<String> tags = new ArrayList<>(tags(file));
      boolean want = file.path("id").asString().equals(selectedId);
      if (want == tags.contains(TAG_SELECTED)) continue;
      if (want) tags.add(TAG_SELECTED);
      else tags.remove(TAG_SELECTED);
      client.patch("files/" + file.path("id").asString(), Map.of("tags", tags));
    }
  }

  /** Directus renditions are served through the API; other stores' keys may have a public URL of their own. */
  @Override
  public Optional<String> publicUrl(String storageKey) {
    return STORAGE_KEY.matcher(storageKey).matches() ? Optional.empty() : fallback.publicUrl(storageKey);
  }

  /** The Flow already skips the connector's uploads, so they never arrive as Directus references. */
  @Override
  public boolean isOwnRendition(String reference) {
    return !reference.startsWith(REFERENCE_PREFIX) && fallback.isOwnRendition(reference);
  }

  /** This connector's rendition of the original (its variant kind), or null before the first enhancement. */
  private JsonNode currentRendition(String originalId) {
    List<JsonNode> files = renditionsOf(originalId, false);
    return files.isEmpty() ? null : files.get(files.size() - 1);
  }

  /** Renditions linked to the original, oldest first: this connector's variant kind, or every kind. */
  private List<JsonNode> renditionsOf(String originalId, boolean everyKind) {
    Map<String, String> params = DirectusClient.params("filter[enhanced_of][_eq]", originalId);
    if (!everyKind) params.put("filter[variant_kind][_eq]", variantKind);
    params.put("fields", RENDITION_FIELDS);
    params.put("sort", "uploaded_on");
    params.put("limit", "100");
    List<JsonNode> files = new ArrayList<>();
    client.get("files" + DirectusClient.query(params)).forEach(files::add);
    return files;
  }

  private JsonNode renditionFile(String id, String storageKey) {
    try {
      return client.get("files/" + id + DirectusClient.query(DirectusClient.params("fields", RENDITION_FIELDS)));
    } catch (DirectusException e) {
      if (e.status() == 403 || e.notFound()) {
        throw new AssetStoreException("rendition " + storageKey + " is no longer in Directus", false, e);
      }
      throw e;
    }
  }

  /** Id of the top-level rendition folder, created on first use when setup has not made it. */
  private String folderId() {
    String id = folderId;
    if (id != null) return id;
    synchronized (this) {
      if (folderId == null) {
        // SEARCH, not GET: Directus 12.4 answers 500 to any GET /folders by a non-admin user (its FoldersService
        // writes a filter into the frozen query object); SEARCH carries the same query in the body and works
        JsonNode found = client.search("folders", Map.of("filter", Map.of("name", Map.of("_eq", folderName),
            "parent", Map.of("_null", true)), "fields", List.of("id")));
        folderId = found.size() > 0 ? found.get(0).path("id").asString()
            : client.post("folders", Map.of("name", folderName)).path("id").asString();
      }
      return folderId;
    }
  }

  private static int version(JsonNode file) {
    int version = 0;
    for (String tag : tags(file)) {
      Matcher m = VERSION_TAG.matcher(tag);
      if (m.matches()) version = Math.max(version, Integer.parseInt(m.group(1)));
    }
    return version;
  }

  private static List<String> tags(JsonNode file) {
    List<String> tags = new ArrayList<>();
    file.path("tags").forEach(t -> tags.add(t.asString()));
    return tags;
  }

  private static String tagsJson(List<String> tags) {
    return tags.stream().map(t -> "\"" + t.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
  }

  private static String originalId(String assetKey) {
    return fileId(assetKey.substring(SOURCE.length() + 1), assetKey);
  }

  private static String fileId(String id, String where) {
    if (!FILE_ID.matcher(id).matches()) {
      throw new AssetStoreException("'" + where + "' does not name a Directus file", false, null);
    }
    return id;
  }

  private static String stem(String fileName) {
    String name = fileName.replaceAll("[\\\\/\"\r\n]", "_");
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
