package io.enhancer.connector.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Issues and checks API keys. Keys are random 32-byte tokens; only their SHA-256 hash is stored. */
@Component
public class ApiKeys {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final ApiKeyMapper mapper;
  private final Clock clock;

  ApiKeys(ApiKeyMapper mapper, Clock clock) {
    this.mapper = mapper;
    this.clock = clock;
  }

  /** Creates a key and returns it in clear; this is the only moment the clear key exists. */
  public String issue(String name, Role role) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String key = "enh_" + HexFormat.of().formatHex(raw);
    register(name, key, role);
    return key;
  }

  /** Accepts a key chosen by the operator (ENHANCER_ADMIN_KEY). */
  public void register(String name, String key, Role role) {
    mapper.upsert(name, key.substring(0, Math.min(8, key.length())), sha256(key), role.id(), clock.instant());
  }

  public Optional<Role> roleOf(String key) {
    if (key == null || key.isBlank()) return Optional.empty();
    ApiKeyRow row = mapper.findActive(sha256(key));
    return row == null ? Optional.empty() : Optional.of(Role.parse(row.role()));
  }

  public boolean anyActive() {
    return mapper.countActive() > 0;
  }

  static String sha256(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JVM", e);
    }
  }
}
