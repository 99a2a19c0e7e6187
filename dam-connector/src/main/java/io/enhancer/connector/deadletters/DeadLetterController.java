package io.enhancer.connector.deadletters;

import io.enhancer.connector.api.ApiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The dead-letter topic over the API, admin only: the same list and replay as {@code enhancer dlt}. */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
class DeadLetterController {
  private static final Set<String> REPLAY_KEYS = Set.of("since", "key", "dry_run", "from_beginning");
  private final DeadLetterReplay deadLetters;

  DeadLetterController(DeadLetterReplay deadLetters) {
    this.deadLetters = deadLetters;
  }

  @GetMapping
  List<DeadLetter> list(@RequestParam(defaultValue = "50") int limit) {
    return kafka(() -> deadLetters.list(limit));
  }

  /** Body (all optional): {@code {"since": "2026-03-01T00:00:00Z", "key": "42", "dry_run": true, "from_beginning": false}}. */
  @PostMapping("/replay")
  ReplayReport replay(@RequestBody(required = false) Map<String, Object> body) {
    Map<String, Object> options = body == null ? Map.of() : new HashMap<>(body);
    for (String name : options.keySet()) {
      if (!REPLAY_KEYS.contains(name)) {
        throw ApiException.badRequest("unknown field '" + name + "'; allowed: since, key, dry_run, from_beginning");
      }
    }
    ReplayOptions replay = new ReplayOptions(ReplayOptions.parseSince(text(options.get("since"), "since")),
        text(options.get("key"), "key"), flag(options.get("dry_run"), "dry_run"),
        flag(options.get("from_beginning"), "from_beginning"));
    return kafka(() -> deadLetters.replay(replay));
  }

  private static <T> T kafka(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (KafkaException e) {
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "kafka_unavailable",
          "the dead-letter topic cannot be read now: " + e.getMessage());
    }
  }

  private static String text(Object value, String field) {
    if (value == null) return null;
    if (value instanceof String s) return s;
    if (value instanceof Number n && field.equals("key")) return n.toString();
    throw ApiException.badRequest(field + " must be a string");
  }

  private static boolean flag(Object value, String field) {
    if (value == null) return false;
    if (value instanceof Boolean b) return b;
    throw ApiException.badRequest(field + " must be true or false");
  }
}
