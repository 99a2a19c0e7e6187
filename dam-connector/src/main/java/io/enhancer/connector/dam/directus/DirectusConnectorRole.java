package io.enhancer.connector.dam.directus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The least-privilege Directus role the connector's user gets (Directus 11+ model: a role holds policies, a policy
 * holds permissions). What {@link DirectusAssetStore} and {@link DirectusReconciler} do, and nothing more:
 * <ul>
 *   <li>read every file and its bytes ({@code directus_files} read; {@code /assets/<id>} checks the same);</li>
 *   <li>create files only in the rendition folder, and update only files that are in it (renditions: new bytes,
 *       tags), without moving them out;</li>
 *   <li>read folders, to find the rendition folder by name.</li>
 * </ul>
 * No delete, no other collection (renditions are linked by fields on the rendition file itself, so there is no item
 * collection to write), no users, roles, settings, schema or Flows, and no Data Studio (app) access.
 *
 * <p>The folder restriction is a "custom permission rule" (item filter, validation, preset), which Directus 12
 * reserves for licensed instances (it answers RESOURCE_RESTRICTED / custom_permission_rules_enabled). There the
 * policy falls back to collection-wide file create and update, still without delete or anything outside files and
 * folders; {@link #scopedToFolder()} says which one was set. Run again, it finds the role and policy by name and
 * rewrites the policy's permissions, so a changed folder or a permission added in a later version lands.
 */
final class DirectusConnectorRole {
  static final String ROLE_NAME = "Enhancer connector";
  static final String POLICY_NAME = "Enhancer connector: read originals, write renditions";
  private final DirectusClient admin;
  private boolean scopedToFolder;

  DirectusConnectorRole(DirectusClient admin) {
    this.admin = admin;
  }

  /** @return the role's id */
  String ensure(String renditionFolderId) {
    String policyId = ensurePolicy();
    try {
      replacePermissions(policyId, permissions(policyId, renditionFolderId));
      scopedToFolder = true;
    } catch (DirectusException e) {
      if (e.status() != 403 || !e.getMessage().contains("custom_permission_rules_enabled")) throw e;
      replacePermissions(policyId, permissions(policyId, null));
      scopedToFolder = false;
    }
    return ensureRole(policyId);
  }

  /** Whether file writes are limited to the rendition folder (false: the Directus licence allows no such rule). */
  boolean scopedToFolder() {
    return scopedToFolder;
  }

  /**
   * The policy's permissions, limited to the folder when one is given. {@code fields: *} because an upload writes
   * system fields (type, size, storage...).
   */
  static List<Map<String, Object>> permissions(String policyId, String folderId) {
    Map<String, Object> inFolder = folderId == null ? null : Map.of("folder", Map.of("_eq", folderId));
    List<Map<String, Object>> list = new ArrayList<>();
    list.add(permission(policyId, "directus_files", "read", null, null, null));
    list.add(permission(policyId, "directus_files", "create", null, inFolder,
        folderId == null ? null : Map.of("folder", folderId)));
    list.add(permission(policyId, "directus_files", "update", inFolder, inFolder, null));
    list.add(permission(policyId, "directus_folders", "read", null, null, null));
    return list;
  }

  private static Map<String, Object> permission(String policyId, String collection, String action,
                                                Map<String, Object> items, Map<String, Object> validation,
                                                Map<String, Object> presets) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("policy", policyId);
    p.put("collection", collection);
    p.put("action", action);
    p.put("fields", List.of("*"));
    if (items != null) p.put("permissions", items);
    if (validation != null) p.put("validation", validation);
    if (presets != null) p.put("presets", presets);
    return p;
  }

  private String ensurePolicy() {
    JsonNode found = admin.get("policies" + DirectusClient.query(DirectusClient.params(
        "filter[name][_eq]", POLICY_NAME, "fields", "id")));
    if (found.size() > 0) return found.get(0).path("id").asString();
    return admin.post("policies", Map.of("name", POLICY_NAME, "icon", "auto_fix_high",
        "description", "What the enhancer connector needs: read originals, write its renditions in its folder",
        "admin_access", false, "app_access", false, "enforce_tfa", false)).path("id").asString();
  }

  private void replacePermissions(String policyId, List<Map<String, Object>> permissions) {
    JsonNode existing = admin.get("permissions" + DirectusClient.query(DirectusClient.params(
        "filter[policy][_eq]", policyId, "fields", "id", "limit", "-1")));
    for (JsonNode permission : existing) admin.delete("permissions/" + permission.path("id").asString());
    for (Map<String, Object> permission : permissions) admin.post("permissions", permission);
  }

  private String ensureRole(String policyId) {
    JsonNode found = admin.get("roles" + DirectusClient.query(DirectusClient.params(
        "filter[name][_eq]", ROLE_NAME, "fields", "id,policies.policy")));
    if (found.size() == 0) {
      return admin.post("roles", Map.of("name", ROLE_NAME, "icon", "auto_fix_high",
          "description", "The enhancer connector's user: see the policy '" + POLICY_NAME + "'",
          "policies", List.of(Map.of("policy", policyId)))).path("id").asString();
    }
    String roleId = found.get(0).path("id").asString();
    boolean linked = false;
    for (JsonNode access : found.get(0).path("policies")) linked |= policyId.equals(access.path("policy").asString(""));
    if (!linked) {
      admin.patch("roles/" + roleId, Map.of("policies", Map.of("create", List.of(Map.of("policy", policyId)),
          "update", List.of(), "delete", List.of())));
    }
    return roleId;
  }
}
