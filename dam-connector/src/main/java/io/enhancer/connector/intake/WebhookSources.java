package io.enhancer.connector.intake;

import io.enhancer.webhooks.intake.IntakeObserver;
import io.enhancer.webhooks.intake.IntakeTransaction;
import io.enhancer.webhooks.intake.PayloadFormat;
import io.enhancer.webhooks.intake.PendingSnsSubscriptions;
import io.enhancer.webhooks.intake.SnsSubscriptions;
import io.enhancer.webhooks.intake.SourceSettings;
import io.enhancer.webhooks.intake.WebhookIntakeConfig;
import io.enhancer.webhooks.signing.SnsCertificateSource;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.env.PropertyResolver;

/**
 * The webhook sources from the connector's settings, in this order (a source named earlier wins):
 * <ol>
 *   <li>the webhooks module's environment names: {@code WEBHOOK_SECRET} (generic), {@code WEBHOOK_<S>_SECRET},
 *       {@code _TOKEN}, {@code _TOKEN_HEADER}, {@code _JWT_SECRET}, {@code _BASE_URL}, {@code WEBHOOK_MAX_BODY_BYTES},
 *       {@code ENHANCER_SNS_TOPIC_ARNS};</li>
 *   <li>{@link SourceSettings} beans other features contribute: the Directus DAM's {@code directus} source from
 *       {@code DIRECTUS_WEBHOOK_SECRET} (the Flow's HS256 JWT; asset URLs under {@code DIRECTUS_URL}).</li>
 * </ol>
 * Read through Spring's resolver, so the names work as environment variables, system properties and arguments.
 */
final class WebhookSources {
  private static final List<String> PER_SOURCE = List.of("SECRET", "TOKEN", "TOKEN_HEADER", "JWT_SECRET", "BASE_URL");
  private static final List<String> CREDENTIALS = List.of("SECRET", "TOKEN", "JWT_SECRET");

  private WebhookSources() {}

  /** Empty when no source has a credential: then every {@code /webhooks/*} request answers 404. */
  /** Without SNS certificates: every SNS message is refused (tests of the other sources). */
  static Optional<WebhookIntakeConfig> intakeConfig(PropertyResolver settings, List<SourceSettings> contributed,
                                                    Clock clock) {
    return intakeConfig(settings, contributed, clock, IntakeObserver.NONE, SnsCertificateSource.unconfigured(),
        new PendingSnsSubscriptions(), IntakeTransaction.NONE);
  }

  static Optional<WebhookIntakeConfig> intakeConfig(PropertyResolver settings, List<SourceSettings> contributed,
                                                    Clock clock, IntakeObserver observer,
                                                    SnsCertificateSource snsCertificates,
                                                    SnsSubscriptions snsSubscriptions,
                                                    IntakeTransaction transaction) {
    Map<String, String> env = environmentNames(settings);
    Set<String> named = fromEnvironment(env);
    WebhookIntakeConfig.Builder builder = WebhookIntakeConfig.builder().clock(clock).observer(observer)
        .snsCertificateSource(snsCertificates).snsSubscriptions(snsSubscriptions).transaction(transaction)
        .fromEnvironment(env);
    for (SourceSettings source : contributed) {
      if (named.add(source.name())) builder.source(source);
    }
    return named.isEmpty() ? Optional.empty() : Optional.of(builder.build());
  }

  /** The built-in sources {@code fromEnvironment} adds: those with at least one credential. */
  private static Set<String> fromEnvironment(Map<String, String> env) {
    Set<String> names = new TreeSet<>();
    for (PayloadFormat format : PayloadFormat.values()) {
      boolean credential = CREDENTIALS.stream().anyMatch(c -> env.containsKey("WEBHOOK_" + format.name() + "_" + c))
          || (format == PayloadFormat.GENERIC && env.containsKey("WEBHOOK_SECRET"));
      if (credential) names.add(format.name().toLowerCase(Locale.ROOT));
    }
    return names;
  }

  private static Map<String, String> environmentNames(PropertyResolver settings) {
    Map<String, String> env = new HashMap<>();
    put(env, settings, "WEBHOOK_SECRET");
    put(env, settings, "WEBHOOK_MAX_BODY_BYTES");
    put(env, settings, "ENHANCER_SNS_TOPIC_ARNS");
    for (PayloadFormat format : PayloadFormat.values()) {
      for (String suffix : PER_SOURCE) put(env, settings, "WEBHOOK_" + format.name() + "_" + suffix);
    }
    return env;
  }

  private static void put(Map<String, String> env, PropertyResolver settings, String name) {
    String value = settings.getProperty(name);
    if (value != null && !value.isBlank()) env.put(name, value.trim());
  }
}
