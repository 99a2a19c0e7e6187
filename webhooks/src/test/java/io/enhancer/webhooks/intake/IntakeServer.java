package io.enhancer.webhooks.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enhancer.webhooks.MutableClock;
import io.enhancer.webhooks.SnsTestKeys;
import io.enhancer.webhooks.signing.PayloadSigner;
import io.enhancer.webhooks.signing.WebhookSecret;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * The intake as a host embeds it: Jersey's ServletContainer around {@link WebhookApplication}, mapped to
 * {@code /webhooks/*} in a real Jetty 12 (Servlet 6.1) on a loopback port.
 */
final class IntakeServer implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String GENERIC_OLD_SECRET = "generic-old-secret-0123456789";
    static final String GENERIC_NEW_SECRET = "generic-new-secret-0123456789";
    static final String DIRECTUS_TOKEN = "directus-flow-token-0123456789";
    static final String STRAPI_JWT_SECRET = "strapi-jwt-secret-0123456789abcdef0123";
    static final String S3_BASIC = "Basic c25zOnNucy1wYXNzd29yZC0wMTIzNDU2Nzg5";
    static final int MAX_BODY = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryProcessedEventStore store = new InMemoryProcessedEventStore();
    final List<AssetEvent> received = new CopyOnWriteArrayList<>();
    final AtomicInteger sinkFailuresToInject = new AtomicInteger();
    final PendingSnsSubscriptions subscriptions = new PendingSnsSubscriptions();
    /** Stands in for sns.eu-west-1.amazonaws.com: serves the test signing certificate at {@link SnsTestKeys#CERT_URL}. */
    final SnsTestKeys.LocalCertificates certificates = new SnsTestKeys.LocalCertificates()
            .serve(SnsTestKeys.CERT_URL, "signing");
    /** "source outcome" of every request the intake reported, in order. */
    final List<String> observed = new CopyOnWriteArrayList<>();
    final java.util.concurrent.atomic.AtomicBoolean observerFails = new java.util.concurrent.atomic.AtomicBoolean();
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Server server;
    final int port;

    IntakeServer() throws Exception {
        WebhookIntakeConfig config = WebhookIntakeConfig.builder()
                .source(SourceSettings.builder("generic").hmacSecrets(GENERIC_OLD_SECRET, GENERIC_NEW_SECRET).build())
                .source(SourceSettings.builder("directus").staticToken("X-Webhook-Token", DIRECTUS_TOKEN)
                        .publicBaseUrl("https://cms.example.com").build())
                .source(SourceSettings.builder("strapi").jwtSecrets(STRAPI_JWT_SECRET)
                        .publicBaseUrl("https://strapi.example.com").build())
                .source(SourceSettings.builder("s3").staticToken("Authorization", S3_BASIC).build())
                .maxBodyBytes(MAX_BODY)
                .clock(clock)
                .snsSubscriptions(subscriptions)
                .snsCertificateSource(certificates)
                .observer((source, outcome) -> {
                    observed.add(source + " " + outcome.label());
                    if (observerFails.get()) {
                        throw new IllegalStateException("metrics backend down");
                    }
                })
                .build();
        AssetEventSink sink = event -> {
            if (sinkFailuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("queue down");
            }
            received.add(event);
        };
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new ServletContainer(new WebhookApplication(config, store, sink))),
                "/webhooks/*");
        server.setHandler(context);
        server.start();
        port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    URI uri(String source) {
        return URI.create("http://127.0.0.1:" + port + "/webhooks/" + source);
    }

    String sign(String secret, String body) {
        return new PayloadSigner(WebhookSecret.of(secret), clock).signatureHeader(body.getBytes(StandardCharsets.UTF_8));
    }

    Reply post(String source, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(source))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return Reply.of(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    Reply postGeneric(String body) throws IOException, InterruptedException {
        return post("generic", body, "Content-Type", "application/json",
                PayloadSigner.SIGNATURE_HEADER, sign(GENERIC_NEW_SECRET, body));
    }

    record Reply(int status, JsonNode json, String raw) {
        static Reply of(HttpResponse<String> response) throws IOException {
            String body = response.body();
            return new Reply(response.statusCode(), body.isEmpty() ? JSON.nullNode() : JSON.readTree(body), body);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();

    }
}
