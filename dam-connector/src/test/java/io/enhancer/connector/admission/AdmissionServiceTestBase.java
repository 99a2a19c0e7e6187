package io.enhancer.connector.admission;

import io.enhancer.connector.TestInfra;
import io.enhancer.connector.security.ApiKeys;
import io.enhancer.connector.security.Role;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One service for the admission and fetch-deadline tests (shared through Spring's context cache): one engine slot,
 * one real-time waiter for 2 s, a 3 s fetch timeout, loopback origins allowed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.kafka.listener.auto-startup=false",
    "ENHANCER_ENGINE_SLOTS=1", "ENHANCER_ENGINE_QUEUE=1", "ENHANCER_ENGINE_QUEUE_WAIT=2s",
    "ENHANCER_ENGINE_RETRY_AFTER=7s", "ENHANCER_FETCH_TIMEOUT=3s", "ENHANCER_ALLOW_PRIVATE_ADDRESSES=true",
    "ENHANCER_RATE_LIMIT_PER_MINUTE=1000"})
abstract class AdmissionServiceTestBase {
  static String integrationKey;
  static TrickleOrigin trickle;
  @LocalServerPort int port;
  @Autowired ApiKeys keys;
  final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) throws Exception {
    Path dataDir = Files.createTempDirectory("enhancer-admission");
    String schema = TestInfra.freshSchema(AdmissionServiceTestBase.class);
    r.add("MYSQL_HOST", () -> TestInfra.MARIADB_HOST);
    r.add("MYSQL_DATABASE", () -> schema);
    r.add("KAFKA_BOOTSTRAP_SERVERS", TestInfra::kafkaBootstrap);
    r.add("ENHANCER_DATA_DIR", dataDir::toString);
    if (trickle == null) trickle = new TrickleOrigin();
    r.add("ENHANCER_ALLOWED_ORIGINS", () -> "http://127.0.0.1:" + trickle.port());
    r.add("enhancer.jobs.topic", () -> "enhancer.jobs.admission");
  }

  @BeforeEach
  void key() {
    if (integrationKey == null) integrationKey = keys.issue("admission-test", Role.INTEGRATION);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  HttpRequest.Builder authorised(String path) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + integrationKey);
  }

  static byte[] multipart(String boundary, byte[] file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.jpg\"\r\n"
        + "Content-Type: image/jpeg\r\n\r\n").getBytes());
    out.writeBytes(file);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes());
    return out.toByteArray();
  }
}
