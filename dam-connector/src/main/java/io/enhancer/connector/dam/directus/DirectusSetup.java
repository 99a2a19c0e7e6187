package io.enhancer.connector.dam.directus;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prepares a Directus instance for the connector through its REST API, with an admin token; safe to run again
 * (what exists is found by name and kept, the Flow's target URL is brought up to date):
 * <ol>
 *   <li>fields on {@code directus_files}: {@code enhanced_of} (m2o to the original), {@code enhanced_variants}
 *       (its o2m alias), {@code variant_kind};</li>
 *   <li>the top-level folder {@code enhanced};</li>
 *   <li>the least-privilege role {@link DirectusConnectorRole} (read originals, write renditions in that folder);</li>
 *   <li>the connector user in that role with a static token (set on every run, so a run also rotates it; a user
 *       made by an earlier version with the admin role is moved to the narrow one);</li>
 *   <li>the Flow on {@code files.upload}: skip uploads by the connector or carrying {@code enhanced_of} (no loops),
 *       sign an HS256 JWT {@code {fileId, event}} valid 5 minutes with Directus' env secret, POST the trigger.</li>
 * </ol>
 */
public final class DirectusSetup {
  public static final String FLOW_NAME = "enhancer: notify on files.upload";
  private final DirectusClient admin;
  private final PrintStream log;

  /** What the command needs; {@link #parse} reads it from the command line and the environment. */
  public record Options(String url, String adminToken, String webhookUrl, String connectorEmail, String connectorToken,
                        String folder, String secretEnv) {
    public Options {
      require(url, "--url (or DIRECTUS_URL)");
      require(adminToken, "--token (or DIRECTUS_ADMIN_TOKEN): an admin's static token");
      require(webhookUrl, "--webhook-url: where the Flow posts, e.g. https://enhancer.example.com/webhooks/directus");
      if (!webhookUrl.startsWith("http://") && !webhookUrl.startsWith("https://")) {
        throw new IllegalArgumentException("--webhook-url must be http(s), got '" + webhookUrl + "'");
      }
      connectorEmail = blank(connectorEmail) ? "enhancer@example.com" : connectorEmail;
      connectorToken = blank(connectorToken) ? randomToken() : connectorToken;
      if (connectorToken.length() < 24) {
        throw new IllegalArgumentException("--connector-token must be at least 24 characters, got "
            + connectorToken.length());
      }
      folder = blank(folder) ? "enhanced" : folder;
      secretEnv = blank(secretEnv) ? "ENHANCER_WEBHOOK_SECRET" : secretEnv;
      if (!secretEnv.matches("[A-Z][A-Z0-9_]*")) {
        throw new IllegalArgumentException("--secret-env must be an environment variable name, got '" + secretEnv + "'");
      }
    }

    public static Options parse(List<String> args, Map<String, String> env) {
      Map<String, String> given = new LinkedHashMap<>();
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        if (!arg.startsWith("--")) throw new IllegalArgumentException("unexpected argument '" + arg + "'");
        String name = arg.contains("=") ? arg.substring(2, arg.indexOf('=')) : arg.substring(2);
        String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : (++i < args.size() ? args.get(i) : null);
        if (value == null) throw new IllegalArgumentException(arg + " needs a value");
        if (!List.of("url", "token", "webhook-url", "connector-email", "connector-token", "folder", "secret-env")
            .contains(name)) {
          throw new IllegalArgumentException("unknown option --" + name);
        }
        given.put(name, value);
      }
      return new Options(given.getOrDefault("url", env.get("DIRECTUS_URL")),
          given.getOrDefault("token", env.get("DIRECTUS_ADMIN_TOKEN")), given.get("webhook-url"),
          given.get("connector-email"), given.getOrDefault("connector-token", env.get("DIRECTUS_TOKEN")),
          given.get("folder"), given.get("secret-env"));
    }

    private static void require(String value, String what) {
      if (blank(value)) throw new IllegalArgumentException("missing " + what);
    }

    private static boolean blank(String s) {
      return s == null || s.isBlank();
    }

    private static String randomToken() {
      byte[] bytes = new byte[24];
      new SecureRandom().nextBytes(bytes);
      return HexFormat.of().formatHex(bytes);
    }
  }

  /** What setup made or found, printed as environment lines for the connector. */
  public record Result(String connectorUserId, String connectorToken, String folderId, String flowId, String roleId,
                       boolean writesScopedToFolder) {}

  public DirectusSetup(DirectusClient admin, PrintStream log) {
    this.admin = admin;
    this.log = log;
  }

  public static DirectusSetup connect(Options options, PrintStream log) {
    return new DirectusSetup(new DirectusClient(options.url(), options.adminToken(), Duration.ofSeconds(30),
        JsonMapper.builder().build()), log);
  }

  public Result run(Options options) {
    ensureFields();
    String folderId = ensureFolder(options.folder());
    DirectusConnectorRole role = new DirectusConnectorRole(admin);
    String roleId = role.ensure(folderId);
    say("role '" + DirectusConnectorRole.ROLE_NAME + "' may read files and folders and "
        + (role.scopedToFolder() ? "create/update files only in folder " + options.folder()
        : "create/update files (this Directus' licence allows no folder-scoped rule), never delete"));
    String userId = ensureConnectorUser(options.connectorEmail(), options.connectorToken(), roleId);
    String flowId = ensureFlow(userId, options.webhookUrl(), options.secretEnv());
    return new Result(userId, options.connectorToken(), folderId, flowId, roleId, role.scopedToFolder());
  }

  private void ensureFields() {
    List<String> fields = new ArrayList<>();
    admin.get("fields/directus_files").forEach(f -> fields.add(f.path("field").asString()));
    if (!fields.contains("enhanced_of")) {
      admin.post("fields/directus_files", Map.of("field", "enhanced_of", "type", "uuid",
          "meta", Map.of("interface", "select-dropdown-m2o", "special", List.of("m2o"),
              "note", "original asset this file is an enhanced variant of"),
          "schema", Map.of("is_nullable", true)));
      say("created field directus_files.enhanced_of");
    }
    if (!fields.contains("enhanced_variants")) {
      admin.post("fields/directus_files", Map.of("field", "enhanced_variants", "type", "alias",
          "meta", Map.of("interface", "list-o2m", "special", List.of("o2m"))));
      say("created field directus_files.enhanced_variants");
    }
    if (!fields.contains("variant_kind")) {
      admin.post("fields/directus_files", Map.of("field", "variant_kind", "type", "string",
          "meta", Map.of("interface", "input"), "schema", Map.of("is_nullable", true, "max_length", 64)));
      say("created field directus_files.variant_kind");
    }
    boolean related = false;
    for (JsonNode relation : admin.get("relations/directus_files")) {
      related |= relation.path("field").asString("").equals("enhanced_of");
    }
    if (!related) {
      admin.post("relations", Map.of("collection", "directus_files", "field", "enhanced_of",
          "related_collection", "directus_files", "meta", Map.of("one_field", "enhanced_variants"),
          "schema", Map.of("on_delete", "SET NULL")));
      say("linked enhanced_of -> directus_files (enhanced_variants on the original)");
    }
  }

  private String ensureFolder(String name) {
    JsonNode found = admin.get("folders" + DirectusClient.query(DirectusClient.params(
        "filter[name][_eq]", name, "filter[parent][_null]", "true", "fields", "id")));
    if (found.size() > 0) return found.get(0).path("id").asString();
    say("created folder " + name);
    return admin.post("folders", Map.of("name", name)).path("id").asString();
  }

  private String ensureConnectorUser(String email, String token, String role) {
    JsonNode found = admin.get("users" + DirectusClient.query(DirectusClient.params(
        "filter[email][_eq]", email, "fields", "id")));
    if (found.size() > 0) {
      String id = found.get(0).path("id").asString();
      admin.patch("users/" + id, Map.of("token", token, "role", role));
      say("set a new static token on connector user " + email);
      return id;
    }
    String id = admin.post("users", Map.of("email", email, "first_name", "Enhancer", "last_name", "Connector",
        "role", role, "token", token, "status", "active")).path("id").asString();
    say("created connector user " + email);
    return id;
  }

  private String ensureFlow(String connectorUserId, String webhookUrl, String secretEnv) {
    JsonNode found = admin.get("flows" + DirectusClient.query(DirectusClient.params(
        "filter[name][_eq]", FLOW_NAME, "fields", "id")));
    if (found.size() > 0) {
      String flowId = found.get(0).path("id").asString();
      JsonNode notify = admin.get("operations" + DirectusClient.query(DirectusClient.params(
          "filter[flow][_eq]", flowId, "filter[key][_eq]", "notify", "fields", "id,options")));
      if (notify.size() > 0 && !webhookUrl.equals(notify.get(0).path("options").path("url").asString(""))) {
        admin.patch("operations/" + notify.get(0).path("id").asString(),
            Map.of("options", requestOptions(webhookUrl, secretEnv)));
        say("pointed the Flow at " + webhookUrl);
      }
      return flowId;
    }
    String flowId = admin.post("flows", Map.of("name", FLOW_NAME, "status", "active", "trigger", "event",
        "accountability", "all", "icon", "auto_fix_high",
        "options", Map.of("type", "action", "scope", List.of("files.upload")))).path("id").asString();
    String notifyId = admin.post("operations", Map.of("flow", flowId, "key", "notify", "name", "POST to enhancer",
        "type", "request", "position_x", 55, "position_y", 1, "options", requestOptions(webhookUrl, secretEnv)))
        .path("id").asString();
    String signId = admin.post("operations", Map.of("flow", flowId, "key", "sign", "name", "sign JWT",
        "type", "json-web-token", "position_x", 37, "position_y", 1, "resolve", notifyId,
        "options", Map.of("operation", "sign",
            "payload", Map.of("fileId", "{{$trigger.key}}", "event", "{{$trigger.event}}"),
            "secret", "{{$env." + secretEnv + "}}",
            "options", Map.of("expiresIn", "5m", "algorithm", "HS256")))).path("id").asString();
    // true (the flow ends) = uploaded by the connector, or a file carrying enhanced_of. A bare
    // "enhanced_of _null" test fails with "Value is required" on ordinary uploads, where the key is absent.
    Map<String, Object> skip = Map.of("_or", List.of(
        Map.of("$accountability", Map.of("user", Map.of("_eq", connectorUserId))),
        Map.of("$trigger", Map.of("payload", Map.of("enhanced_of", Map.of("_nnull", true))))));
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("flow", flowId);
    condition.put("key", "skip");
    condition.put("name", "upload by connector / is a variant?");
    condition.put("type", "condition");
    condition.put("position_x", 19);
    condition.put("position_y", 1);
    condition.put("reject", signId);
    condition.put("options", Map.of("filter", skip));
    String conditionId = admin.post("operations", condition).path("id").asString();
    admin.patch("flows/" + flowId, Map.of("operation", conditionId));
    say("created Flow '" + FLOW_NAME + "' posting to " + webhookUrl);
    return flowId;
  }

  private static Map<String, Object> requestOptions(String webhookUrl, String secretEnv) {
    return Map.of("method", "POST", "url", webhookUrl, "body", "{{$trigger}}",
        "headers", List.of(Map.of("header", "X-Enhancer-Secret", "value", "{{$env." + secretEnv + "}}"),
            Map.of("header", "Authorization", "value", "Bearer {{sign}}")));
  }

  private void say(String what) {
    log.println("[directus setup] " + what);
  }
}
