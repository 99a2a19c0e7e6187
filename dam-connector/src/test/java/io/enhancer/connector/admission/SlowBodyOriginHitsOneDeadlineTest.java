package io.enhancer.connector.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17, item 2: an origin that sends its headers at once and then a byte a second must not keep enhance/url
 * busy past the fetch timeout (3 s here): one deadline covers connect, headers and the whole body.
 */
class SlowBodyOriginHitsOneDeadlineTest extends AdmissionServiceTestBase {
  @Autowired JsonMapper json;

  @Test
  void enhanceUrlFromATrickleOriginEndsAtTheFetchDeadlineWithAJsonTimeoutError() throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> answer = http.send(authorised("/api/v1/enhance/url")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"image_url\":\"" + trickle.url("/slow.jpg") + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    double seconds = (System.nanoTime() - started) / 1e9;

    assertThat(trickle.requests.get()).as("the origin was really asked").isPositive();
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(504);
    JsonNode body = json.readTree(answer.body());
    assertThat(body.get("error").asString()).isEqualTo("fetch_timeout");
    assertThat(body.get("message").asString()).contains("fetch timeout of 3.0 s").contains("whole body");
    assertThat(seconds).as("the 3 s deadline plus a margin, not one read timeout per trickled byte")
        .isBetween(2.5, 10.0);
  }
}
