package io.enhancer.connector.api;

import org.springframework.http.HttpStatus;

/** The body of every error answer: a stable code and a message naming the problem. */
public record ApiError(String error, String message) {

  /**
   * The answer for an error known only by its status: what the container rejects before the application sees the
   * request, or what reaches the error page. Nothing from the request but the path of a 404 is echoed.
   */
  public static ApiError forStatus(int status, String path) {
    return switch (status) {
      case 400 -> new ApiError("invalid_request", "the request is not valid HTTP, or its path is not allowed "
          + "(encoded '/', '\\\\' or '..' segments, control characters)");
      case 401 -> new ApiError("unauthorized", "an API key is required (Authorization: Bearer <key>)");
      case 403 -> new ApiError("forbidden", "this key may not do that");
      case 404 -> new ApiError("not_found", "no such path: " + shortened(path));
      case 405 -> new ApiError("method_not_allowed", "this method is not allowed on this path");
      case 413 -> new ApiError("limit_exceeded", "the request is larger than the limit");
      case 415 -> new ApiError("unsupported_media_type", "this content type is not accepted here");
      case 500 -> new ApiError("internal_error", "unexpected failure; see the service log");
      case 503 -> new ApiError("unavailable", "the service is not available right now; retry later");
      default -> {
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known == null ? "error " + status : known.getReasonPhrase();
        yield new ApiError(reason.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_"), reason);
      }
    };
  }

  private static String shortened(String path) {
    if (path == null || path.isEmpty()) return "/";
    return path.length() > 200 ? path.substring(0, 200) + "..." : path;
  }
}
