package io.enhancer.connector.dam;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether the service may fetch a URL: http(s) only, the origin must be one the operator listed
 * (ENHANCER_ALLOWED_ORIGINS, e.g. {@code https://d1234.cloudfront.net} or {@code https://*.cloudfront.net}), and
 * the host must not resolve to a loopback, private, link-local or otherwise internal address unless the operator
 * allowed that. Every redirect hop is checked again.
 */
public final class OriginGuard {
  private final List<AllowedOrigin> allowed;
  private final boolean allowPrivateAddresses;
  private final HostResolver resolver;

  /** Resolves host names; injected so tests can pin answers. */
  public interface HostResolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  public OriginGuard(List<String> allowedOrigins, boolean allowPrivateAddresses, HostResolver resolver) {
    this.allowed = allowedOrigins.stream().map(AllowedOrigin::parse).toList();
    this.allowPrivateAddresses = allowPrivateAddresses;
    this.resolver = resolver;
  }

  public OriginGuard(List<String> allowedOrigins, boolean allowPrivateAddresses) {
    this(allowedOrigins, allowPrivateAddresses, InetAddress::getAllByName);
  }

  /**
   * Throws {@link FetchException} naming the reason when the URL may not be fetched; else the addresses that were
   * checked, which are the only ones the fetch may connect to (a second lookup could answer differently: DNS
   * rebinding). With private addresses allowed the host is still resolved here, once, for the same reason.
   */
  public List<InetAddress> check(URI uri) {
    String h = checkOrigin(uri);
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(h.startsWith("[") ? h.substring(1, h.length() - 1) : h);
    } catch (UnknownHostException e) {
      throw new FetchException("fetch_failed", "host " + uri.getHost() + " does not resolve", true);
    }
    if (addresses == null || addresses.length == 0) {
      throw new FetchException("fetch_failed", "host " + uri.getHost() + " does not resolve", true);
    }
    if (!allowPrivateAddresses) {
      for (InetAddress address : addresses) {
        if (internal(address)) {
          throw new FetchException("address_not_allowed",
              "host " + uri.getHost() + " resolves to internal address " + address.getHostAddress(), false);
        }
      }
    }
    return List.of(addresses);
  }

  /** The scheme and origin rules alone (no name lookup); returns the lower-case host. */
  public String checkOrigin(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new FetchException("scheme_not_allowed", "only http and https URLs may be fetched, got '" + scheme + ":'", false);
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) throw new FetchException("origin_not_allowed", "URL has no host: " + uri, false);
    if (uri.getUserInfo() != null) throw new FetchException("origin_not_allowed", "URLs with credentials are refused", false);
    int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    String h = host.toLowerCase(Locale.ROOT);
    if (allowed.stream().noneMatch(o -> o.matches(scheme, h, port))) {
      throw new FetchException("origin_not_allowed",
          "origin " + scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + port)
              + " is not in ENHANCER_ALLOWED_ORIGINS", false);
    }
    return h;
  }

  static boolean internal(InetAddress a) {
    if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet6Address) {
      return (b[0] & 0xFE) == 0xFC; // unique local fc00::/7
    }
    int first = b[0] & 0xFF;
    int second = b[1] & 0xFF;
    return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 169 && second == 254)
        || (first == 198 && (second == 18 || second == 19)) || first >= 240;
  }

  /** One entry of the allow-list; {@code *.} at the start of the host matches any subdomain. */
  record AllowedOrigin(String scheme, String host, int port) {
    static AllowedOrigin parse(String origin) {
      URI uri = URI.create(origin.trim().replace("://*.", "://wildcard."));
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
        throw new IllegalArgumentException("ENHANCER_ALLOWED_ORIGINS entry must look like https://host[:port], got '"
            + origin + "'");
      }
      String host = uri.getHost().toLowerCase(Locale.ROOT).replaceFirst("^wildcard\\.", "*.");
      int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
      return new AllowedOrigin(scheme, host, port);
    }

    boolean matches(String s, String h, int p) {
      if (!scheme.equals(s) || port != p) return false;
      return host.startsWith("*.") ? h.endsWith(host.substring(1)) : host.equals(h);
    }
  }
}
