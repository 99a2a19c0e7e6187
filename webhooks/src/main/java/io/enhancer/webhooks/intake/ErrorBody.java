package io.enhancer.webhooks.intake;

/** {@code {"error":"<code>","message":"<public message>"}} */
public record ErrorBody(String error, String message) {
}
