package io.enhancer.connector.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet error page (a filter's sendError, an exception escaping a filter) in the API's error shape, whatever
 * the caller accepts; replaces Boot's Whitelabel page and its {timestamp, status, path} body.
 */
@RestController
class ApiErrorController implements ErrorController {

  @RequestMapping("${server.error.path:/error}")
  ResponseEntity<ApiError> error(HttpServletRequest request) {
    // Asked for directly, /error is just a path that is not there.
    int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = uri != null ? uri.toString() : request.getRequestURI();
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(ApiError.forStatus(status, path));
  }
}
