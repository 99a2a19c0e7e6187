package io.enhancer.connector.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The health answer for callers who may not read operations: only {@code {"status": ...}} and its HTTP status.
 * The actuator already hides components and details from them (show-details: when-authorized) but still lists
 * the group names at the root; cutting the body down here keeps whatever it adds later from reaching strangers.
 */
final class StatusOnlyHealth {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private StatusOnlyHealth() {}

  static void serve(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, buffered);
    byte[] body = buffered.getContentAsByteArray();
    JsonNode status = statusOf(body);
    if (status == null) {
      buffered.copyBodyToResponse();
      return;
    }
    byte[] reduced = JSON.writeValueAsBytes(Map.of("status", status));
    response.setContentLength(reduced.length);
    response.getOutputStream().write(reduced);
  }

  private static JsonNode statusOf(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject() && node.has("status") ? node.get("status") : null;
    } catch (RuntimeException notJson) {
      return null;
    }
  }
}
