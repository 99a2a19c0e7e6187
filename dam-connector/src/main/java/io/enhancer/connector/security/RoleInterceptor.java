package io.enhancer.connector.security;

import io.enhancer.connector.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Checks the caller's role against {@link AllowedRoles}; an endpoint without the annotation is admin-only. */
public class RoleInterceptor implements HandlerInterceptor {

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method)) return true;
    if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) return true;
    Role role = (Role) request.getAttribute(ApiKeyFilter.ROLE_ATTRIBUTE);
    if (role == null) throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "an API key is required");
    if (role == Role.ADMIN) return true;
    AllowedRoles allowed = method.getMethodAnnotation(AllowedRoles.class);
    if (allowed == null) allowed = method.getBeanType().getAnnotation(AllowedRoles.class);
    if (allowed != null && Arrays.asList(allowed.value()).contains(role)) return true;
    throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "role " + role.id() + " may not call this endpoint");
  }
}
