package io.enhancer.connector.security;

import io.enhancer.connector.TestInfra;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One service context (MariaDB, the JVM's Kafka broker, in-process live status) that the hardening tests share:
 * subclasses add no configuration of their own, so Spring's context cache starts it once for all of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class SecuredServiceContext {
  protected static final String ADMIN_KEY = "test-admin-" + UUID.randomUUID();
  /** The only origin imports may name. */
  protected static final String CDN = "https://cdn.hardening.example";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) throws IOException {
    String schema = TestInfra.freshSchema(SecuredServiceContext.class);
    String dataDir = Files.createTempDirectory("enhancer-secured").toString();
    r.add("MYSQL_HOST", () -> TestInfra.MARIADB_HOST);
    r.add("MYSQL_DATABASE", () -> schema);
    r.add("KAFKA_BOOTSTRAP_SERVERS", TestInfra::kafkaBootstrap);
    r.add("REDIS_URL", () -> "");
    r.add("ENHANCER_DATA_DIR", () -> dataDir);
    r.add("ENHANCER_ADMIN_KEY", () -> ADMIN_KEY);
    r.add("ENHANCER_ALLOWED_ORIGINS", () -> CDN);
    r.add("ENHANCER_JOB_PARTITIONS", () -> "1");
    r.add("ENHANCER_WORKER_CONCURRENCY", () -> "1");
    r.add("enhancer.jobs.topic", () -> "enhancer.jobs.secured");
    r.add("enhancer.jobs.dead-letter-topic", () -> "enhancer.jobs.secured.dlt");
    r.add("spring.kafka.consumer.group-id", () -> "enhancer-workers-secured");
  }

  @LocalServerPort protected int port;
  @Autowired protected ApiKeys keys;
  protected final HttpClient http = HttpClient.newHttpClient();

  protected URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  protected HttpResponse<String> get(String path, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
    if (key != null) b.header("Authorization", "Bearer " + key);
    return send(b.build());
  }

  protected HttpResponse<String> post(String path, String json, String key) {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  protected HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends the request line exactly as written (no client normalising the path) and returns the whole raw answer,
   * status line, headers and body.
   */
  protected String rawRequest(String method, String target) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: text/html\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
