package io.enhancer.connector.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.connector.TestInfra;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.webhooks.signing.SnsCertificateSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SNS at the service's real {@code /webhooks/s3} (MariaDB, Redis, the KRaft broker in the JVM): with the right
 * basic-auth credential, only a message SNS really signed is taken; an unsigned or forged one gets a 403 JSON error
 * naming why and leaves no trace. The signing certificate comes from a local source standing in for
 * sns.eu-west-1.amazonaws.com (the keys: webhooks/src/test/resources/sns/README.md).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SnsWebhookEndpointTest {
  static final String TOKEN = "Basic " + Base64.getEncoder().encodeToString(
      ("sns:" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
  static final String ADMIN_KEY = "sns-it-admin-" + UUID.randomUUID();
  static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:photos";
  static final String CERT_URL = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-test.pem";
  static final AtomicInteger CERTIFICATE_FETCHES = new AtomicInteger();
  static final KeyStore KEYS = keys();
  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) throws IOException {
    Path dataDir = Files.createTempDirectory("enhancer-sns-it");
    String schema = TestInfra.freshSchema(SnsWebhookEndpointTest.class);
    r.add("MYSQL_HOST", () -> TestInfra.MARIADB_HOST);
    r.add("MYSQL_DATABASE", () -> schema);
    r.add("KAFKA_BOOTSTRAP_SERVERS", TestInfra::kafkaBootstrap);
    r.add("REDIS_URL", () -> TestInfra.REDIS_URL);
    r.add("ENHANCER_REDIS_KEY_PREFIX", () -> "enhancer-sns-" + UUID.randomUUID());
    r.add("ENHANCER_DATA_DIR", dataDir::toString);
    r.add("ENHANCER_ADMIN_KEY", () -> ADMIN_KEY);
    r.add("enhancer.jobs.topic", () -> "enhancer.jobs.sns");
    r.add("enhancer.jobs.dead-letter-topic", () -> "enhancer.jobs.sns.dlt");
    r.add("spring.kafka.consumer.group-id", () -> "enhancer-workers-sns");
    r.add("WEBHOOK_S3_TOKEN", () -> TOKEN);
    r.add("WEBHOOK_S3_TOKEN_HEADER", () -> "Authorization");
    r.add("ENHANCER_SNS_TOPIC_ARNS", () -> TOPIC);
  }

  /** The test signing certificate at {@link #CERT_URL}, and nothing anywhere else. */
  @TestConfiguration
  static class LocalSnsCertificates {
    @Bean
    @Primary
    SnsCertificateSource localSnsCertificates() {
      return url -> {
        CERTIFICATE_FETCHES.incrementAndGet();
        if (!url.equals(URI.create(CERT_URL))) throw new IOException("HTTP 404 for " + url);
        try {
          return ("-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(
              KEYS.getCertificate("signing").getEncoded()) + "\n-----END CERTIFICATE-----\n")
              .getBytes(StandardCharsets.US_ASCII);
        } catch (Exception e) {
          throw new IOException(e);
        }
      };
    }
  }

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired ImageMapper images;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void unsignedOrForgedSnsNotificationsGetAJsonErrorNamingWhyAndRecordNothing() throws Exception {
    int eventsBefore = webhookEvents();
    Map<String, Double> countsBefore = webhookCounts();
    Map<String, String> fields = notification("m-forged", "forged/shoe.jpg");

    assertRefused(fields, 403, "sns_signature_missing");
    assertRefused(signed(fields, "other", CERT_URL), 403, "sns_signature_invalid");
    Map<String, String> tampered = signed(fields, "signing", CERT_URL);
    tampered.put("Message", s3Event("forged/other.jpg"));
    assertRefused(tampered, 403, "sns_signature_invalid");
    assertRefused(signed(fields, "signing",
        "https://sns.eu-west-1.amazonaws.com.evil.example/SimpleNotificationService-test.pem"), 403,
        "sns_cert_url_not_allowed");
    Map<String, String> otherTopic = new LinkedHashMap<>(fields);
    otherTopic.put("TopicArn", "arn:aws:sns:eu-west-1:999999999999:photos");
    assertRefused(signed(otherTopic, "signing", CERT_URL), 403, "sns_topic_not_allowed");
    Map<String, String> replayed = new LinkedHashMap<>(fields);
    replayed.put("Timestamp", Instant.now().minusSeconds(2 * 3600).toString());
    assertRefused(signed(replayed, "signing", CERT_URL), 403, "sns_message_stale");

    assertThat(webhookEvents()).isEqualTo(eventsBefore);
    assertThat(images.findByAsset("s3", "s3://photos/forged/shoe.jpg")).isNull();
    assertThat(images.findByAsset("s3", "s3://photos/forged/other.jpg")).isNull();
    Map<String, Double> counts = webhookCounts();
    String series = "{outcome=\"rejected_sns\",source=\"s3\"}";
    assertThat(counts.getOrDefault(series, 0.0) - countsBefore.getOrDefault(series, 0.0)).isEqualTo(6.0);
  }

  @Test
  void aNotificationSnsSignedIsTakenAndItsCertificateFetchedOnce() throws Exception {
    int fetchesBefore = CERTIFICATE_FETCHES.get();
    for (String key : List.of("signed/a.jpg", "signed/b.jpg")) {
      HttpResponse<String> answer = post(signed(notification("m-" + key, key), "signing", CERT_URL));
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
      assertThat(JSON.readTree(answer.body()).get("accepted").asInt()).isEqualTo(1);
    }
    assertThat(CERTIFICATE_FETCHES.get() - fetchesBefore).isLessThanOrEqualTo(1);
    assertThat(new JdbcTemplate(dataSource).queryForObject(
        "SELECT COUNT(*) FROM webhook_events WHERE source = 's3'", Integer.class)).isGreaterThanOrEqualTo(2);
  }

  // ---------------------------------------------------------------- helpers

  private void assertRefused(Map<String, String> message, int status, String error) throws Exception {
    HttpResponse<String> answer = post(message);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.get("error").asString()).isEqualTo(error);
    assertThat(body.get("message").asString()).isNotBlank();
  }

  private HttpResponse<String> post(Map<String, String> message) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/s3"))
        .header("Content-Type", "text/plain; charset=UTF-8").header("Authorization", TOKEN)
        .header("x-amz-sns-message-type", message.get("Type"))
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(message))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String s3Event(String key) {
    return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventTime\":\"" + Instant.now()
        + "\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"photos\"},\"object\":{\"key\":\""
        + key + "\",\"sequencer\":\"00A1\"}}}]}";
  }

  private static Map<String, String> notification(String messageId, String key) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Type", "Notification");
    fields.put("MessageId", messageId);
    fields.put("TopicArn", TOPIC);
    fields.put("Subject", "Amazon S3 Notification");
    fields.put("Message", s3Event(key));
    fields.put("Timestamp", Instant.now().toString());
    return fields;
  }

  /** Signed as SNS signs (SignatureVersion 2): "Name\nvalue\n" for the documented Notification fields. */
  private static Map<String, String> signed(Map<String, String> fields, String alias, String certUrl) throws Exception {
    StringBuilder toSign = new StringBuilder();
    for (String name : List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")) {
      if (fields.containsKey(name)) toSign.append(name).append('\n').append(fields.get(name)).append('\n');
    }
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign((PrivateKey) KEYS.getKey(alias, "changeit".toCharArray()));
    signer.update(toSign.toString().getBytes(StandardCharsets.UTF_8));
    Map<String, String> signed = new LinkedHashMap<>(fields);
    signed.put("SignatureVersion", "2");
    signed.put("Signature", Base64.getEncoder().encodeToString(signer.sign()));
    signed.put("SigningCertURL", certUrl);
    return signed;
  }

  private static KeyStore keys() {
    try (InputStream in = SnsWebhookEndpointTest.class.getResourceAsStream("/sns/sns-test-keys.p12")) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, "changeit".toCharArray());
      return store;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private int webhookEvents() {
    return new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM webhook_events", Integer.class);
  }

  /** {@code enhancer_webhook_requests_total} from /actuator/prometheus: label set -> count. */
  private Map<String, Double> webhookCounts() throws Exception {
    Map<String, Double> counts = new HashMap<>();
    String prefix = "enhancer_webhook_requests_total";
    HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/actuator/prometheus")).header("Authorization", "Bearer " + ADMIN_KEY).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(scrape.statusCode()).isEqualTo(200);
    for (String line : scrape.body().lines().toList()) {
      if (!line.startsWith(prefix + "{")) continue;
      int space = line.lastIndexOf(' ');
      counts.put(line.substring(prefix.length(), space), Double.parseDouble(line.substring(space + 1)));
    }
    return counts;
  }
}
