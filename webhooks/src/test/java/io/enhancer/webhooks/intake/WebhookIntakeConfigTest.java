package io.enhancer.webhooks.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookIntakeConfigTest {

    @Test
    void readsSourcesFromTheEnvironment() {
        WebhookIntakeConfig config = WebhookIntakeConfig.builder().fromEnvironment(Map.of(
                "WEBHOOK_SECRET", "generic-secret-0123456789, generic-next-0123456789",
                "WEBHOOK_DIRECTUS_TOKEN", "directus-token-0123456789",
                "WEBHOOK_DIRECTUS_BASE_URL", "https://cms.example.com",
                "WEBHOOK_STRAPI_JWT_SECRET", "strapi-jwt-secret-0123456789abcdef0123",
                "WEBHOOK_MAX_BODY_BYTES", "2097152")).build();
        assertThat(config.sourceNames()).containsExactly("directus", "generic", "strapi");
        assertThat(config.maxBodyBytes()).isEqualTo(2_097_152);
        assertThat(config.source("generic").orElseThrow().hmacSecrets()).hasSize(2);
        assertThat(config.source("directus").orElseThrow().tokenHeader()).isEqualTo("X-Webhook-Token");
        assertThat(config.source("directus").orElseThrow().publicBaseUrl()).hasToString("https://cms.example.com/");
        assertThat(config.source("s3")).isEmpty();
    }

    @Test
    void readsTheSnsTopicAllowListAndRefusesAnEntryThatIsNoTopicArn() {
        WebhookIntakeConfig config = WebhookIntakeConfig.builder().fromEnvironment(Map.of(
                "WEBHOOK_S3_TOKEN", "s3-token-abcdefghijklmnop",
                "ENHANCER_SNS_TOPIC_ARNS", "arn:aws:sns:eu-west-1:123456789012:photos, "
                        + "arn:aws-cn:sns:cn-north-1:123456789012:fotos")).build();
        assertThat(config.snsTopicArns()).containsExactly("arn:aws:sns:eu-west-1:123456789012:photos",
                "arn:aws-cn:sns:cn-north-1:123456789012:fotos");
        assertThat(WebhookIntakeConfig.builder().source(SourceSettings.builder("s3").staticToken("Authorization",
                "s3-token-abcdefghijklmnop").build()).build().snsTopicArns()).as("default: any topic").isEmpty();
        assertThatThrownBy(() -> WebhookIntakeConfig.builder().fromEnvironment(Map.of(
                "ENHANCER_SNS_TOPIC_ARNS", "arn:aws:sns:eu-west-1:123456789012:photos,photos")))
                .hasMessageContaining("ENHANCER_SNS_TOPIC_ARNS").hasMessageContaining("got 'photos'");
    }

    @Test
    void defaultsTheBodyLimitToOneMebibyte() {
        WebhookIntakeConfig config = WebhookIntakeConfig.builder()
                .source(SourceSettings.builder("generic").hmacSecrets("generic-secret-0123456789").build()).build();
        assertThat(config.maxBodyBytes()).isEqualTo(1_048_576);
    }

    @Test
    void neverShowsSecretsInToString() {
        WebhookIntakeConfig config = WebhookIntakeConfig.builder().fromEnvironment(Map.of(
                "WEBHOOK_SECRET", "generic-secret-0123456789",
                "WEBHOOK_S3_TOKEN", "s3-token-abcdefghijklmnop")).build();
        assertThat(config.toString()).doesNotContain("generic-secret-0123456789").doesNotContain("s3-token-abcdefghijklmnop")
                .contains("hmacSecrets=1");
    }

    @Test
    void rejectsASourceWithoutAuthentication() {
        assertThatThrownBy(() -> SourceSettings.builder("generic").build())
                .hasMessageContaining("source 'generic' has no authentication");
    }

    @Test
    void rejectsBadValuesNamingThem() {
        assertThatThrownBy(() -> WebhookIntakeConfig.builder().maxBodyBytes(10))
                .hasMessage("maxBodyBytes must be 1024..67108864, got 10");
        assertThatThrownBy(() -> WebhookIntakeConfig.builder().fromEnvironment(Map.of("WEBHOOK_MAX_BODY_BYTES", "1MB")))
                .hasMessageContaining("got '1MB'");
        assertThatThrownBy(() -> SourceSettings.builder("My Source"))
                .hasMessageContaining("got 'My Source'");
        assertThatThrownBy(() -> SourceSettings.builder("shop").hmacSecrets("shop-secret-0123456789").build())
                .hasMessageContaining("set its format");
        assertThatThrownBy(() -> WebhookIntakeConfig.builder().build())
                .hasMessageContaining("at least one webhook source");
    }

    @Test
    void letsACustomSourceNameUseABuiltInFormat() {
        SourceSettings shop = SourceSettings.builder("shop-dam").format(PayloadFormat.GENERIC)
                .hmacSecrets("shop-secret-0123456789").build();
        assertThat(shop.format()).isEqualTo(PayloadFormat.GENERIC);
    }
}
