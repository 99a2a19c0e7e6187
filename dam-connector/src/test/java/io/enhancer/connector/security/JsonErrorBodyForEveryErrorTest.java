package io.enhancer.connector.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error answer is the API's {@code {"error", "message"}} JSON, including those the container makes before
 * the application sees the request (an encoded "../" path, a request line Tomcat cannot parse) and whatever
 * Accept asks for: no HTML error page naming the server, no stack trace.
 */
class JsonErrorBodyForEveryErrorTest extends SecuredServiceContext {
  @Autowired JsonMapper json;

  @Test
  void encodedTraversalPathsRejectedByTheContainerAnswerJson() {
    for (String target : new String[] {"/%2e%2e%2f", "/api/v1/%2e%2e%2fimages", "/admin/%2e%2e/%2e%2e/etc/passwd",
        "/api/v1/images/%00"}) {
      Raw answer = Raw.parse(rawRequest("GET", target));
      assertThat(answer.status).as(target + "\n" + answer.text).isEqualTo(400);
      assertJsonError(target, answer, "invalid_request");
    }
  }

  @Test
  void aRequestLineTomcatCannotParseAnswersJson() {
    Raw answer = Raw.parse(rawRequest("GET", "/api/v1/images?q=<x>|{}"));
    assertThat(answer.status).as(answer.text).isEqualTo(400);
    assertJsonError("bad request line", answer, "invalid_request");
  }

  @Test
  void unknownPathsAndWrongMethodsAnswerJsonEvenToABrowser() {
    Raw notFound = Raw.parse(rawRequest("GET", "/no/such/page"));
    assertThat(notFound.status).isEqualTo(404);
    assertJsonError("404", notFound, "not_found");

    HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(uri("/api/v1/images"))
        .header("Authorization", "Bearer " + ADMIN_KEY).header("Accept", "text/html")
        .DELETE().build());
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Content-Type").orElse("")).contains("application/json");
    assertThat(json.readTree(wrongMethod.body()).get("error").asString()).isEqualTo("method_not_allowed");

    Raw adminPost = Raw.parse(rawRequest("POST", "/admin/index.html"));
    assertThat(adminPost.status).isEqualTo(405);
    assertJsonError("POST /admin/index.html", adminPost, "method_not_allowed");
  }

  @Test
  void errorsRaisedThroughTheServletErrorPageAnswerJson() {
    // Sent straight to /error (what a filter's sendError or an exception escaping a filter is forwarded to).
    Raw direct = Raw.parse(rawRequest("GET", "/error"));
    assertThat(direct.body).doesNotContain("Whitelabel").doesNotContain("timestamp");
    JsonNode body = json.readTree(direct.body);
    assertThat(body.has("error")).as(direct.text).isTrue();
    assertThat(body.has("message")).isTrue();
  }

  private void assertJsonError(String what, Raw answer, String code) {
    assertThat(answer.header("content-type")).as(what + "\n" + answer.text).contains("application/json");
    assertThat(answer.body).as(what).doesNotContainIgnoringCase("<html").doesNotContain("Tomcat")
        .doesNotContain("Exception");
    JsonNode body = json.readTree(answer.body);
    assertThat(body.get("error").asString()).as(what + " " + answer.body).isEqualTo(code);
    assertThat(body.get("message").asString()).as(what).isNotBlank();
    assertThat(answer.header("x-content-type-options")).as(what).isEqualTo("nosniff");
    assertThat(answer.header("content-security-policy")).as(what).contains("default-src 'self'");
  }

  /** A raw HTTP/1.1 answer: status, headers (lower-case names) and body (chunked bodies joined). */
  record Raw(String text, int status, java.util.Map<String, String> headers, String body) {
    static Raw parse(String text) {
      int split = text.indexOf("\r\n\r\n");
      String head = split < 0 ? text : text.substring(0, split);
      String body = split < 0 ? "" : text.substring(split + 4);
      String[] lines = head.split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      java.util.Map<String, String> headers = new java.util.HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) headers.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
      }
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) body = unchunk(body);
      return new Raw(text, status, headers, body);
    }

    String header(String name) {
      return headers.getOrDefault(name, "");
    }

    private static String unchunk(String body) {
      StringBuilder out = new StringBuilder();
      int at = 0;
      while (at < body.length()) {
        int eol = body.indexOf("\r\n", at);
        if (eol < 0) break;
        int size = Integer.parseInt(body.substring(at, eol).split(";")[0].trim(), 16);
        if (size == 0) break;
        out.append(body, eol + 2, eol + 2 + size);
        at = eol + 2 + size + 2;
      }
      return out.toString();
    }
  }
}
