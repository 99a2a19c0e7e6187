package io.enhancer.connector;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A marketplace's webhook receiver on 127.0.0.1: answers 500 to the first {@code failuresPerDelivery} requests of
 * each delivery id, then 200, and keeps every request it saw (headers and exact body bytes).
 */
public final class MarketplaceReceiver implements AutoCloseable {
  public record Received(String deliveryId, String eventType, String signature, byte[] body, int answered) {
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final int failuresPerDelivery;
  private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
  public final List<Received> requests = new CopyOnWriteArrayList<>();

  public MarketplaceReceiver(int failuresPerDelivery) throws IOException {
    this.failuresPerDelivery = failuresPerDelivery;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hooks/enhancer", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String deliveryId = exchange.getRequestHeaders().getFirst("X-Enhancer-Delivery");
      int n = seen.computeIfAbsent(String.valueOf(deliveryId), k -> new AtomicInteger()).incrementAndGet();
      int status = n <= failuresPerDelivery ? 500 : 200;
      requests.add(new Received(deliveryId, exchange.getRequestHeaders().getFirst("X-Enhancer-Event"),
          exchange.getRequestHeaders().getFirst("X-Enhancer-Signature"), body, status));
      byte[] answer = (status == 200 ? "{\"ok\":true}" : "busy, try later (" + n + ")").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
      exchange.close();
    });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/enhancer";
  }

  public List<Received> of(String deliveryId) {
    return requests.stream().filter(r -> deliveryId.equals(r.deliveryId())).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
