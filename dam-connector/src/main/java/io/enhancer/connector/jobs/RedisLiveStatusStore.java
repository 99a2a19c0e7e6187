package io.enhancer.connector.jobs;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import redis.clients.jedis.JedisPooled;
import tools.jackson.databind.json.JsonMapper;

/** Live status in Redis as JSON under {@code <prefix>:status:<image id>} with a TTL. */
public final class RedisLiveStatusStore implements LiveStatusStore, AutoCloseable {
  private final JedisPooled redis;
  private final Duration ttl;
  private final JsonMapper json;
  private final String prefix;

  public RedisLiveStatusStore(String redisUrl, String keyPrefix, Duration ttl, JsonMapper json) {
    this.prefix = keyPrefix + ":status:";
    this.redis = new JedisPooled(URI.create(redisUrl));
    this.ttl = ttl;
    this.json = json;
  }

  @Override
  public void put(LiveStatus status) {
    redis.setex(key(status.imageId()), Math.max(1, ttl.toSeconds()), json.writeValueAsString(status));
  }

  @Override
  public Optional<LiveStatus> get(long imageId) {
    String value = redis.get(key(imageId));
    return value == null ? Optional.empty() : Optional.of(json.readValue(value, LiveStatus.class));
  }

  @Override
  public boolean ping() {
    try {
      return "PONG".equalsIgnoreCase(redis.ping());
    } catch (RuntimeException e) {
      return false;
    }
  }

  public Duration ttlOf(long imageId) {
    return Duration.ofSeconds(redis.ttl(key(imageId)));
  }

  @Override
  public void close() {
    redis.close();
  }

  private String key(long imageId) {
    return prefix + imageId;
  }
}
