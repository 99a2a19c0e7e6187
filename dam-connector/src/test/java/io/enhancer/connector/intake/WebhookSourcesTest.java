package io.enhancer.connector.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enhancer.connector.dam.directus.DirectusProperties;
import io.enhancer.connector.dam.directus.DirectusWebhookSource;
import io.enhancer.webhooks.intake.AssetEvent;
import io.enhancer.webhooks.intake.InMemoryProcessedEventStore;
import io.enhancer.webhooks.intake.IntakeOutcome;
import io.enhancer.webhooks.intake.SourceSettings;
import io.enhancer.webhooks.intake.WebhookIntake;
import io.enhancer.webhooks.intake.WebhookIntakeConfig;
import io.enhancer.webhooks.signing.AuthenticationException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Which webhook sources the connector's settings configure, and that the Directus secret really authenticates. */
class WebhookSourcesTest {
  static final String DIRECTUS_SECRET = "directus-flow-secret-0123456789abcdef";
  final Clock clock = Clock.systemUTC();

  @Test
  void noCredentialMeansNoIntake() {
    MockEnvironment settings = new MockEnvironment().withProperty("WEBHOOK_SECRET", " ")
        .withProperty("WEBHOOK_STRAPI_BASE_URL", "https://cms.example.com");
    assertThat(WebhookSources.intakeConfig(settings, List.of(), clock)).isEmpty();
  }

  @Test
  void readsTheSnsTopicAllowListThroughSpringsResolver() {
    WebhookIntakeConfig config = WebhookSources.intakeConfig(new MockEnvironment()
        .withProperty("WEBHOOK_S3_TOKEN", "s3-token-0123456789")
        .withProperty("ENHANCER_SNS_TOPIC_ARNS", "arn:aws:sns:eu-west-1:123456789012:photos"), List.of(), clock)
        .orElseThrow();
    assertThat(config.snsTopicArns()).containsExactly("arn:aws:sns:eu-west-1:123456789012:photos");
    assertThatThrownBy(() -> WebhookSources.intakeConfig(new MockEnvironment()
        .withProperty("WEBHOOK_S3_TOKEN", "s3-token-0123456789")
        .withProperty("ENHANCER_SNS_TOPIC_ARNS", "photos"), List.of(), clock))
        .hasMessageContaining("ENHANCER_SNS_TOPIC_ARNS").hasMessageContaining("got 'photos'");
  }

  @Test
  void directusSourceFromItsSecretAcceptsTheFlowsJwtAndBuildsAssetUrlsUnderDirectusUrl() throws Exception {
    SourceSettings directusSource = DirectusWebhookSource.settings(new DirectusProperties("https://cms.example.com",
        "connector-token", DIRECTUS_SECRET, null, null, null, null));
    WebhookIntakeConfig config = WebhookSources.intakeConfig(new MockEnvironment(), List.of(directusSource), clock)
        .orElseThrow();
    assertThat(config.sourceNames()).containsExactly("directus");
    List<AssetEvent> taken = new CopyOnWriteArrayList<>();
    WebhookIntake intake = new WebhookIntake(config, new InMemoryProcessedEventStore(), taken::add);
    byte[] body = ("{\"event\":\"files.upload\",\"key\":\"9a1c-44\",\"collection\":\"directus_files\","
        + "\"payload\":{\"type\":\"image/png\",\"filename_download\":\"shoe.png\",\"sku_id\":\"SKU-7\"}}")
        .getBytes(StandardCharsets.UTF_8);

    String jwt = jwt(DIRECTUS_SECRET, clock.instant().getEpochSecond());
    IntakeOutcome outcome = intake.receive("directus", name -> name.equalsIgnoreCase("Authorization")
        ? "Bearer " + jwt : null, body.length, new ByteArrayInputStream(body));
    assertThat(outcome).isInstanceOf(IntakeOutcome.Accepted.class);
    assertThat(taken).singleElement().satisfies(e -> {
      assertThat(e.sourceUrl()).isEqualTo(URI.create("https://cms.example.com/assets/9a1c-44").toString());
      assertThat(e.skuId()).isEqualTo("SKU-7");
    });

    String forged = jwt("another-secret-of-the-same-length-000", clock.instant().getEpochSecond());
    assertThatThrownBy(() -> intake.receive("directus", name -> name.equalsIgnoreCase("Authorization")
        ? "Bearer " + forged : null, body.length, new ByteArrayInputStream(body)))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void environmentNamesWinOverContributedSources() {
    MockEnvironment settings = new MockEnvironment()
        .withProperty("WEBHOOK_SECRET", "generic-secret-0123456789")
        .withProperty("WEBHOOK_DIRECTUS_TOKEN", "directus-static-token-0123")
        .withProperty("WEBHOOK_DIRECTUS_BASE_URL", "https://env.example.com");
    List<SourceSettings> contributed = List.of(
        SourceSettings.builder("directus").jwtSecrets(DIRECTUS_SECRET).publicBaseUrl("https://bean.example.com").build(),
        SourceSettings.builder("strapi").staticToken("X-Webhook-Token", "strapi-static-token-0123").build());

    WebhookIntakeConfig config = WebhookSources.intakeConfig(settings, contributed, clock).orElseThrow();
    assertThat(config.sourceNames()).containsExactly("directus", "generic", "strapi");
    assertThat(config.source("directus").orElseThrow().publicBaseUrl()).hasToString("https://env.example.com/");

    WebhookIntakeConfig beansOnly = WebhookSources.intakeConfig(new MockEnvironment(), contributed, clock)
        .orElseThrow();
    assertThat(beansOnly.sourceNames()).containsExactly("directus", "strapi");
    assertThat(beansOnly.source("directus").orElseThrow().publicBaseUrl()).hasToString("https://bean.example.com/");
  }

  private static String jwt(String secret, long now) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String head = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String claims = b64.encodeToString(("{\"iat\":" + now + ",\"exp\":" + (now + 300) + "}")
        .getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] signature = mac.doFinal((head + "." + claims).getBytes(StandardCharsets.UTF_8));
    return head + "." + claims + "." + b64.encodeToString(signature);
  }
}
