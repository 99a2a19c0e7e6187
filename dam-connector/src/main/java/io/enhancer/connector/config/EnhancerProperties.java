package io.enhancer.connector.config;

import io.enhancer.engine.options.OptionCatalogue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Service settings. Environment names in application.yml: ENHANCER_DATA_DIR, ENHANCER_MODELS_DIR,
 * ENHANCER_ADMIN_KEY, ENHANCER_ALLOWED_ORIGINS, REDIS_URL, WEBHOOK_SECRET, ENHANCER_ROLE, ...
 *
 * @param role                serve (API + workers), api (no workers), worker (workers; the API is also up), or
 *                            cli (the import command: neither workers nor inbox)
 * @param dataDir             where the embedded database, Kafka log and local DAM live
 * @param modelsDir           ONNX models, or blank for classical steps only
 * @param adminKey            an admin API key to accept; when blank and no key exists one is generated once
 * @param adminUiDir          folder with the admin UI files; blank serves classpath static/admin
 * @param redisUrl            redis://host:port for live status; blank keeps live status in this process
 * @param redisKeyPrefix      prefix of every Redis key (several deployments may share one Redis)
 * @param webhookSecret       shared secret of the generic webhook source
 * @param embeddedKafkaPort   port of the in-JVM broker when KAFKA_BOOTSTRAP_SERVERS is blank (controller: +1)
 * @param publicBaseUrl       prefix for enhanced_image_url (blank: a path relative to this service)
 * @param rateLimitPerMinute  real-time enhancement calls allowed per API key and minute
 */
@ConfigurationProperties("enhancer")
public record EnhancerProperties(
    String role,
    Path dataDir,
    Path modelsDir,
    String adminKey,
    Path adminUiDir,
    String redisUrl,
    String redisKeyPrefix,
    String webhookSecret,
    Integer embeddedKafkaPort,
    String publicBaseUrl,
    Integer rateLimitPerMinute,
    Fetch fetch,
    Enhancement enhancement,
    Jobs jobs,
    Inbox inbox) {

  public EnhancerProperties {
    role = role == null || role.isBlank() ? "serve" : role.trim().toLowerCase(Locale.ROOT);
    if (!List.of("serve", "api", "worker", "cli").contains(role)) {
      throw new IllegalArgumentException("ENHANCER_ROLE must be serve|api|worker|cli, got '" + role + "'");
    }
    dataDir = blank(dataDir) ? Path.of("data") : dataDir;
    modelsDir = blank(modelsDir) ? null : modelsDir;
    adminUiDir = blank(adminUiDir) ? null : adminUiDir;
    redisKeyPrefix = redisKeyPrefix == null || redisKeyPrefix.isBlank() ? "enhancer" : redisKeyPrefix;
    embeddedKafkaPort = embeddedKafkaPort == null ? 9092 : embeddedKafkaPort;
    publicBaseUrl = publicBaseUrl == null ? "" : publicBaseUrl.replaceAll("/+$", "");
    rateLimitPerMinute = rateLimitPerMinute == null ? 120 : rateLimitPerMinute;
    fetch = fetch == null ? new Fetch(null, false, null, null, null) : fetch;
    enhancement = enhancement == null ? new Enhancement(null, null, null, null) : enhancement;
    jobs = jobs == null ? new Jobs(null, null, null, null, null, null, null) : jobs;
    inbox = inbox == null ? new Inbox(null) : inbox;
  }

  private static boolean blank(Path p) {
    return p == null || p.toString().isBlank();
  }

  public boolean runsWorkers() {
    return role.equals("serve") || role.equals("worker");
  }

  public boolean hasRedis() {
    return redisUrl != null && !redisUrl.isBlank();
  }

  /** Rules for fetching originals over HTTP(S). */
  public record Fetch(List<String> allowedOrigins, boolean allowPrivateAddresses, Long maxBytes, Duration timeout,
                      Integer maxRedirects) {
    public Fetch {
      allowedOrigins = allowedOrigins == null ? List.of()
          : allowedOrigins.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
      maxBytes = maxBytes == null ? 50L * 1024 * 1024 : maxBytes;
      timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
      maxRedirects = maxRedirects == null ? 3 : maxRedirects;
    }
  }

  /**
   * Defaults applied to every enhancement unless a preset or request says otherwise.
   *
   * @param autoApproveThreshold 0..100; values up to 1 are read as a fraction (the seed used 0.85); unset: the
   *                             engine's default (OptionCatalogue.AUTO_APPROVE_THRESHOLD)
   */
  public record Enhancement(String defaultBackgroundColor, Integer targetMinDimension, Double autoApproveThreshold,
                            Boolean enableBackgroundRemoval) {
    public Enhancement {
      defaultBackgroundColor = defaultBackgroundColor == null || defaultBackgroundColor.isBlank()
          ? "#FFFFFF" : defaultBackgroundColor;
      targetMinDimension = targetMinDimension == null ? 1500 : targetMinDimension;
      autoApproveThreshold = autoApproveThreshold == null ? OptionCatalogue.defaultAutoApproveThreshold()
          : OptionCatalogue.autoApproveThreshold(autoApproveThreshold);
      enableBackgroundRemoval = enableBackgroundRemoval == null || enableBackgroundRemoval;
    }
  }

  /**
   * The job queue.
   *
   * @param deadLetterRetention how long the dead-letter topic keeps records (its retention.ms), at least 1 hour
   */
  public record Jobs(String topic, String deadLetterTopic, Integer partitions, Integer maxAttempts,
                     Duration initialBackoff, Duration liveStatusTtl, Duration deadLetterRetention) {
    public Jobs {
      topic = topic == null ? "enhancer.jobs" : topic;
      deadLetterTopic = deadLetterTopic == null ? topic + ".dlt" : deadLetterTopic;
      deadLetterRetention = deadLetterRetention == null ? Duration.ofDays(14) : deadLetterRetention;
      if (deadLetterRetention.compareTo(Duration.ofHours(1)) < 0) {
        throw new IllegalArgumentException("ENHANCER_DLT_RETENTION must be at least 1h, got " + deadLetterRetention);
      }
      partitions = partitions == null ? 6 : partitions;
      maxAttempts = maxAttempts == null ? 4 : maxAttempts;
      initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
      liveStatusTtl = liveStatusTtl == null ? Duration.ofHours(24) : liveStatusTtl;
    }
  }

  /** The local DAM's inbox folder. */
  public record Inbox(Duration pollInterval) {
    public Inbox {
      pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
    }
  }
}
