package io.enhancer.webhooks.delivery;

import io.enhancer.webhooks.signing.PayloadSigner;
import io.enhancer.webhooks.signing.WebhookSecret;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * Sends outbound events to the configured endpoints: persist first ({@link #enqueue}), then attempt when due
 * ({@link #dispatchDue}, or every poll interval after {@link #start}). Each attempt is claimed in the store so two
 * dispatchers never send the same attempt, recorded with status, latency and an excerpt, and rescheduled with
 * backoff and jitter until delivered or dead. State lives only in the store: a new dispatcher over the same store
 * carries on where a stopped one left off.
 */
public final class WebhookDispatcher implements AutoCloseable {
    public static final String DELIVERY_HEADER = "X-Enhancer-Delivery";
    public static final String EVENT_HEADER = "X-Enhancer-Event";
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());

    private final DeliveryConfig config;
    private final DeliveryStore store;
    private final HttpClient http;
    private final Clock clock;
    private final RandomGenerator random;
    private final ExecutorService senders;
    private ScheduledExecutorService poller;

    public WebhookDispatcher(DeliveryConfig config, DeliveryStore store, HttpClient http, Clock clock,
            RandomGenerator random) {
        if (http.followRedirects() != HttpClient.Redirect.NEVER) {
            // a redirect would send the signed event to an address the operator never configured
            throw new IllegalArgumentException("the HttpClient must not follow redirects, got " + http.followRedirects());
        }
        this.config = config;
        this.store = store;
        this.http = http;
        this.clock = clock;
        this.random = random;
        this.senders = Executors.newFixedThreadPool(config.maxConcurrentSends(), daemon("webhook-sender"));
    }

    public WebhookDispatcher(DeliveryConfig config, DeliveryStore store, Clock clock) {
        this(config, store, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.requestTimeout()).build(), clock, RandomGenerator.getDefault());
    }

    /**
     * Persists one delivery per endpoint subscribed to the event's type, due now. Enqueueing the same delivery id
     * again creates nothing. Returns the deliveries for this event (new or existing).
     */
    public List<Delivery> enqueue(OutboundEvent event) {
        List<Delivery> result = record(event);
        dispatchSoon();
        return result;
    }

    /**
     * As {@link #enqueue} without waking the poller: for a host that persists the deliveries inside its own database
     * transaction and calls {@link #dispatchSoon} once that has committed (before, the poller could not see them).
     */
    public List<Delivery> record(OutboundEvent event) {
        OutboundEnvelope.parsePayload(event.payloadJson());
        Instant now = clock.instant();
        List<Delivery> result = new ArrayList<>();
        for (WebhookEndpoint endpoint : config.endpoints()) {
            if (!endpoint.subscribesTo(event.eventType())) {
                continue;
            }
            Delivery fresh = Delivery.pending(event, endpoint.name(), now);
            result.add(store.create(fresh) ? fresh : store.find(fresh.key()).orElse(fresh));
        }
        return result;
    }

    /** Looks for due deliveries now rather than at the next poll (only once {@link #start} was called). */
    public synchronized void dispatchSoon() {
        if (poller != null && !poller.isShutdown()) {
            poller.execute(this::dispatchAllDueQuietly);
        }
    }

    /** Manual redelivery of a DEAD (or DELIVERED) delivery with a fresh schedule, due now. */
    public boolean redeliver(DeliveryKey key) {
        boolean reset = store.redeliver(key, clock.instant());
        if (reset && poller != null) {
            poller.execute(this::dispatchAllDueQuietly);
        }
        return reset;
    }

    public Optional<Delivery> delivery(DeliveryKey key) {
        return store.find(key);
    }

    public List<DeliveryAttempt> attempts(DeliveryKey key) {
        return store.attempts(key);
    }

    public List<Delivery> deadLetters(int limit) {
        return store.findByState(DeliveryState.DEAD, limit);
    }

    /** One pass: claims up to a batch of due deliveries, attempts them in parallel, returns how many were attempted. */
    public int dispatchDue() {
        Instant now = clock.instant();
        List<Future<?>> sends = new ArrayList<>();
        for (Delivery due : store.findDue(now, config.batchSize())) {
            if (store.claim(due.key(), due.attempts(), now, now.plus(config.lease()))) {
                sends.add(senders.submit(() -> attempt(due)));
            }
        }
        for (Future<?> send : sends) {
            try {
                send.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                LOG.log(Level.SEVERE, "webhook attempt failed unexpectedly", e.getCause());
            }
        }
        return sends.size();
    }

    /** Polls the store every {@link DeliveryConfig#pollInterval()} on a background thread until {@link #close}. */
    public synchronized void start() {
        if (poller == null) {
            poller = Executors.newSingleThreadScheduledExecutor(daemon("webhook-dispatcher"));
            long every = config.pollInterval().toMillis();
            poller.scheduleWithFixedDelay(this::dispatchAllDueQuietly, 0, every, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
        senders.shutdownNow();
    }

    private void dispatchAllDueQuietly() {
        try {
            while (dispatchDue() == config.batchSize()) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "webhook dispatch pass failed; retrying at the next poll", e);
        }
    }

    private void attempt(Delivery delivery) {
        Instant startedAt = clock.instant();
        int number = delivery.attempts() + 1;
        Optional<WebhookEndpoint> endpoint = config.endpoint(delivery.endpoint());
        if (endpoint.isEmpty()) {
            store.recordAttempt(new DeliveryAttempt(delivery.key(), number, startedAt, Duration.ZERO,
                    AttemptOutcome.ENDPOINT_NOT_CONFIGURED, 0, "endpoint '" + delivery.endpoint() + "' is not configured"),
                    delivery.dead(startedAt));
            return;
        }
        long start = System.nanoTime(); // latency is a measurement, not logic: the monotonic clock is right here
        SendResult result = send(endpoint.get(), delivery.event());
        if (result == null) {
            return; // stopping: no attempt recorded, the lease expires and the delivery is due again
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        Instant finishedAt = clock.instant();
        DeliveryAttempt attempt = new DeliveryAttempt(delivery.key(), number, startedAt, latency, result.outcome(),
                result.status(), result.excerpt());
        store.recordAttempt(attempt, next(delivery, result.outcome(), finishedAt));
    }

    private Delivery next(Delivery delivery, AttemptOutcome outcome, Instant now) {
        if (outcome == AttemptOutcome.DELIVERED) {
            return delivery.delivered(now);
        }
        int failed = delivery.attempts() + 1;
        if (failed >= config.retryPolicy().maxAttempts()) {
            LOG.warning("webhook delivery " + delivery.key() + " is dead after " + failed + " attempts");
            return delivery.dead(now);
        }
        return delivery.retryAt(now.plus(config.retryPolicy().delayAfter(failed, random)), now);
    }

    private record SendResult(AttemptOutcome outcome, int status, String excerpt) {
    }

    private SendResult send(WebhookEndpoint endpoint, OutboundEvent event) {
        byte[] body = OutboundEnvelope.body(event);
        HttpRequest request = HttpRequest.newBuilder(endpoint.url())
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "enhancer-webhooks/1")
                .header(DELIVERY_HEADER, event.deliveryId())
                .header(EVENT_HEADER, event.eventType())
                .header(PayloadSigner.SIGNATURE_HEADER, signatureHeader(endpoint, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String excerpt = excerpt(response.body());
            boolean ok = response.statusCode() >= 200 && response.statusCode() < 300;
            return new SendResult(ok ? AttemptOutcome.DELIVERED : AttemptOutcome.HTTP_ERROR, response.statusCode(), excerpt);
        } catch (HttpTimeoutException e) {
            return new SendResult(AttemptOutcome.TIMEOUT, 0, "no response within " + config.requestTimeout().toMillis() + " ms");
        } catch (IOException e) {
            return new SendResult(AttemptOutcome.CONNECTION_FAILED, 0, cut(e.getClass().getSimpleName() + ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** One v1 per secret, all over the same timestamp, so a receiver mid-rotation matches either. */
    private String signatureHeader(WebhookEndpoint endpoint, byte[] body) {
        long timestamp = clock.instant().getEpochSecond();
        StringBuilder header = new StringBuilder("t=").append(timestamp);
        for (WebhookSecret secret : endpoint.secrets()) {
            header.append(",v1=").append(PayloadSigner.signatureHex(secret, timestamp, body));
        }
        return header.toString();
    }

    private String excerpt(InputStream body) throws IOException {
        try (body) {
            byte[] head = body.readNBytes(config.responseExcerptChars() * 4);
            return cut(new String(head, StandardCharsets.UTF_8));
        }
    }

    private String cut(String text) {
        if (text == null) {
            return "";
        }
        int max = config.responseExcerptChars();
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
