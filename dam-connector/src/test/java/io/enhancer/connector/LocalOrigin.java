package io.enhancer.connector;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A small image origin on 127.0.0.1 standing in for the CDN: serves files, errors and redirects. */
public final class LocalOrigin implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final java.util.Set<String> unavailable = ConcurrentHashMap.newKeySet();
  public final AtomicInteger failingHits = new AtomicInteger();

  public LocalOrigin() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/img/", exchange -> {
      String name = exchange.getRequestURI().getPath().substring("/img/".length());
      byte[] body = files.get(name);
      if (unavailable.contains(name)) {
        exchange.sendResponseHeaders(503, -1);
      } else if (body == null) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
      exchange.close();
    });
    server.createContext("/unavailable", exchange -> {
      failingHits.incrementAndGet();
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    server.createContext("/page.html", exchange -> {
      byte[] body = "<html><body>not an image at all, just a page</body></html>".getBytes();
      exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
      exchange.close();
    });
    server.createContext("/to-metadata", exchange -> {
      exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
    server.createContext("/to-elsewhere", exchange -> {
      exchange.getResponseHeaders().add("Location", "https://example.org/x.jpg");
      exchange.sendResponseHeaders(301, -1);
      exchange.close();
    });
    server.start();
  }

  public String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public String serve(String name, Path file) throws IOException {
    return serve(name, Files.readAllBytes(file));
  }

  public String serve(String name, byte[] bytes) {
    files.put(name, bytes);
    unavailable.remove(name);
    return origin() + "/img/" + name;
  }

  /** {@code /img/<name>} answers 503 (a failure worth retrying) until {@link #serve} gives it content. */
  public String unavailable(String name) {
    unavailable.add(name);
    return origin() + "/img/" + name;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
