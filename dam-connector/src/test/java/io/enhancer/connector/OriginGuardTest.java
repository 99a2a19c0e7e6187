package io.enhancer.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enhancer.connector.dam.FetchException;
import io.enhancer.connector.dam.HttpOriginFetcher;
import io.enhancer.connector.dam.OriginGuard;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fetching originals: allowed origins only, no internal addresses, no other schemes, limits, real images only. */
class OriginGuardTest {
  static LocalOrigin origin;

  @BeforeAll
  static void start() throws Exception {
    origin = new LocalOrigin();
  }

  @AfterAll
  static void stop() {
    origin.close();
  }

  /** A guard whose DNS answers are pinned, so the address rules are tested without a network. */
  private static OriginGuard pinned(String address, boolean allowPrivate) {
    return new OriginGuard(List.of("https://*.cloudfront.net", "https://cdn.shop.example"), allowPrivate,
        host -> new InetAddress[] {InetAddress.getByName(address)});
  }

  @Test
  void acceptsListedOriginsResolvingToPublicAddresses() {
    pinned("13.224.10.1", false).check(URI.create("https://d111.cloudfront.net/a/b.jpg"));
    pinned("13.224.10.1", false).check(URI.create("https://cdn.shop.example/x.png"));
  }

  @Test
  void refusesHostsNotListedAndOtherPortsOrSchemes() {
    OriginGuard guard = pinned("13.224.10.1", false);
    assertThatThrownBy(() -> guard.check(URI.create("https://evil.example/x.jpg")))
        .isInstanceOf(FetchException.class).hasMessageContaining("not in ENHANCER_ALLOWED_ORIGINS");
    assertThatThrownBy(() -> guard.check(URI.create("https://cdn.shop.example:8443/x.jpg")))
        .hasMessageContaining("not in ENHANCER_ALLOWED_ORIGINS");
    assertThatThrownBy(() -> guard.check(URI.create("http://cdn.shop.example/x.jpg")))
        .hasMessageContaining("not in ENHANCER_ALLOWED_ORIGINS");
    assertThatThrownBy(() -> guard.check(URI.create("file:///etc/passwd")))
        .satisfies(e -> assertThat(((FetchException) e).code()).isEqualTo("scheme_not_allowed"));
    assertThatThrownBy(() -> guard.check(URI.create("https://user:pw@cdn.shop.example/x.jpg")))
        .hasMessageContaining("credentials");
    assertThatThrownBy(() -> guard.check(URI.create("https://cloudfront.net.evil.example/x.jpg")))
        .hasMessageContaining("not in ENHANCER_ALLOWED_ORIGINS");
  }

  @Test
  void refusesListedHostsResolvingToInternalAddresses() {
    for (String internal : List.of("127.0.0.1", "10.1.2.3", "172.16.5.4", "192.168.1.1", "169.254.169.254",
        "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1")) {
      assertThatThrownBy(() -> pinned(internal, false).check(URI.create("https://d1.cloudfront.net/a.jpg")))
          .as(internal).isInstanceOf(FetchException.class)
          .satisfies(e -> assertThat(((FetchException) e).code()).isEqualTo("address_not_allowed"));
    }
    pinned("10.1.2.3", true).check(URI.create("https://d1.cloudfront.net/a.jpg")); // explicitly allowed
  }

  @Test
  void fetchesImagesAndRefusesPagesRedirectsAwayAndOversizedBodies() throws Exception {
    byte[] jpeg = Files.readAllBytes(TestInfra.productPhotos(1).get(0));
    OriginGuard guard = new OriginGuard(List.of(origin.origin()), true);
    HttpOriginFetcher fetcher = new HttpOriginFetcher(guard, 1_000_000, Duration.ofSeconds(5), 3);
    assertThat(fetcher.fetch(origin.serve("ok.jpg", jpeg))).isEqualTo(jpeg);

    assertThatThrownBy(() -> fetcher.fetch(origin.origin() + "/page.html"))
        .satisfies(e -> assertThat(((FetchException) e).code()).isEqualTo("not_an_image"));
    assertThatThrownBy(() -> fetcher.fetch(origin.origin() + "/to-metadata"))
        .satisfies(e -> assertThat(((FetchException) e).code()).isEqualTo("origin_not_allowed"));
    assertThatThrownBy(() -> fetcher.fetch(origin.origin() + "/to-elsewhere"))
        .satisfies(e -> assertThat(((FetchException) e).code()).isEqualTo("origin_not_allowed"));

    HttpOriginFetcher small = new HttpOriginFetcher(guard, jpeg.length - 1, Duration.ofSeconds(5), 3);
    assertThatThrownBy(() -> small.fetch(origin.serve("big.jpg", jpeg)))
        .satisfies(e -> assertThat(((FetchException) e).code()).isEqualTo("too_large"));

    OriginGuard strict = new OriginGuard(List.of(origin.origin()), false);
    assertThatThrownBy(() -> new HttpOriginFetcher(strict, 1_000_000, Duration.ofSeconds(5), 3)
        .fetch(origin.serve("ok.jpg", jpeg)))
        .satisfies(e -> assertThat(((FetchException) e).code()).isEqualTo("address_not_allowed"));
  }
}
