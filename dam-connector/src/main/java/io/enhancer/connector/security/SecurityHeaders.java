package io.enhancer.connector.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The headers every answer carries (admin UI, API, errors): a Content-Security-Policy without inline script or
 * style, no sniffing, no framing, no referrer. Images may also come from HTTPS and from the configured public base
 * URLs, because enhanced_image_url points at a CDN when one is set; same-origin images arrive as blob: URLs.
 * The OpenAPI pages (Swagger UI, which sets inline styles: swagger-api/swagger-ui#10655) may also use inline
 * styles; their scripts are held to 'self' like everywhere else.
 */
public final class SecurityHeaders extends OncePerRequestFilter {
  private static final String CSP = "Content-Security-Policy";
  private final Map<String, String> headers;
  private final String docsPolicy;

  /** @param imageBaseUrls public base URLs renditions are linked under (blank ones are ignored) */
  public SecurityHeaders(List<String> imageBaseUrls) {
    Set<String> imageSources = new LinkedHashSet<>(List.of("'self'", "blob:", "data:", "https:"));
    for (String base : imageBaseUrls) {
      if (base == null || base.isBlank()) continue;
      URI uri = URI.create(base.trim());
      if (uri.getScheme() != null && uri.getHost() != null) {
        imageSources.add(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
      }
    }
    Map<String, String> h = new LinkedHashMap<>();
    String policy = "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; "
        + "base-uri 'self'; form-action 'self'; img-src " + String.join(" ", imageSources);
    h.put(CSP, policy);
    this.docsPolicy = policy + "; style-src 'self' 'unsafe-inline'";
    h.put("X-Content-Type-Options", "nosniff");
    h.put("X-Frame-Options", "DENY");
    h.put("Referrer-Policy", "no-referrer");
    this.headers = Map.copyOf(h);
  }

  public Map<String, String> headers() {
    return headers;
  }

  public void apply(HttpServletResponse response) {
    headers.forEach(response::setHeader);
  }

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false; // an error page rendered after a forward carries them too
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    apply(response);
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/swagger-ui/") || path.equals("/docs") || path.startsWith("/docs/")) {
      response.setHeader(CSP, docsPolicy);
    }
    chain.doFilter(request, response);
  }
}
