package io.enhancer.connector.admission;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hostile origin on 127.0.0.1: answers 200 with a JPEG's first bytes and a large Content-Length at once, then
 * sends one more byte a second, the way a slow-loris origin keeps a fetcher busy past a headers-only timeout.
 */
public final class TrickleOrigin implements AutoCloseable {
  private final ServerSocket server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "trickle-origin");
    t.setDaemon(true);
    return t;
  });
  public final AtomicInteger requests = new AtomicInteger();
  public volatile String lastHostHeader;

  public TrickleOrigin() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pool.submit(this::accept);
  }

  public int port() {
    return server.getLocalPort();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        pool.submit(() -> trickle(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void trickle(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) return;
        head.append((char) b);
      }
      requests.incrementAndGet();
      for (String line : head.toString().split("\r\n")) {
        if (line.regionMatches(true, 0, "Host:", 0, 5)) lastHostHeader = line.substring(5).trim();
      }
      OutputStream out = socket.getOutputStream();
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: 100000\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
      out.flush();
      for (int i = 0; i < 600 && !server.isClosed(); i++) {
        Thread.sleep(1000);
        out.write(0);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // the client gave up: what the fetch deadline is for
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    pool.shutdownNow();
  }
}
