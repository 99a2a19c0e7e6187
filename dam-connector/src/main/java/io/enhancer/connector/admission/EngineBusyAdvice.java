package io.enhancer.connector.admission;

import io.enhancer.connector.api.ApiError;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A refused real-time run reads as 503 with Retry-After and the API's error body; ahead of the catch-all. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class EngineBusyAdvice {
  private final MeterRegistry meters;

  EngineBusyAdvice(MeterRegistry meters) {
    this.meters = meters;
  }

  @ExceptionHandler(EngineBusyException.class)
  ResponseEntity<ApiError> busy(EngineBusyException e) {
    meters.counter("enhancer.engine.refused").increment();
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", Long.toString(e.retryAfter().toSeconds()))
        .contentType(MediaType.APPLICATION_JSON)
        .body(new ApiError(EngineBusyException.CODE, e.getMessage()));
  }
}
