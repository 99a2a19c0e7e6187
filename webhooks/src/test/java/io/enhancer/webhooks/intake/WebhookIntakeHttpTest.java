package io.enhancer.webhooks.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.webhooks.SnsTestKeys;
import io.enhancer.webhooks.TestJwt;
import io.enhancer.webhooks.intake.IntakeServer.Reply;
import io.enhancer.webhooks.signing.PayloadSigner;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real HTTP against the intake embedded in Jetty's servlet container. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookIntakeHttpTest {
    private IntakeServer server;
    private int eventCounter;

    @BeforeAll
    void start() throws Exception {
        server = new IntakeServer();
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void resetClock() {
        server.clock.set(IntakeServer.NOW);
        server.received.clear();
        server.observed.clear();
        server.observerFails.set(false);
    }

    private String genericBody(String eventId) {
        return "{\"event_id\":\"" + eventId + "\",\"event\":\"asset.uploaded\",\"occurred_at\":\"2026-03-01T11:59:00Z\","
                + "\"asset\":{\"id\":\"asset-" + eventId + "\",\"url\":\"https://dam.example.com/a/1.jpg\","
                + "\"sku_id\":\"SKU-9\",\"product_group_id\":\"PG-3\",\"image_type\":\"primary\",\"mime_type\":\"image/jpeg\"}}";
    }

    private String nextEventId() {
        return "evt-" + (++eventCounter) + "-" + System.nanoTime();
    }

    @Test
    void acceptsSignedGenericEventAndHandsItToTheSink() throws Exception {
        String id = nextEventId();
        Reply reply = server.postGeneric(genericBody(id));
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(reply.json().get("event_ids").get(0).asText()).isEqualTo(id);
        assertThat(server.received).singleElement().isEqualTo(new AssetEvent(id, "generic", "asset.uploaded",
                "asset-" + id, "https://dam.example.com/a/1.jpg", null, "SKU-9", "PG-3", "primary",
                Instant.parse("2026-03-01T11:59:00Z")));
    }

    @Test
    void acceptsEventSignedWithTheOldSecretDuringRotation() throws Exception {
        String body = genericBody(nextEventId());
        Reply reply = server.post("generic", body, PayloadSigner.SIGNATURE_HEADER,
                server.sign(IntakeServer.GENERIC_OLD_SECRET, body));
        assertThat(reply.status()).isEqualTo(202);
    }

    @Test
    void answersDuplicateForTheSameEventTwiceAndCreatesNothing() throws Exception {
        String body = genericBody(nextEventId());
        assertThat(server.postGeneric(body).status()).isEqualTo(202);
        server.clock.advance(Duration.ofSeconds(30));
        Reply second = server.postGeneric(body);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.raw()).isEqualTo("{\"duplicate\":true}");
        assertThat(server.received).hasSize(1);
    }

    @Test
    void rejectsWebhookWithoutSignature() throws Exception {
        Reply reply = server.post("generic", genericBody(nextEventId()));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("error").asText()).isEqualTo("unauthorized");
        assertThat(reply.json().get("message").asText()).contains("missing X-Enhancer-Signature");
        assertThat(server.received).isEmpty();
    }

    @Test
    void challengesARequestWithoutCredentialsSoSnsSendsItsBasicAuth() throws Exception {
        String body = SnsTestKeys.json(SnsTestKeys.signed(SnsTestKeys.notification("m-challenge",
                "{\"Event\":\"s3:TestEvent\"}", null, SNS_SENT)));
        java.net.http.HttpResponse<String> first = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(server.uri("s3"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(401);
        assertThat(first.headers().firstValue("WWW-Authenticate")).hasValue(IntakeErrorMapper.BASIC_CHALLENGE);
        assertThat(send("s3", body).status()).as("the retry with the subscription's credentials").isEqualTo(202);
    }

    @Test
    void rejectsWebhookSignedWithAnUnknownSecret() throws Exception {
        String body = genericBody(nextEventId());
        Reply reply = server.post("generic", body, PayloadSigner.SIGNATURE_HEADER,
                server.sign("someone-elses-secret-0123456789", body));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("message").asText()).isEqualTo("no matching signature");
    }

    @Test
    void rejectsWebhookWhoseBodyChangedAfterSigning() throws Exception {
        String body = genericBody(nextEventId());
        String header = server.sign(IntakeServer.GENERIC_NEW_SECRET, body);
        Reply reply = server.post("generic", body.replace("SKU-9", "SKU-8"), PayloadSigner.SIGNATURE_HEADER, header);
        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void rejectsWebhookWithStaleTimestampBothWays() throws Exception {
        String body = genericBody(nextEventId());
        String header = server.sign(IntakeServer.GENERIC_NEW_SECRET, body);
        server.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        Reply late = server.post("generic", body, PayloadSigner.SIGNATURE_HEADER, header);
        server.clock.set(IntakeServer.NOW.minus(Duration.ofMinutes(5).plusSeconds(1)));
        Reply early = server.post("generic", body, PayloadSigner.SIGNATURE_HEADER, header);
        assertThat(late.status()).isEqualTo(401);
        assertThat(early.status()).isEqualTo(401);
        assertThat(late.json().get("message").asText()).contains("tolerance");
        assertThat(server.received).isEmpty();
    }

    @Test
    void answers404ForUnknownSource() throws Exception {
        Reply reply = server.post("shopify", "{}");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("error").asText()).isEqualTo("unknown_source");
        assertThat(server.post("generic/extra", "{}").status()).isEqualTo(404);
    }

    @Test
    void rejectsOtherMethodsWithJson() throws Exception {
        HttpResponse<String> response = server.client.send(HttpRequest.newBuilder(server.uri("generic")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).contains("method_not_allowed");
    }

    @Test
    void rejectsOversizeBodyByContentLengthBeforeReadingIt() throws Exception {
        // a raw request announcing 5 MB but sending nothing: only an early Content-Length check can answer it
        try (Socket socket = new Socket("127.0.0.1", server.port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /webhooks/generic HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 5000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(statusLine).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void rejectsOversizeChunkedBodyWhileReading() throws Exception {
        byte[] big = ("{\"event_id\":\"big\",\"pad\":\"" + "x".repeat(IntakeServer.MAX_BODY) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(server.uri("generic"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        HttpResponse<String> response = server.client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("payload_too_large").contains("4096");
    }

    @Test
    void acceptsBodyExactlyAtTheLimit() throws Exception {
        String prefix = genericBody(nextEventId());
        String body = prefix.substring(0, prefix.length() - 2) + ",\"pad\":\"";
        body = body + "x".repeat(IntakeServer.MAX_BODY - body.length() - 3) + "\"}}";
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(IntakeServer.MAX_BODY);
        // pad is inside asset: unknown asset fields are tolerated
        assertThat(server.postGeneric(body).status()).isEqualTo(202);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "generic | not json                                          | body is not valid JSON (line 1, column 1)",
        "generic | `{\"event_id\":\"e\",`                             | body is not valid JSON",
        "generic | []                                                | body must be a JSON object",
        "generic | `{\"a\":1,\"a\":2}`                               | body is not valid JSON",
        "generic | `{} {}`                                           | body is not valid JSON",
        "generic | `{\"event\":\"asset.uploaded\",\"asset\":{\"id\":\"a\",\"url\":\"https://x/1.jpg\"}}` | missing field event_id",
        "generic | `{\"event_id\":\"e\",\"event\":\"asset.uploaded\",\"asset\":{\"url\":\"https://x/1.jpg\"}}` | missing field asset.id",
        "generic | `{\"event_id\":\"e\",\"event\":\"asset.uploaded\",\"asset\":\"a\"}` | field asset must be an object",
        "generic | `{\"event_id\":\"e\",\"event\":\"asset.uploaded\",\"asset\":{\"id\":\"a\"}}` | missing field asset.url",
        "generic | `{\"event_id\":\"e\",\"event\":\"asset.uploaded\",\"asset\":{\"id\":\"a\",\"url\":\"ftp://x/1.jpg\"}}` | field asset.url must be an http or https URL",
        "generic | `{\"event_id\":\"e\",\"event\":\"asset.uploaded\",\"asset\":{\"id\":{},\"url\":\"https://x/1.jpg\"}}` | field asset.id must be a string",
        "generic | `{\"event_id\":\"e\",\"event\":\"asset.uploaded\",\"occurred_at\":\"yesterday\",\"asset\":{\"id\":\"a\",\"url\":\"https://x/1.jpg\"}}` | field occurred_at must be an ISO-8601 timestamp with offset",
        "directus | `{\"event\":\"files.upload\",\"payload\":{\"type\":\"image/jpeg\"}}` | missing field key",
        "directus | `{\"event\":\"files.upload\",\"key\":\"f1\"}`       | missing field payload",
        "directus | `{\"key\":\"f1\",\"payload\":{}}`                   | missing field event",
        "directus | `{\"event\":\"files.upload\",\"key\":\"f1\",\"payload\":[]}` | field payload must be an object",
        "directus | `[1,2]`                                          | body must be a JSON object",
        "strapi   | `{\"event\":\"media.create\"}`                      | missing field media",
        "strapi   | `{\"event\":\"media.create\",\"media\":{\"url\":\"/uploads/a.jpg\"}}` | missing field media.id",
        "strapi   | `{\"event\":\"media.create\",\"media\":{\"id\":3}}`  | missing field media.url",
        "strapi   | `{\"media\":{\"id\":3}}`                            | missing field event",
        "strapi   | `\"media.create\"`                                 | body must be a JSON object",
        "s3       | `{\"foo\":1}`                                       | missing field Records",
        "s3       | `{\"Records\":{}}`                                   | field Records must be an array",
        "s3       | `{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{}}}]}` | missing field Records[0].s3.object.key",
        "s3       | `{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"object\":{\"key\":\"a.jpg\"}}}]}` | missing field Records[0].s3.bucket",
        "s3       | `{\"Type\":\"Notification\"}`                         | missing field TopicArn",
        "s3       | `{\"Type\":\"Notification\",\"TopicArn\":\"arn:aws:sns:eu-west-1:1:t\",\"MessageId\":\"m\",\"Timestamp\":\"2026-03-01T12:00:00Z\"}` | missing field Message",
        "s3       | `{\"Type\":\"Notification\",\"TopicArn\":[\"arn\"]}`           | field TopicArn must be a string",
        "s3       | `{\"Type\":\"SubscriptionConfirmation\",\"TopicArn\":\"arn:aws:sns:eu-west-1:1:t\"}` | missing field SubscribeURL",
    })
    void rejectsMalformedBodyNamingTheField(String source, String body, String message) throws Exception {
        int before = server.received.size();
        int recorded = server.store.size();
        Reply reply = send(source, body);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).isEqualTo("invalid_payload");
        assertThat(reply.json().get("message").asText()).startsWith(message);
        assertThat(server.received).hasSize(before);
        assertThat(server.store.size()).isEqualTo(recorded);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "generic  | `{\"event_id\":\"e-del\",\"event\":\"asset.deleted\",\"asset\":{\"id\":\"a\",\"url\":\"https://x/1.jpg\"}}` | unsupported event asset.deleted",
        "generic  | `{\"event_id\":\"e-pdf\",\"event\":\"asset.uploaded\",\"asset\":{\"id\":\"a\",\"url\":\"https://x/1.pdf\",\"mime_type\":\"application/pdf\"}}` | not an image: application/pdf",
        "directus | `{\"event\":\"files.upload\",\"key\":\"f1\",\"collection\":\"directus_files\",\"payload\":{\"type\":\"application/pdf\"}}` | not an image: application/pdf",
        "directus | `{\"event\":\"files.delete\",\"key\":\"f1\",\"payload\":{}}` | unsupported event files.delete",
        "directus | `{\"event\":\"files.upload\",\"key\":\"f1\",\"payload\":{\"filename_download\":\"logo.svg\"}}` | not an image: file logo.svg",
        "strapi   | `{\"event\":\"media.delete\",\"media\":{\"id\":1}}` | unsupported event media.delete",
        "strapi   | `{\"event\":\"entry.create\",\"model\":\"product\",\"entry\":{\"id\":1}}` | unsupported event entry.create",
        "strapi   | `{\"event\":\"media.create\",\"media\":{\"id\":1,\"mime\":\"video/mp4\",\"url\":\"/uploads/a.mp4\"}}` | not an image: video/mp4",
        "s3       | `{\"Records\":[{\"eventName\":\"ObjectRemoved:Delete\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"a.jpg\"}}}]}` | unsupported event ObjectRemoved:Delete",
        "s3       | `{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"docs/manual.pdf\"}}}]}` | not an image: docs/manual.pdf",
        "s3       | `{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"b\"}` | S3 test event",
        "s3       | `{\"Type\":\"Heartbeat\",\"TopicArn\":\"t\"}`             | unsupported SNS message type Heartbeat",
    })
    void ignoresNonImageOrUnsupportedEventsWith202(String source, String body, String reason) throws Exception {
        Reply reply = send(source, body);
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().get("ignored").asText()).isEqualTo(reason);
        assertThat(server.received).isEmpty();
    }

    private Reply send(String source, String body) throws Exception {
        return switch (source) {
            case "generic" -> server.postGeneric(body);
            case "directus" -> server.post(source, body, "X-Webhook-Token", IntakeServer.DIRECTUS_TOKEN);
            case "strapi" -> server.post(source, body, "Authorization", "Bearer " + strapiToken());
            case "s3" -> server.post(source, body, "Authorization", IntakeServer.S3_BASIC, "Content-Type", "text/plain; charset=UTF-8");
            default -> throw new IllegalArgumentException(source);
        };
    }

    private String strapiToken() {
        long now = server.clock.instant().getEpochSecond();
        return TestJwt.mint(IntakeServer.STRAPI_JWT_SECRET, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"iat\":" + now + ",\"exp\":" + (now + 300) + "}");
    }

    @Test
    void acceptsDirectusUploadWithStaticTokenAndRejectsAWrongToken() throws Exception {
        String body = "{\"event\":\"files.upload\",\"key\":\"9a1c-44\",\"collection\":\"directus_files\","
                + "\"payload\":{\"type\":\"image/png\",\"filename_download\":\"shoe.png\",\"sku_id\":\"SKU-7\"}}";
        assertThat(server.post("directus", body, "X-Webhook-Token", "wrong-token-0123456789").status()).isEqualTo(401);
        assertThat(server.post("directus", body).status()).isEqualTo(401);
        Reply reply = send("directus", body);
        assertThat(reply.status()).isEqualTo(202);
        AssetEvent event = server.received.get(0);
        assertThat(event.assetId()).isEqualTo("9a1c-44");
        assertThat(event.sourceUrl()).isEqualTo("https://cms.example.com/assets/9a1c-44");
        assertThat(event.damReference()).isEqualTo("directus_files/9a1c-44");
        assertThat(event.skuId()).isEqualTo("SKU-7");
        assertThat(event.eventType()).isEqualTo(AssetEvent.UPLOADED);
        assertThat(event.eventId()).startsWith("directus-").isEqualTo(reply.json().get("event_ids").get(0).asText());
        assertThat(send("directus", body).json().get("duplicate").asBoolean()).isTrue();
    }

    @Test
    void acceptsStrapiMediaWithJwtAndResolvesRelativeUrl() throws Exception {
        String body = "{\"event\":\"media.update\",\"createdAt\":\"2026-03-01T11:58:00.000Z\",\"model\":\"file\","
                + "\"media\":{\"id\":17,\"name\":\"bag.webp\",\"hash\":\"bag_5f1\",\"mime\":\"image/webp\","
                + "\"url\":\"/uploads/bag_5f1.webp\",\"updatedAt\":\"2026-03-01T11:58:00.000Z\"}}";
        long now = server.clock.instant().getEpochSecond();
        String expired = TestJwt.mint(IntakeServer.STRAPI_JWT_SECRET, "{\"alg\":\"HS256\"}",
                "{\"iat\":" + (now - 900) + ",\"exp\":" + (now - 300) + "}");
        assertThat(server.post("strapi", body, "Authorization", "Bearer " + expired).status()).isEqualTo(401);
        Reply reply = send("strapi", body);
        assertThat(reply.status()).isEqualTo(202);
        AssetEvent event = server.received.get(0);
        assertThat(event.assetId()).isEqualTo("17");
        assertThat(event.eventType()).isEqualTo(AssetEvent.UPDATED);
        assertThat(event.sourceUrl()).isEqualTo("https://strapi.example.com/uploads/bag_5f1.webp");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-03-01T11:58:00Z"));
    }

    private static String s3Records(String... keys) {
        List<String> records = new ArrayList<>();
        for (String key : keys) {
            records.add("{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventTime\":\"2026-03-01T11:59:30.000Z\","
                    + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"photos\"},"
                    + "\"object\":{\"key\":\"" + key + "\",\"size\":1024,\"eTag\":\"e1\",\"sequencer\":\"00A1\"}}}");
        }
        return "{\"Records\":[" + String.join(",", records) + "]}";
    }

    @Test
    void acceptsEveryImageRecordOfAnS3NotificationAndDecodesKeys() throws Exception {
        Reply reply = send("s3", s3Records("new/red+shoe%281%29.jpg", "docs/readme.txt", "new/blue.PNG"));
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(server.received).extracting(AssetEvent::damReference)
                .containsExactly("s3://photos/new/red shoe(1).jpg", "s3://photos/new/blue.PNG");
        assertThat(server.received.get(0).occurredAt()).isEqualTo(Instant.parse("2026-03-01T11:59:30Z"));
    }

    static final String SNS_SENT = "2026-03-01T11:59:30.000Z";

    private static String snsNotification(String messageId, String message) {
        return SnsTestKeys.json(SnsTestKeys.signed(SnsTestKeys.notification(messageId, message, null, SNS_SENT)));
    }

    @Test
    void unwrapsS3NotificationFromVerifiedSns() throws Exception {
        String sns = snsNotification("m-1", s3Records("sns/wrapped.jpg"));
        Reply reply = send("s3", sns);
        assertThat(reply.status()).isEqualTo(202);
        assertThat(server.received).singleElement().extracting(AssetEvent::damReference)
                .isEqualTo("s3://photos/sns/wrapped.jpg");
        assertThat(send("s3", sns).status()).isEqualTo(200);
    }

    @Test
    void unwrapsAnSnsMessageLongerThanOrdinaryFields() throws Exception {
        String[] keys = new String[9];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "sns/batch/" + i + ".jpg";
        }
        String message = s3Records(keys);
        assertThat(message.length()).isGreaterThan(2048);
        Reply reply = send("s3", snsNotification("m-long", message));
        assertThat(reply.status()).as(reply.raw()).isEqualTo(202);
        assertThat(reply.json().get("accepted").asInt()).isEqualTo(9);
    }

    @Test
    void rejectsAVerifiedSnsNotificationWhoseMessageIsNoS3Event() throws Exception {
        Reply notJson = send("s3", snsNotification("m-nj", "not json"));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("message").asText())
                .isEqualTo("field Message must contain an S3 event notification (JSON)");
        Reply empty = send("s3", snsNotification("m-empty", "{}"));
        assertThat(empty.json().get("message").asText()).isEqualTo("missing field Message.Records");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unsigned        | sns_signature_missing          | 403",
        "tampered        | sns_signature_invalid          | 403",
        "wrong-key       | sns_signature_invalid          | 403",
        "stale           | sns_message_stale              | 403",
        "hostile-cert    | sns_cert_url_not_allowed       | 403",
        "http-cert       | sns_cert_url_not_allowed       | 403",
        "unknown-cert    | sns_certificate_unavailable    | 503",
    })
    void rejectsAnSnsNotificationNotProvenToComeFromSnsAndRecordsNothing(String forgery, String error, int status)
            throws Exception {
        java.util.Map<String, String> fields = SnsTestKeys.notification("m-" + forgery, s3Records("forged/x.jpg"),
                null, SNS_SENT);
        java.util.Map<String, String> signed = switch (forgery) {
            case "unsigned" -> fields;
            case "tampered" -> {
                java.util.Map<String, String> m = SnsTestKeys.signed(fields);
                m.put("Message", s3Records("forged/other.jpg"));
                yield m;
            }
            case "wrong-key" -> SnsTestKeys.signed(fields, "2", "other", SnsTestKeys.CERT_URL);
            case "stale" -> {
                fields.put("Timestamp", "2026-03-01T10:00:00.000Z");
                yield SnsTestKeys.signed(fields);
            }
            case "hostile-cert" -> SnsTestKeys.signed(fields, "2", "signing",
                    "https://sns.eu-west-1.amazonaws.com.evil.net/SimpleNotificationService-test.pem");
            case "http-cert" -> SnsTestKeys.signed(fields, "2", "signing", SnsTestKeys.CERT_URL.replace("https:", "http:"));
            default -> SnsTestKeys.signed(fields, "2", "signing",
                    "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-unknown.pem");
        };
        int recorded = server.store.size();
        Reply reply = send("s3", SnsTestKeys.json(signed));
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.json().get("error").asText()).isEqualTo(error);
        assertThat(reply.json().get("message").asText()).isNotBlank();
        assertThat(server.received).isEmpty();
        assertThat(server.store.size()).isEqualTo(recorded);
        assertThat(server.observed).last().isEqualTo("s3 " + (status == 503 ? "unavailable" : "rejected_sns"));
    }

    @Test
    void recordsAVerifiedSnsSubscriptionConfirmationWithoutFetchingIt() throws Exception {
        java.util.Map<String, String> confirmation = SnsTestKeys.subscriptionConfirmation("m-2", SNS_SENT);
        Reply reply = send("s3", SnsTestKeys.json(SnsTestKeys.signed(confirmation)));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("subscription_confirmation_required").asBoolean()).isTrue();
        assertThat(reply.json().get("subscribe_url").asText()).isEqualTo(confirmation.get("SubscribeURL"));
        assertThat(server.subscriptions.pending()).extracting(SnsSubscriptionRequest::topicArn)
                .contains(SnsTestKeys.TOPIC_ARN);
        assertThat(server.received).isEmpty();
    }

    @Test
    void refusesASignedSubscriptionConfirmationWhoseSubscribeUrlIsNotSnsAndRecordsNothingPending() throws Exception {
        java.util.Map<String, String> confirmation = SnsTestKeys.subscriptionConfirmation("m-hostile", SNS_SENT);
        confirmation.put("SubscribeURL", "https://127.0.0.1:1/?Action=ConfirmSubscription&Token=t");
        int pending = server.subscriptions.pending().size();
        Reply reply = send("s3", SnsTestKeys.json(SnsTestKeys.signed(confirmation)));
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("error").asText()).isEqualTo("sns_subscribe_url_not_allowed");
        assertThat(server.subscriptions.pending()).hasSize(pending);
        java.util.Map<String, String> unsigned = SnsTestKeys.subscriptionConfirmation("m-unsigned", SNS_SENT);
        assertThat(send("s3", SnsTestKeys.json(unsigned)).json().get("error").asText()).isEqualTo("sns_signature_missing");
        assertThat(server.subscriptions.pending()).hasSize(pending);
    }

    @Test
    void ignoresAVerifiedUnsubscribeConfirmationAndRejectsAForgedOne() throws Exception {
        java.util.Map<String, String> unsubscribe = SnsTestKeys.subscriptionConfirmation("m-unsub", SNS_SENT);
        unsubscribe.put("Type", "UnsubscribeConfirmation");
        Reply reply = send("s3", SnsTestKeys.json(SnsTestKeys.signed(unsubscribe)));
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().get("ignored").asText()).isEqualTo("SNS unsubscribe confirmation");
        assertThat(send("s3", SnsTestKeys.json(unsubscribe)).status()).isEqualTo(403);
    }

    @Test
    void fetchesTheSigningCertificateOnceForManyNotifications() throws Exception {
        assertThat(send("s3", snsNotification("m-cache-first", s3Records("cache/first.jpg"))).status()).isEqualTo(202);
        int afterFirst = server.certificates.fetches(SnsTestKeys.CERT_URL);
        assertThat(afterFirst).isPositive();
        for (int i = 0; i < 10; i++) {
            assertThat(send("s3", snsNotification("m-cache-" + i, s3Records("cache/" + i + ".jpg"))).status())
                    .isEqualTo(202);
        }
        assertThat(server.certificates.fetches(SnsTestKeys.CERT_URL)).isEqualTo(afterFirst);
    }

    @Test
    void reportsHowEachRequestEndedToTheObserverWithoutEchoingUnknownSourceNames() throws Exception {
        String body = genericBody(nextEventId());
        server.postGeneric(body);
        server.postGeneric(body);
        server.post("generic", body);
        server.post("generic", "[1]", PayloadSigner.SIGNATURE_HEADER, server.sign(IntakeServer.GENERIC_NEW_SECRET, "[1]"));
        String pdf = body.replace("image/jpeg", "application/pdf").replace("evt-", "evt-pdf-");
        server.postGeneric(pdf);
        server.post("shopify-" + System.nanoTime(), "{}");
        server.post("generic", "x".repeat(IntakeServer.MAX_BODY + 1));
        server.sinkFailuresToInject.set(1);
        server.postGeneric(genericBody(nextEventId()));
        assertThat(server.observed).containsExactly("generic accepted", "generic duplicate", "generic rejected_auth",
                "generic invalid", "generic ignored", "unknown unknown_source", "generic too_large",
                "generic unavailable");
    }

    @Test
    void aFailingObserverChangesNoAnswer() throws Exception {
        server.observerFails.set(true);
        assertThat(server.postGeneric(genericBody(nextEventId())).status()).isEqualTo(202);
        assertThat(server.post("generic", "{}").status()).isEqualTo(401);
        assertThat(server.observed).hasSize(2);
    }

    @Test
    void answers503AndReleasesTheEventWhenTheSinkFails() throws Exception {
        String id = nextEventId();
        String body = genericBody(id);
        server.sinkFailuresToInject.set(1);
        HttpResponse<String> failed = server.client.send(HttpRequest.newBuilder(server.uri("generic"))
                .header(PayloadSigner.SIGNATURE_HEADER, server.sign(IntakeServer.GENERIC_NEW_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.headers().firstValue("Retry-After")).contains("30");
        assertThat(server.store.contains("generic", id)).isFalse();
        assertThat(server.postGeneric(body).status()).isEqualTo(202);
        assertThat(server.received).hasSize(1);
    }

    @Test
    void acceptsExactlyOneOf32ConcurrentDeliveriesOfTheSameEvent() throws Exception {
        String body = genericBody(nextEventId());
        String header = server.sign(IntakeServer.GENERIC_NEW_SECRET, body);
        int threads = 32;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                replies.add(pool.submit(() -> {
                    gate.await();
                    return server.post("generic", body, PayloadSigner.SIGNATURE_HEADER, header);
                }));
            }
            gate.countDown();
            int accepted = 0;
            int duplicates = 0;
            for (Future<Reply> reply : replies) {
                Reply r = reply.get();
                if (r.status() == 202) {
                    accepted++;
                } else if (r.status() == 200 && r.json().get("duplicate").asBoolean()) {
                    duplicates++;
                }
            }
            assertThat(accepted).isEqualTo(1);
            assertThat(duplicates).isEqualTo(threads - 1);
            assertThat(server.received).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
