package io.enhancer.connector.importing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports through a running service's {@code POST /api/v1/import}: what the import command does when the service
 * holds the embedded database, which only one process may open.
 */
public final class ServiceImportClient implements RowImporter {
  private static final JsonMapper JSON = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
  private final URI endpoint;
  private final String apiKey;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public ServiceImportClient(URI serviceUrl, String apiKey) {
    String base = serviceUrl.toString().replaceAll("/+$", "");
    this.endpoint = URI.create(base + "/api/v1/import");
    this.apiKey = apiKey;
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public ImportReport importRows(List<ImportRow> rows, boolean enhance) {
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofMinutes(2))
        .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("images", rows, "enhance", enhance))))
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach the service at " + endpoint + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while importing through " + endpoint);
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException(endpoint + " answered " + response.statusCode() + ": " + messageOf(response.body()));
    }
    return JSON.readValue(response.body(), ImportReport.class);
  }

  private static String messageOf(String body) {
    try {
      JsonNode error = JSON.readTree(body);
      return error.path("error").asString("") + " " + error.path("message").asString("");
    } catch (RuntimeException notJson) {
      return body.length() > 200 ? body.substring(0, 200) : body;
    }
  }
}
