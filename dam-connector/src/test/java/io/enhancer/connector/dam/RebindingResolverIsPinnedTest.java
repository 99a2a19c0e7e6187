package io.enhancer.connector.dam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enhancer.connector.admission.TrickleOrigin;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, item 3 (DNS rebinding): the host is resolved once, by the guard, and the fetch connects to exactly the
 * addresses the guard checked. A resolver that answers a public address to the check and loopback afterwards must
 * never get the fetch onto loopback.
 */
class RebindingResolverIsPinnedTest {
  /** Answers 192.0.2.10 (public to the guard, unroutable in fact) first, then the loopback origin. */
  static final class RebindingResolver implements OriginGuard.HostResolver {
    final AtomicInteger lookups = new AtomicInteger();

    @Override
    public InetAddress[] resolve(String host) throws java.net.UnknownHostException {
      return lookups.getAndIncrement() == 0
          ? new InetAddress[] {InetAddress.getByName("192.0.2.10")}
          : new InetAddress[] {InetAddress.getByName("127.0.0.1")};
    }
  }

  @Test
  void aResolverThatRebindsToLoopbackAfterTheCheckNeverGetsTheFetchOntoLoopback() throws Exception {
    try (TrickleOrigin origin = new TrickleOrigin()) {
      RebindingResolver resolver = new RebindingResolver();
      OriginGuard guard = new OriginGuard(List.of("http://cdn.rebind.test:" + origin.port()), false, resolver);
      HttpOriginFetcher fetcher = new HttpOriginFetcher(guard, 10_000_000, Duration.ofSeconds(2), 3);

      assertThatThrownBy(() -> fetcher.fetch("http://cdn.rebind.test:" + origin.port() + "/p.jpg"))
          .isInstanceOf(FetchException.class)
          .satisfies(e -> assertThat(((FetchException) e).code()).isIn("fetch_timeout", "fetch_failed"));
      assertThat(resolver.lookups.get()).as("one lookup, by the guard; the client did not resolve again").isEqualTo(1);
      assertThat(origin.requests.get()).as("nothing reached the loopback origin").isZero();
    }
  }

  @Test
  void theCheckedAddressIsTheOneConnectedToWithTheHostNameKeptInTheHostHeader() throws Exception {
    try (TrickleOrigin origin = new TrickleOrigin()) {
      AtomicInteger lookups = new AtomicInteger();
      // Private addresses allowed (a test origin on loopback): the guard still resolves once and the fetch is pinned.
      OriginGuard guard = new OriginGuard(List.of("http://images.pinned.test:" + origin.port()), true, host -> {
        lookups.incrementAndGet();
        return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
      });
      HttpOriginFetcher fetcher = new HttpOriginFetcher(guard, 10_000_000, Duration.ofMillis(1500), 3);

      assertThatThrownBy(() -> fetcher.fetch("http://images.pinned.test:" + origin.port() + "/x.jpg"))
          .satisfies(e -> assertThat(((FetchException) e).code()).isEqualTo("fetch_timeout"));
      assertThat(origin.requests.get()).as("connected to the checked 127.0.0.1").isEqualTo(1);
      assertThat(origin.lastHostHeader).isEqualTo("images.pinned.test:" + origin.port());
      assertThat(lookups.get()).isEqualTo(1);
    }
  }

}
