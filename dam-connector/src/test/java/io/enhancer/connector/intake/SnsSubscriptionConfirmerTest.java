package io.enhancer.connector.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enhancer.connector.dam.FetchException;
import io.enhancer.webhooks.intake.SnsSubscriptionRequest;
import io.enhancer.webhooks.signing.SnsVerificationException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The connector's side of SNS: confirming verified subscriptions, and a fetcher that reaches AWS hosts only. */
class SnsSubscriptionConfirmerTest {
  static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:photos";
  static final String SUBSCRIBE = "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + TOPIC
      + "&Token=2336412f37fb687f5d51e6e2425c464de12884";
  final List<URI> visited = new CopyOnWriteArrayList<>();

  static SnsSubscriptionRequest request(String subscribeUrl) {
    return new SnsSubscriptionRequest("s3", TOPIC, subscribeUrl, "m-1", Instant.parse("2026-03-01T12:00:00Z"));
  }

  @Test
  void opensTheSubscribeUrlOfAVerifiedConfirmationOnce() {
    SnsSubscriptionConfirmer confirmer = new SnsSubscriptionConfirmer(visited::add);
    assertThat(confirmer.confirmationRequested(request(SUBSCRIBE))).isTrue();
    assertThat(visited).containsExactly(URI.create(SUBSCRIBE));
    assertThat(confirmer.pending().pending()).isEmpty();
  }

  @Test
  void leavesTheSubscriptionPendingForTheOperatorWhenTheVisitFails() {
    SnsSubscriptionConfirmer confirmer = new SnsSubscriptionConfirmer(url -> {
      throw new FetchException("fetch_timeout", "took longer than the fetch timeout", true);
    });
    assertThat(confirmer.confirmationRequested(request(SUBSCRIBE))).isFalse();
    assertThat(confirmer.pending().pending()).extracting(SnsSubscriptionRequest::subscribeUrl).containsExactly(SUBSCRIBE);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://sns.eu-west-1.amazonaws.com.evil.example/?Action=ConfirmSubscription&Token=t",
      "http://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=t",
      "https://user@sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=t",
      "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=t",
      "https://169.254.169.254/?Action=ConfirmSubscription&Token=t",
      "not a url",
  })
  void neverOpensASubscribeUrlThatIsNotAnSnsAddressOfTheTopicsRegion(String url) {
    SnsSubscriptionConfirmer confirmer = new SnsSubscriptionConfirmer(visited::add);
    assertThat(confirmer.confirmationRequested(request(url))).isFalse();
    assertThat(visited).isEmpty();
  }

  @Test
  void theSnsFetcherRefusesAnSnsNameThatResolvesToAnInternalAddress() {
    SnsCertificateFetcher fetcher = new SnsCertificateFetcher(WebhookIntakeMount.snsFetcher(Duration.ofSeconds(2),
        host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")}));
    assertThatThrownBy(() -> fetcher.fetch(URI.create("https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-x.pem")))
        .isInstanceOf(SnsVerificationException.class).hasMessageContaining("internal address 127.0.0.1")
        .extracting("reason").isEqualTo(SnsVerificationException.Reason.CERTIFICATE_INVALID);
  }

  @Test
  void theSnsFetcherReachesAwsHostsOnly() {
    SnsCertificateFetcher fetcher = new SnsCertificateFetcher(WebhookIntakeMount.snsFetcher(Duration.ofSeconds(30),
        host -> new InetAddress[] {InetAddress.getByName("52.94.236.248")}));
    assertThatThrownBy(() -> fetcher.fetch(URI.create("https://d1234.cloudfront.net/SimpleNotificationService-x.pem")))
        .isInstanceOf(SnsVerificationException.class).hasMessageContaining("origin https://d1234.cloudfront.net");
  }
}
