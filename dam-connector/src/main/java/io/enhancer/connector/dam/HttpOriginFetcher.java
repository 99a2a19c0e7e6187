package io.enhancer.connector.dam;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Downloads originals from allowed origins, following redirects itself so every hop passes the guard. One deadline
 * (the fetch timeout) covers the whole fetch: every hop's connect, headers and body; the client aborts the call
 * when it passes, so an origin trickling a byte a second cannot hold a thread longer. Each hop connects only to
 * the addresses the guard checked (no second lookup, no proxy).
 */
public final class HttpOriginFetcher {
  private final OriginGuard guard;
  private final long maxBytes;
  private final Duration timeout;
  private final int maxRedirects;
  private final OkHttpClient client;

  public HttpOriginFetcher(OriginGuard guard, long maxBytes, Duration timeout, int maxRedirects) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("ENHANCER_FETCH_TIMEOUT must be positive, got " + timeout);
    }
    this.guard = guard;
    this.maxBytes = maxBytes;
    this.timeout = timeout;
    this.maxRedirects = maxRedirects;
    this.client = new OkHttpClient.Builder()
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .proxy(Proxy.NO_PROXY)
        .connectTimeout(timeout)
        .readTimeout(timeout)
        .build();
  }

  /** The image bytes at the URL; throws {@link FetchException} with a code naming why not. */
  public byte[] fetch(String url) {
    return get(url, "image/*", true);
  }

  /**
   * The bytes at the URL whatever their type (an SNS certificate, a confirmation answer), under the same guard,
   * deadline, size limit and redirect rules as images.
   */
  public byte[] fetchDocument(String url, String accept) {
    return get(url, accept, false);
  }

  private byte[] get(String url, String accept, boolean image) {
    String what = image ? "image" : "content";
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new FetchException("invalid_url", "not a valid URL: " + url, false);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int hop = 0; hop <= maxRedirects; hop++) {
      List<InetAddress> checked = guard.check(uri);
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) throw timedOut(url);
      Call call = client.newBuilder()
          .dns(pinnedTo(uri.getHost(), checked))
          .callTimeout(remaining, TimeUnit.NANOSECONDS)
          .build()
          .newCall(request(uri, accept));
      try (Response response = call.execute()) {
        int status = response.code();
        if (status >= 300 && status < 400) {
          String location = response.header("Location");
          if (location == null) throw new FetchException("fetch_failed", "redirect without Location from " + uri, false);
          uri = uri.resolve(location);
          continue;
        }
        if (status != 200) {
          throw new FetchException("fetch_failed", "origin answered HTTP " + status + " for " + uri,
              status >= 500 || status == 429);
        }
        long declared = response.body().contentLength();
        if (declared > maxBytes) {
          throw new FetchException("too_large", what + " at " + uri + " is " + declared + " bytes, limit " + maxBytes, false);
        }
        byte[] body = readLimited(response.body().byteStream(), uri, what);
        if (image && ImageSignature.sniff(body).isEmpty()) {
          throw new FetchException("not_an_image", "content at " + uri + " is not an image", false);
        }
        return body;
      } catch (IOException e) {
        if (e instanceof InterruptedIOException || call.isCanceled() || System.nanoTime() - deadline >= 0) {
          throw timedOut(url);
        }
        throw new FetchException("fetch_failed", "cannot fetch " + uri + ": " + e.getClass().getSimpleName(), true);
      }
    }
    throw new FetchException("fetch_failed", "more than " + maxRedirects + " redirects from " + url, false);
  }

  private FetchException timedOut(String url) {
    return new FetchException("fetch_timeout", "fetching " + url + " took longer than the fetch timeout of "
        + timeout.toMillis() / 1000.0 + " s (ENHANCER_FETCH_TIMEOUT covers connect, headers and the whole body)", true);
  }

  private static Request request(URI uri, String accept) {
    HttpUrl url = HttpUrl.get(uri);
    if (url == null) throw new FetchException("invalid_url", "not a valid URL: " + uri, false);
    return new Request.Builder().url(url).header("Accept", accept).get().build();
  }

  /** The checked addresses, and nothing else; the Host header and TLS SNI keep the name. */
  private static Dns pinnedTo(String host, List<InetAddress> checked) {
    return hostname -> {
      if (!hostname.equalsIgnoreCase(host)) throw new UnknownHostException("not the checked host: " + hostname);
      return checked;
    };
  }

  private byte[] readLimited(InputStream in, URI uri, String what) throws IOException {
    byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (body.length > maxBytes) {
      throw new FetchException("too_large", what + " at " + uri + " is larger than " + maxBytes + " bytes", false);
    }
    return body;
  }
}
