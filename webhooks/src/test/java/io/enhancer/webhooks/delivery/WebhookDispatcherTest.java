package io.enhancer.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enhancer.webhooks.MutableClock;
import io.enhancer.webhooks.signing.PayloadSigner;
import io.enhancer.webhooks.signing.SignatureVerifier;
import io.enhancer.webhooks.signing.WebhookSecret;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real HTTP to a local receiver; time moves only when the test moves the clock. */
class WebhookDispatcherTest {
    private static final String SECRET = "marketplace-secret-0123456789";
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    private static final RetryPolicy FAST = new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0.0);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryDeliveryStore store = new InMemoryDeliveryStore();
    private Receiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private DeliveryConfig config(RetryPolicy policy) {
        return DeliveryConfig.builder().endpoint(WebhookEndpoint.of("marketplace", receiver.url(), SECRET))
                .retryPolicy(policy).allowInsecureHttp(true).build();
    }

    private WebhookDispatcher dispatcher(DeliveryConfig config) {
        return new WebhookDispatcher(config, store, clock);
    }

    private static OutboundEvent renditionReady(String id) {
        return new OutboundEvent(id, OutboundEvent.RENDITION_READY, START,
                "{\"asset_id\":\"asset-42\",\"rendition_url\":\"https://cdn.example.com/r/42.webp\",\"qc_score\":0.93}");
    }

    @Test
    void deliversASignedEventTheReceiverCanVerify() throws Exception {
        try (WebhookDispatcher dispatcher = dispatcher(config(FAST))) {
            List<Delivery> created = dispatcher.enqueue(renditionReady("dlv_1"));
            assertThat(dispatcher.dispatchDue()).isEqualTo(1);

            Receiver.Request request = receiver.requests.get(0);
            assertThat(request.header("X-Enhancer-Delivery")).isEqualTo("dlv_1");
            assertThat(request.header("X-Enhancer-Event")).isEqualTo("rendition.ready");
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThatNoException().isThrownBy(() -> new SignatureVerifier(List.of(WebhookSecret.of(SECRET)),
                    Duration.ofMinutes(5), clock).verify(request.header(PayloadSigner.SIGNATURE_HEADER), request.body()));
            JsonNode envelope = JSON.readTree(request.body());
            assertThat(envelope.get("id").asText()).isEqualTo("dlv_1");
            assertThat(envelope.get("type").asText()).isEqualTo("rendition.ready");
            assertThat(envelope.get("created_at").asText()).isEqualTo("2026-03-01T12:00:00Z");
            assertThat(envelope.get("data").get("qc_score").asDouble()).isEqualTo(0.93);

            DeliveryKey key = created.get(0).key();
            assertThat(dispatcher.delivery(key).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
            DeliveryAttempt attempt = dispatcher.attempts(key).get(0);
            assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.DELIVERED);
            assertThat(attempt.httpStatus()).isEqualTo(200);
            assertThat(attempt.responseExcerpt()).isEqualTo("{\"ok\":true}");
            assertThat(attempt.latency()).isPositive();
            assertThat(dispatcher.dispatchDue()).isZero();
        }
    }

    @Test
    void retriesWithExponentialBackoffUntilTheReceiverRecovers() {
        receiver.failuresLeft.set(3);
        try (WebhookDispatcher dispatcher = dispatcher(config(FAST))) {
            DeliveryKey key = dispatcher.enqueue(renditionReady("dlv_2")).get(0).key();
            assertThat(dispatcher.dispatchDue()).isEqualTo(1);
            assertThat(dispatcher.delivery(key).orElseThrow().nextAttemptAt()).isEqualTo(START.plusSeconds(1));
            clock.advance(Duration.ofMillis(999));
            assertThat(dispatcher.dispatchDue()).isZero();
            clock.advance(Duration.ofMillis(1));
            assertThat(dispatcher.dispatchDue()).isEqualTo(1);
            assertThat(dispatcher.delivery(key).orElseThrow().nextAttemptAt()).isEqualTo(START.plusSeconds(1 + 2));
            clock.advance(Duration.ofSeconds(2));
            assertThat(dispatcher.dispatchDue()).isEqualTo(1);
            assertThat(dispatcher.delivery(key).orElseThrow().nextAttemptAt()).isEqualTo(START.plusSeconds(1 + 2 + 4));
            clock.advance(Duration.ofSeconds(4));
            assertThat(dispatcher.dispatchDue()).isEqualTo(1);

            assertThat(dispatcher.delivery(key).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
            assertThat(dispatcher.attempts(key)).extracting(DeliveryAttempt::httpStatus).containsExactly(503, 503, 503, 200);
            assertThat(dispatcher.attempts(key)).extracting(DeliveryAttempt::number).containsExactly(1, 2, 3, 4);
            assertThat(dispatcher.attempts(key).get(0).responseExcerpt()).contains("temporarily down");
            // same bytes every attempt: the receiver can deduplicate on the delivery id and body alike
            assertThat(receiver.requests).extracting(r -> new String(r.body())).containsOnly(new String(receiver.requests.get(0).body()));
            assertThat(receiver.requests).extracting(r -> r.header("X-Enhancer-Delivery")).containsOnly("dlv_2");
        }
    }

    @Test
    void deadLettersAfterTheLastAttemptAndRedeliversOnRequest() {
        receiver.failuresLeft.set(100);
        RetryPolicy threeAttempts = new RetryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0.0);
        try (WebhookDispatcher dispatcher = dispatcher(config(threeAttempts))) {
            DeliveryKey key = dispatcher.enqueue(renditionReady("dlv_3")).get(0).key();
            for (int i = 0; i < 3; i++) {
                assertThat(dispatcher.dispatchDue()).isEqualTo(1);
                clock.advance(Duration.ofMinutes(1));
            }
            assertThat(dispatcher.delivery(key).orElseThrow().state()).isEqualTo(DeliveryState.DEAD);
            assertThat(dispatcher.deadLetters(10)).extracting(Delivery::key).containsExactly(key);
            clock.advance(Duration.ofHours(1));
            assertThat(dispatcher.dispatchDue()).isZero();

            receiver.failuresLeft.set(0);
            assertThat(dispatcher.redeliver(key)).isTrue();
            assertThat(dispatcher.redeliver(key)).isFalse();
            assertThat(dispatcher.dispatchDue()).isEqualTo(1);
            assertThat(dispatcher.delivery(key).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
            assertThat(dispatcher.attempts(key)).extracting(DeliveryAttempt::outcome).containsExactly(
                    AttemptOutcome.HTTP_ERROR, AttemptOutcome.HTTP_ERROR, AttemptOutcome.HTTP_ERROR, AttemptOutcome.DELIVERED);
            assertThat(receiver.requests).hasSize(4);
        }
    }

    @Test
    void aNewDispatcherOverTheSameStoreContinuesTheRetrySchedule() {
        receiver.failuresLeft.set(2);
        DeliveryKey key;
        try (WebhookDispatcher first = dispatcher(config(FAST))) {
            key = first.enqueue(renditionReady("dlv_4")).get(0).key();
            first.dispatchDue();
            clock.advance(Duration.ofSeconds(1));
            first.dispatchDue();
        }
        // "restart": nothing survives but the store
        try (WebhookDispatcher second = dispatcher(config(FAST))) {
            assertThat(second.delivery(key).orElseThrow().attempts()).isEqualTo(2);
            assertThat(second.dispatchDue()).isZero();
            clock.advance(Duration.ofSeconds(2));
            assertThat(second.dispatchDue()).isEqualTo(1);
            assertThat(second.delivery(key).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
            assertThat(second.attempts(key)).extracting(DeliveryAttempt::number).containsExactly(1, 2, 3);
            assertThat(receiver.requests).hasSize(3);
        }
    }

    @Test
    void aDeliveryClaimedByACrashedDispatcherIsSentAgainAfterItsLease() {
        DeliveryConfig config = config(FAST);
        Delivery pending;
        try (WebhookDispatcher crashed = dispatcher(config)) {
            pending = crashed.enqueue(renditionReady("dlv_5")).get(0);
        }
        // the crashed process had claimed it and died before recording the attempt
        assertThat(store.claim(pending.key(), 0, clock.instant(), clock.instant().plus(config.lease()))).isTrue();
        try (WebhookDispatcher restarted = dispatcher(config)) {
            assertThat(restarted.dispatchDue()).isZero();
            clock.advance(config.lease());
            assertThat(restarted.dispatchDue()).isEqualTo(1);
            assertThat(restarted.delivery(pending.key()).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
            assertThat(receiver.requests).hasSize(1);
        }
    }

    @Test
    void claimsEachAttemptOnlyOnce() {
        Delivery pending = dispatcher(config(FAST)).enqueue(renditionReady("dlv_6")).get(0);
        Instant now = clock.instant();
        assertThat(store.claim(pending.key(), 0, now, now.plusSeconds(60))).isTrue();
        assertThat(store.claim(pending.key(), 0, now, now.plusSeconds(60))).isFalse();
    }

    @Test
    void refusesPlainHttpEndpointsUnlessAllowed() {
        assertThatThrownBy(() -> DeliveryConfig.builder()
                .endpoint(WebhookEndpoint.of("marketplace", "http://marketplace.example.com/hooks", SECRET)).build())
                .hasMessageContaining("endpoint marketplace must use https, got http://marketplace.example.com/hooks");
        assertThatNoException().isThrownBy(() -> DeliveryConfig.builder()
                .endpoint(WebhookEndpoint.of("marketplace", "https://marketplace.example.com/hooks", SECRET)).build());
        assertThatThrownBy(() -> WebhookEndpoint.of("m", "https://user:pw@marketplace.example.com/hooks", SECRET))
                .hasMessageContaining("no credentials");
        assertThatThrownBy(() -> WebhookEndpoint.of("m", "file:///etc/passwd", SECRET)).hasMessageContaining("http(s)");
    }

    @Test
    void neverSendsToAnEndpointThatIsNoLongerConfigured() {
        store.create(Delivery.pending(renditionReady("dlv_7"), "retired-marketplace", clock.instant()));
        try (WebhookDispatcher dispatcher = dispatcher(config(FAST))) {
            assertThat(dispatcher.dispatchDue()).isEqualTo(1);
            DeliveryKey key = new DeliveryKey("dlv_7", "retired-marketplace");
            assertThat(dispatcher.delivery(key).orElseThrow().state()).isEqualTo(DeliveryState.DEAD);
            assertThat(dispatcher.attempts(key)).singleElement().extracting(DeliveryAttempt::outcome)
                    .isEqualTo(AttemptOutcome.ENDPOINT_NOT_CONFIGURED);
            assertThat(receiver.requests).isEmpty();
        }
    }

    @Test
    void sendsOnlyToEndpointsSubscribedToTheEventType() {
        DeliveryConfig config = DeliveryConfig.builder().allowInsecureHttp(true).retryPolicy(FAST)
                .endpoint(new WebhookEndpoint("qc-only", receiver.uri(), List.of(WebhookSecret.of(SECRET)),
                        Set.of(OutboundEvent.QC_APPROVED, OutboundEvent.QC_REJECTED)))
                .endpoint(WebhookEndpoint.of("everything", receiver.url(), SECRET)).build();
        try (WebhookDispatcher dispatcher = dispatcher(config)) {
            assertThat(dispatcher.enqueue(renditionReady("dlv_8"))).extracting(Delivery::endpoint).containsExactly("everything");
            assertThat(dispatcher.enqueue(new OutboundEvent("dlv_9", OutboundEvent.QC_APPROVED, START, "{}")))
                    .extracting(Delivery::endpoint).containsExactly("everything", "qc-only");
        }
    }

    @Test
    void enqueueingTheSameDeliveryTwiceCreatesOne() {
        try (WebhookDispatcher dispatcher = dispatcher(config(FAST))) {
            dispatcher.enqueue(renditionReady("dlv_10"));
            dispatcher.enqueue(renditionReady("dlv_10"));
            assertThat(dispatcher.dispatchDue()).isEqualTo(1);
            assertThat(receiver.requests).hasSize(1);
        }
    }

    @Test
    void rejectsEventsThatAreNotJsonObjectsOrOfUnknownType() {
        try (WebhookDispatcher dispatcher = dispatcher(config(FAST))) {
            assertThatThrownBy(() -> dispatcher.enqueue(new OutboundEvent("d", OutboundEvent.JOB_FAILED, START, "oops")))
                    .hasMessageContaining("payloadJson is not valid JSON");
            assertThatThrownBy(() -> new OutboundEvent("d", "asset.deleted", START, "{}"))
                    .hasMessageContaining("got 'asset.deleted'");
        }
    }

    @Test
    void recordsATimeoutWhenTheReceiverIsTooSlow() {
        receiver.delayMillis = 1500;
        DeliveryConfig config = DeliveryConfig.builder().endpoint(WebhookEndpoint.of("marketplace", receiver.url(), SECRET))
                .retryPolicy(FAST).allowInsecureHttp(true).requestTimeout(Duration.ofMillis(200))
                .lease(Duration.ofSeconds(1)).build();
        try (WebhookDispatcher dispatcher = dispatcher(config)) {
            DeliveryKey key = dispatcher.enqueue(renditionReady("dlv_11")).get(0).key();
            dispatcher.dispatchDue();
            assertThat(dispatcher.attempts(key)).singleElement().extracting(DeliveryAttempt::outcome)
                    .isEqualTo(AttemptOutcome.TIMEOUT);
            assertThat(dispatcher.delivery(key).orElseThrow().state()).isEqualTo(DeliveryState.PENDING);
        }
    }

    @Test
    void recordsAConnectionFailureWhenNobodyListens() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DeliveryConfig config = DeliveryConfig.builder().allowInsecureHttp(true).retryPolicy(FAST)
                .endpoint(WebhookEndpoint.of("marketplace", "http://127.0.0.1:" + closedPort + "/hooks", SECRET)).build();
        try (WebhookDispatcher dispatcher = dispatcher(config)) {
            DeliveryKey key = dispatcher.enqueue(renditionReady("dlv_12")).get(0).key();
            dispatcher.dispatchDue();
            assertThat(dispatcher.attempts(key)).singleElement().extracting(DeliveryAttempt::outcome)
                    .isEqualTo(AttemptOutcome.CONNECTION_FAILED);
        }
    }

    @Test
    void refusesAnHttpClientThatFollowsRedirects() {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        assertThatThrownBy(() -> new WebhookDispatcher(config(FAST), store, following, clock, new Random(1)))
                .hasMessageContaining("must not follow redirects");
    }

    @Test
    void signsWithEverySecretSoReceiversCanRotate() throws Exception {
        DeliveryConfig config = DeliveryConfig.builder().allowInsecureHttp(true).retryPolicy(FAST)
                .endpoint(WebhookEndpoint.of("marketplace", receiver.url(), "old-secret-0123456789", "new-secret-0123456789"))
                .build();
        try (WebhookDispatcher dispatcher = dispatcher(config)) {
            dispatcher.enqueue(renditionReady("dlv_13"));
            dispatcher.dispatchDue();
            Receiver.Request request = receiver.requests.get(0);
            for (String secret : List.of("old-secret-0123456789", "new-secret-0123456789")) {
                assertThatNoException().isThrownBy(() -> new SignatureVerifier(List.of(WebhookSecret.of(secret)),
                        Duration.ofMinutes(5), clock).verify(request.header(PayloadSigner.SIGNATURE_HEADER), request.body()));
            }
        }
    }

    @Test
    void backgroundPollingDeliversWithoutExplicitDispatch() throws Exception {
        DeliveryConfig config = DeliveryConfig.builder().endpoint(WebhookEndpoint.of("marketplace", receiver.url(), SECRET))
                .allowInsecureHttp(true).pollInterval(Duration.ofMillis(50)).build();
        try (WebhookDispatcher dispatcher = dispatcher(config)) {
            dispatcher.start();
            DeliveryKey key = dispatcher.enqueue(renditionReady("dlv_14")).get(0).key();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (dispatcher.delivery(key).orElseThrow().state() != DeliveryState.DELIVERED && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(dispatcher.delivery(key).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
        }
    }

    @Test
    void addsJitterWithinItsBoundsAndCapsTheDelay() {
        RetryPolicy policy = new RetryPolicy(8, Duration.ofMinutes(1), 2.8, Duration.ofHours(8), 0.2);
        Random random = new Random(42);
        for (int failed = 1; failed <= 7; failed++) {
            long nominal = policy.nominalDelayAfter(failed).toMillis();
            for (int i = 0; i < 50; i++) {
                long jittered = policy.delayAfter(failed, random).toMillis();
                assertThat(jittered).isBetween(Math.round(nominal * 0.8), Math.round(nominal * 1.2));
            }
        }
        assertThat(policy.nominalDelayAfter(7)).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void defaultScheduleMakesEightAttemptsOverAboutTwelveHours() {
        assertThat(RetryPolicy.DEFAULT.maxAttempts()).isEqualTo(8);
        assertThat(RetryPolicy.DEFAULT.nominalSpan()).isBetween(Duration.ofHours(11), Duration.ofHours(13));
    }
}
