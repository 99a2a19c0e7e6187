package io.enhancer.webhooks.intake;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.enhancer.webhooks.signing.AnyOfAuthenticators;
import io.enhancer.webhooks.signing.Hs256JwtVerifier;
import io.enhancer.webhooks.signing.RequestAuthenticator;
import io.enhancer.webhooks.signing.RequestHeaders;
import io.enhancer.webhooks.signing.SignatureVerifier;
import io.enhancer.webhooks.signing.SnsMessageVerifier;
import io.enhancer.webhooks.signing.SnsSigningCertificates;
import io.enhancer.webhooks.signing.StaticTokenVerifier;
import io.enhancer.webhooks.signing.WebhookSecret;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The intake, free of HTTP framework types. Order matters and reads top to bottom in {@link #receive}: known source,
 * bounded body, authentication over the exact raw bytes, JSON, adapter (which verifies SNS messages'
 * signatures first), idempotency record, hand-off to the sink.
 * Any refusal throws before anything is recorded, so nothing is half-done.
 */
public final class WebhookIntake {
    private final WebhookIntakeConfig config;
    private final ProcessedEventStore store;
    private final AssetEventSink sink;
    private final ObjectMapper json;
    private final Map<String, Source> sources = new HashMap<>();

    private record Source(SourceSettings settings, RequestAuthenticator authenticator, PayloadAdapter adapter) {
    }

    public WebhookIntake(WebhookIntakeConfig config, ProcessedEventStore store, AssetEventSink sink) {
        this.config = config;
        this.store = store;
        this.sink = sink;
        this.json = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        // one verifier, so one certificate cache, for every source that takes SNS messages
        SnsMessageVerifier sns = new SnsMessageVerifier(
                new SnsSigningCertificates(config.snsCertificateSource(), config.clock()), config.snsTopicArns(),
                config.snsMaxMessageAge(), config.clock());
        for (String name : config.sourceNames()) {
            SourceSettings settings = config.source(name).orElseThrow();
            sources.put(name, new Source(settings, authenticator(settings), settings.format().adapter(json, sns)));
        }
    }

    private RequestAuthenticator authenticator(SourceSettings settings) {
        List<RequestAuthenticator> schemes = new ArrayList<>();
        if (!settings.hmacSecrets().isEmpty()) {
            schemes.add(new SignatureVerifier(WebhookSecret.all(settings.hmacSecrets()), config.signatureTolerance(),
                    config.clock()));
        }
        if (!settings.tokens().isEmpty()) {
            schemes.add(new StaticTokenVerifier(settings.tokenHeader(), settings.tokens()));
        }
        if (!settings.jwtSecrets().isEmpty()) {
            schemes.add(new Hs256JwtVerifier(WebhookSecret.all(settings.jwtSecrets()), config.jwtClockSkew(),
                    settings.jwtMaxLifetime(), config.clock()));
        }
        return schemes.size() == 1 ? schemes.get(0) : new AnyOfAuthenticators(schemes);
    }

    /**
     * @param declaredLength Content-Length, or -1 when unknown
     */
    public IntakeOutcome receive(String sourceName, RequestHeaders headers, long declaredLength, InputStream body) {
        String label = sources.containsKey(sourceName) ? sourceName : "unknown";
        try {
            IntakeOutcome outcome = handle(sourceName, headers, declaredLength, body);
            observe(label, RequestOutcome.of(outcome));
            return outcome;
        } catch (RuntimeException failure) {
            observe(label, RequestOutcome.of(failure));
            throw failure;
        }
    }

    private void observe(String source, RequestOutcome outcome) {
        try {
            config.observer().requestHandled(source, outcome);
        } catch (RuntimeException ignored) {
            // counting must never change the answer
        }
    }

    private IntakeOutcome handle(String sourceName, RequestHeaders headers, long declaredLength, InputStream body) {
        Source source = sources.get(sourceName);
        if (source == null) {
            throw new UnknownSourceException(sourceName);
        }
        byte[] raw = BoundedBody.read(body, declaredLength, config.maxBodyBytes());
        source.authenticator().authenticate(headers, raw);
        Instant receivedAt = config.clock().instant();
        PayloadNode payload = PayloadNode.root(parse(raw));
        AdapterResult result = source.adapter()
                .adapt(payload, new AdapterContext(sourceName, receivedAt, source.settings().publicBaseUrl()));
        if (result instanceof AdapterResult.Ignored ignored) {
            return new IntakeOutcome.Ignored(ignored.reason());
        }
        if (result instanceof AdapterResult.SubscriptionConfirmation confirmation) {
            return subscriptionPending(confirmation.request());
        }
        return handOn(((AdapterResult.Events) result).events(), receivedAt);
    }

    private JsonNode parse(byte[] raw) {
        if (raw.length == 0) {
            throw new InvalidPayloadException("body is empty");
        }
        try {
            return json.readTree(raw);
        } catch (JsonParseException e) {
            throw new InvalidPayloadException("body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new InvalidPayloadException("body is not valid JSON");
        }
    }

    private IntakeOutcome subscriptionPending(SnsSubscriptionRequest request) {
        boolean confirmed;
        try {
            confirmed = config.snsSubscriptions().confirmationRequested(request);
        } catch (RuntimeException e) {
            throw new EventQueueUnavailableException(e);
        }
        if (confirmed) {
            return new IntakeOutcome.SubscriptionConfirmed(true, request.topicArn());
        }
        return new IntakeOutcome.SubscriptionPending(true, request.topicArn(), request.subscribeUrl());
    }

    /**
     * Records and hands on every event in the host's {@link IntakeTransaction}: with a database transaction the
     * answer is sent only after the records and hand-offs are committed, and a failure keeps none of them.
     */
    private IntakeOutcome handOn(List<AssetEvent> events, Instant receivedAt) {
        try {
            return config.transaction().run(() -> handOnEach(events, receivedAt));
        } catch (IntakeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EventQueueUnavailableException(e); // the commit itself failed: nothing was kept
        }
    }

    private IntakeOutcome handOnEach(List<AssetEvent> events, Instant receivedAt) {
        List<String> accepted = new ArrayList<>();
        int duplicates = 0;
        for (AssetEvent event : events) {
            if (!record(event, receivedAt)) {
                duplicates++;
                continue;
            }
            try {
                sink.accept(event);
            } catch (RuntimeException e) {
                // Without a transaction the events handed on before this one stay recorded (the sender's retry sees
                // them as duplicates); within one, the throw below undoes them all.
                try {
                    store.forget(event.source(), event.eventId());
                } catch (RuntimeException forgetFailed) {
                    e.addSuppressed(forgetFailed); // still 503: the sender retries; the record stays as a duplicate
                }
                throw new EventQueueUnavailableException(e);
            }
            accepted.add(event.eventId());
        }
        if (accepted.isEmpty()) {
            return new IntakeOutcome.Duplicate(true);
        }
        return new IntakeOutcome.Accepted(accepted.size(), accepted, duplicates > 0 ? duplicates : null);
    }

    private boolean record(AssetEvent event, Instant receivedAt) {
        try {
            return store.recordIfNew(event.source(), event.eventId(), receivedAt);
        } catch (RuntimeException e) {
            throw new EventQueueUnavailableException(e);
        }
    }
}
