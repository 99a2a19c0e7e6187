package io.enhancer.connector.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <key>} on the API and the operational endpoints; health, the signed
 * webhooks, the docs and the admin UI's static files are open. The role is left on the request for
 * {@link RoleInterceptor}.
 */
public class ApiKeyFilter extends OncePerRequestFilter {
  public static final String ROLE_ATTRIBUTE = "enhancer.role";
  public static final String KEY_ATTRIBUTE = "enhancer.key";
  private final ApiKeys keys;

  public ApiKeyFilter(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean guarded = path.startsWith("/api/") || path.startsWith("/actuator");
    boolean open = path.startsWith("/actuator/health") || "OPTIONS".equals(request.getMethod());
    return !guarded || open;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    String key = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    Optional<Role> role = key == null ? Optional.empty() : keys.roleOf(key);
    if (role.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setHeader("WWW-Authenticate", "Bearer");
      response.setContentType("application/json");
      String message = key == null ? "an API key is required (Authorization: Bearer <key>)" : "the API key is not valid";
      response.getWriter().write("{\"error\":\"unauthorized\",\"message\":\"" + message + "\"}");
      return;
    }
    String path = request.getRequestURI();
    if (path.startsWith(request.getContextPath() + "/actuator") && role.get() == Role.REVIEWER) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType("application/json");
      response.getWriter().write("{\"error\":\"forbidden\",\"message\":\"role reviewer may not read metrics\"}");
      return;
    }
    request.setAttribute(ROLE_ATTRIBUTE, role.get());
    request.setAttribute(KEY_ATTRIBUTE, ApiKeys.sha256(key));
    chain.doFilter(request, response);
  }
}
