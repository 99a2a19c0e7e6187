package io.enhancer.connector.dam.directus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few Directus REST calls the connector makes, authenticated with one static token. Every failure becomes a
 * {@link DirectusException} naming the call; 5xx, 429 and network errors are retryable, other answers are not.
 */
public final class DirectusClient {
  static final long MAX_ASSET_BYTES = 200L * 1024 * 1024;
  private final URI base;
  private final String token;
  private final Duration timeout;
  private final HttpClient http;
  private final JsonMapper json;

  public DirectusClient(String baseUrl, String token, Duration timeout, JsonMapper json) {
    this.base = URI.create(baseUrl.replaceAll("/+$", "") + "/");
    this.token = token;
    this.timeout = timeout;
    this.json = json;
    this.http = HttpClient.newBuilder()
        .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  public String baseUrl() {
    return base.toString().replaceAll("/$", "");
  }

  /** {@code data} of a JSON answer. */
  public JsonNode get(String path) {
    return data(send(json("GET", path, null), "GET " + path));
  }

  public JsonNode post(String path, Object body) {
    return data(send(json("POST", path, body), "POST " + path));
  }

  public JsonNode patch(String path, Object body) {
    return data(send(json("PATCH", path, body), "PATCH " + path));
  }

  /**
   * {@code data} of a read whose query travels in the body ({@code SEARCH /folders {"query": {...}}}), the same as a
   * GET with that query string.
   */
  public JsonNode search(String path, Map<String, Object> query) {
    return data(send(json("SEARCH", path, Map.of("query", query)), "SEARCH " + path));
  }

  public void delete(String path) {
    send(json("DELETE", path, null), "DELETE " + path);
  }

  /** The stored bytes of a file ({@code /assets/<id>}, no transformation). */
  public byte[] download(String fileId) {
    String path = "assets/" + encode(fileId);
    HttpRequest request = request(path).header("Accept", "*/*").GET().build();
    HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream(), "GET /" + path);
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw failure(response.statusCode(), new String(in.readNBytes(4096), StandardCharsets.UTF_8), "GET /" + path);
      }
      byte[] bytes = in.readNBytes((int) MAX_ASSET_BYTES + 1);
      if (bytes.length > MAX_ASSET_BYTES) {
        throw new DirectusException("file " + fileId + " is larger than " + MAX_ASSET_BYTES + " bytes", 200, false, null);
      }
      return bytes;
    } catch (IOException e) {
      throw new DirectusException("connection to Directus broke while reading file " + fileId, 0, true, e);
    }
  }

  /**
   * A multipart upload ({@code POST /files} or {@code PATCH /files/<id>}). Directus reads the fields it sees
   * before the file part and ignores later ones, so the metadata goes first.
   */
  public JsonNode upload(String method, String path, Map<String, String> fields, String fileName, String mediaType,
                         byte[] bytes) {
    String boundary = "enhancer-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream(bytes.length + 1024);
    for (Map.Entry<String, String> field : fields.entrySet()) {
      write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quoted(field.getKey())
          + "\"\r\n\r\n" + field.getValue() + "\r\n");
    }
    write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + quoted(fileName)
        + "\"\r\nContent-Type: " + mediaType + "\r\n\r\n");
    body.writeBytes(bytes);
    write(body, "\r\n--" + boundary + "--\r\n");
    HttpRequest request = request(path)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header("Accept", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .build();
    return data(send(request, method + " /" + path));
  }

  /** A URL query from name/value pairs, in order, encoded. */
  public static String query(Map<String, String> params) {
    return params.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&", "?", ""));
  }

  public static Map<String, String> params(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) map.put(pairs[i], pairs[i + 1]);
    return map;
  }

  private HttpRequest json(String method, String path, Object body) {
    HttpRequest.Builder builder = request(path).header("Accept", "application/json");
    if (body == null) return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
    return builder.header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
        .timeout(timeout)
        .header("Authorization", "Bearer " + token);
  }

  private String send(HttpRequest request, String call) {
    HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString(), call);
    int status = response.statusCode();
    if (status < 200 || status >= 300) throw failure(status, response.body(), call);
    return response.body();
  }

  private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler, String call) {
    try {
      return http.send(request, handler);
    } catch (HttpTimeoutException e) {
      throw new DirectusException("Directus at " + baseUrl() + " did not answer " + call + " within " + timeout, 0,
          true, e);
    } catch (IOException e) {
      throw new DirectusException("Directus at " + baseUrl() + " is unreachable for " + call + " ("
          + e.getClass().getSimpleName() + ")", 0, true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DirectusException("interrupted during " + call, 0, true, e);
    }
  }

  private DirectusException failure(int status, String body, String call) {
    String detail = errorMessage(body);
    String message = switch (status) {
      case 401 -> "Directus rejected the token for " + call + " (HTTP 401): check DIRECTUS_TOKEN";
      case 403 -> "Directus refused " + call + " (HTTP 403): the item does not exist or the token's user may not "
          + "access it";
      case 404 -> "Directus has nothing at " + call + " (HTTP 404)";
      default -> "Directus answered HTTP " + status + " to " + call;
    };
    boolean retryable = status >= 500 || status == 429 || status == 408;
    return new DirectusException(detail.isEmpty() ? message : message + ": " + detail, status, retryable, null);
  }

  /** The first of Directus' {@code errors[].message}, shortened; empty when the body has none. */
  private String errorMessage(String body) {
    if (body == null || body.isBlank()) return "";
    try {
      String message = json.readTree(body).path("errors").path(0).path("message").asString("");
      return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    } catch (JacksonException e) {
      return "";
    }
  }

  private JsonNode data(String body) {
    if (body == null || body.isBlank()) return json.nullNode();
    try {
      return json.readTree(body).path("data");
    } catch (JacksonException e) {
      throw new DirectusException("Directus answered with something that is not JSON", 200, false, e);
    }
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String quoted(String s) {
    return s.replace("\"", "%22").replace("\r", "").replace("\n", "");
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }
}
