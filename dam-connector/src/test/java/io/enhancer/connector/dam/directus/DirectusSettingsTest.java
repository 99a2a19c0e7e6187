package io.enhancer.connector.dam.directus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The setup command's arguments and the connector's Directus settings are checked before anything is called. */
class DirectusSettingsTest {

  @Test
  void setupReadsUrlAndAdminTokenFromTheEnvironmentAndGeneratesAConnectorToken() {
    DirectusSetup.Options options = DirectusSetup.Options.parse(List.of("--webhook-url", "http://127.0.0.1:8080/webhooks/directus"),
        Map.of("DIRECTUS_URL", "http://127.0.0.1:8055", "DIRECTUS_ADMIN_TOKEN", "admin-token"));
    assertThat(options.url()).isEqualTo("http://127.0.0.1:8055");
    assertThat(options.connectorToken()).hasSize(48);
    assertThat(options.folder()).isEqualTo("enhanced");
    assertThat(options.secretEnv()).isEqualTo("ENHANCER_WEBHOOK_SECRET");
  }

  @Test
  void setupRejectsUnknownOptionsAndMissingWebhookUrl() {
    assertThatThrownBy(() -> DirectusSetup.Options.parse(List.of("--url", "http://x", "--token", "t", "--hook", "y"),
        Map.of())).hasMessage("unknown option --hook");
    assertThatThrownBy(() -> DirectusSetup.Options.parse(List.of("--url=http://x", "--token=t"), Map.of()))
        .hasMessageStartingWith("missing --webhook-url");
    assertThatThrownBy(() -> DirectusSetup.Options.parse(List.of("--url=http://x", "--token=t",
        "--webhook-url=http://h/webhooks/directus", "--connector-token=short"), Map.of()))
        .hasMessage("--connector-token must be at least 24 characters, got 5");
  }

  @Test
  void commandWithoutSubcommandPrintsUsageAndExitsTwo() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = DirectusCommand.run(new String[] {"directus"}, Map.of(), System.out,
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: enhancer directus setup");
  }

  @Test
  void connectorNeedsATokenWhenDirectusIsConfigured() {
    assertThatThrownBy(() -> new DirectusProperties("https://cms.example.com", "", "", null, null, null, null))
        .hasMessageStartingWith("DIRECTUS_TOKEN is required when DIRECTUS_URL is set");
    assertThatThrownBy(() -> new DirectusProperties("cms.example.com", "t", "", null, null, null, null))
        .hasMessageStartingWith("DIRECTUS_URL must look like https://host[:port]");
    assertThat(new DirectusProperties("", "", "", null, null, null, null).enabled()).isFalse();
  }

  @Test
  void webhookSourceRefusesASecretTooShortForHs256() {
    DirectusProperties properties = new DirectusProperties("https://cms.example.com", "token", "too-short", null, null,
        null, null);
    assertThatThrownBy(() -> DirectusWebhookSource.settings(properties))
        .hasMessage("DIRECTUS_WEBHOOK_SECRET must be at least 32 characters (HS256 key), got 9");
  }

  @Test
  void reconciliationOfZeroIntervalIsOff() {
    assertThat(new DirectusProperties.Reconcile(java.time.Duration.ZERO, null, null).enabled()).isFalse();
    assertThat(new DirectusProperties.Reconcile(null, null, null).grace()).hasSeconds(30);
  }
}
