package io.enhancer.connector.dam;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Downloads originals from allowed origins, following redirects itself so every hop passes the guard. */
public final class HttpOriginFetcher {
  private final OriginGuard guard;
  private final long maxBytes;
  private final Duration timeout;
  private final int maxRedirects;
  private final HttpClient client;

  public HttpOriginFetcher(OriginGuard guard, long maxBytes, Duration timeout, int maxRedirects) {
    this.guard = guard;
    this.maxBytes = maxBytes;
    this.timeout = timeout;
    this.maxRedirects = maxRedirects;
    this.client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10))
        .build();
  }

  /** The image bytes at the URL; throws {@link FetchException} with a code naming why not. */
  public byte[] fetch(String url) {
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new FetchException("invalid_url", "not a valid URL: " + url, false);
    }
    for (int hop = 0; hop <= maxRedirects; hop++) {
      guard.check(uri);
      HttpResponse<InputStream> response = send(uri);
      int status = response.statusCode();
      if (status >= 300 && status < 400) {
        String location = response.headers().firstValue("Location").orElse(null);
        close(response);
        if (location == null) throw new FetchException("fetch_failed", "redirect without Location from " + uri, false);
        uri = uri.resolve(location);
        continue;
      }
      if (status != 200) {
        close(response);
        throw new FetchException("fetch_failed", "origin answered HTTP " + status + " for " + uri, status >= 500 || status == 429);
      }
      long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (declared > maxBytes) {
        close(response);
        throw new FetchException("too_large", "image at " + uri + " is " + declared + " bytes, limit " + maxBytes, false);
      }
      byte[] body = readLimited(response, uri);
      if (ImageSignature.sniff(body).isEmpty()) {
        throw new FetchException("not_an_image", "content at " + uri + " is not an image", false);
      }
      return body;
    }
    throw new FetchException("fetch_failed", "more than " + maxRedirects + " redirects from " + url, false);
  }

  private HttpResponse<InputStream> send(URI uri) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "image/*").GET().build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new FetchException("fetch_failed", "cannot fetch " + uri + ": " + e.getClass().getSimpleName(), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException("fetch_failed", "interrupted while fetching " + uri, true);
    }
  }

  private byte[] readLimited(HttpResponse<InputStream> response, URI uri) {
    try (InputStream in = response.body()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (body.length > maxBytes) {
        throw new FetchException("too_large", "image at " + uri + " is larger than " + maxBytes + " bytes", false);
      }
      return body;
    } catch (IOException e) {
      throw new FetchException("fetch_failed", "connection broke while reading " + uri, true);
    }
  }

  private static void close(HttpResponse<InputStream> response) {
    try {
      response.body().close();
    } catch (IOException ignored) {
      // nothing left to read from a response we are discarding
    }
  }
}
