package io.enhancer.connector.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <key>} on the API and the operational endpoints; the signed webhooks,
 * the docs and the admin UI's static files are open. Health is open too, but a valid key there makes the caller
 * known to the actuator, which shows details only to roles that may read it. The role is left on the request for
 * {@link RoleInterceptor} and as the request's principal and role.
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
    return !guarded || "OPTIONS".equals(request.getMethod());
  }

  private static boolean health(HttpServletRequest request) {
    return request.getRequestURI().startsWith(request.getContextPath() + "/actuator/health");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    String key = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    Optional<Role> role = key == null ? Optional.empty() : keys.roleOf(key);
    if (health(request)) {
      // Probes carry no key: never refused here, only shown less.
      if (role.isPresent() && role.get().readsOperations()) {
        chain.doFilter(new KeyHolderRequest(request, role.get()), response);
      } else {
        StatusOnlyHealth.serve(request, response, chain);
      }
      return;
    }
    if (role.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setHeader("WWW-Authenticate", "Bearer");
      response.setContentType("application/json");
      String message = key == null ? "an API key is required (Authorization: Bearer <key>)" : "the API key is not valid";
      response.getWriter().write("{\"error\":\"unauthorized\",\"message\":\"" + message + "\"}");
      return;
    }
    String path = request.getRequestURI();
    if (path.startsWith(request.getContextPath() + "/actuator") && !role.get().readsOperations()) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType("application/json");
      response.getWriter().write("{\"error\":\"forbidden\",\"message\":\"role reviewer may not read metrics\"}");
      return;
    }
    request.setAttribute(ROLE_ATTRIBUTE, role.get());
    request.setAttribute(KEY_ATTRIBUTE, ApiKeys.sha256(key));
    chain.doFilter(new KeyHolderRequest(request, role.get()), response);
  }

  /** The caller as the servlet API names it: a principal per role, {@code isUserInRole} true for its own role. */
  static final class KeyHolderRequest extends HttpServletRequestWrapper {
    private final Role role;

    KeyHolderRequest(HttpServletRequest request, Role role) {
      super(request);
      this.role = role;
    }

    @Override
    public Principal getUserPrincipal() {
      return () -> "api-key:" + role.id();
    }

    @Override
    public boolean isUserInRole(String name) {
      String bare = name != null && name.startsWith("ROLE_") ? name.substring(5) : name;
      return role.id().equalsIgnoreCase(bare);
    }
  }
}
