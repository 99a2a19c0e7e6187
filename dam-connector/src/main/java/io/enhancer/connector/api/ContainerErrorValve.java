package io.enhancer.connector.api;

import io.enhancer.connector.security.SecurityHeaders;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error report in the API's JSON shape, for what Tomcat answers itself before any filter or servlet runs:
 * a path it refuses to decode (an encoded "/" or "../"), a request line it cannot parse. Carries the security
 * headers too, since the filter that normally sets them never ran.
 */
final class ContainerErrorValve extends ErrorReportValve {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final SecurityHeaders headers;

  ContainerErrorValve(SecurityHeaders headers) {
    this.headers = headers;
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    // As Tomcat's own: nothing for success, nothing over a body already written, nothing for an error status set
    // without sendError (a deliberate empty answer) or already reported, nothing once I/O is gone.
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) return;
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) return;
    try {
      response.setContentType("application/json");
      response.setCharacterEncoding("utf-8");
      headers.apply(response);
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(JSON.writeValueAsString(ApiError.forStatus(status, request.getDecodedRequestURI())));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone or the response already went out: nothing left to tell
    }
  }
}
