package io.enhancer.connector.intake;

import io.enhancer.connector.dam.FetchException;
import io.enhancer.connector.dam.HttpOriginFetcher;
import io.enhancer.webhooks.intake.PendingSnsSubscriptions;
import io.enhancer.webhooks.intake.SnsSubscriptionRequest;
import io.enhancer.webhooks.intake.SnsSubscriptions;
import io.enhancer.webhooks.signing.AwsSnsUrls;
import io.enhancer.webhooks.signing.SnsVerificationException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confirms an SNS topic's subscription to {@code /webhooks/s3} by opening its SubscribeURL once. The intake hands
 * over only confirmations whose signature verified and whose URL is an SNS address of the topic's region; the
 * host is checked again here before anything is fetched. When the visit fails the URL is logged for the operator.
 */
final class SnsSubscriptionConfirmer implements SnsSubscriptions {
  private static final Logger log = LoggerFactory.getLogger(SnsSubscriptionConfirmer.class);
  private final SubscribeUrlVisitor visitor;
  private final PendingSnsSubscriptions pending = new PendingSnsSubscriptions();

  /** Opens a SubscribeURL; throws {@link FetchException} when it could not. */
  @FunctionalInterface
  interface SubscribeUrlVisitor {
    void visit(URI subscribeUrl);
  }

  SnsSubscriptionConfirmer(HttpOriginFetcher snsOnly) {
    this(url -> snsOnly.fetchDocument(url.toString(), "application/xml, text/xml, */*"));
  }

  SnsSubscriptionConfirmer(SubscribeUrlVisitor visitor) {
    this.visitor = visitor;
  }

  @Override
  public boolean confirmationRequested(SnsSubscriptionRequest request) {
    URI url;
    try {
      url = AwsSnsUrls.subscribe(request.subscribeUrl(), AwsSnsUrls.topicRegion(request.topicArn()));
    } catch (SnsVerificationException e) {
      log.warn("a SubscriptionConfirmation for /webhooks/{} names a SubscribeURL that is not an SNS address ({}); "
          + "not opening it (topic {})", request.source(), e.getMessage(), request.topicArn());
      return false;
    }
    try {
      visitor.visit(url);
    } catch (FetchException e) {
      pending.confirmationRequested(request);
      log.warn("could not confirm the subscription of SNS topic {} to /webhooks/{} ({}): open this URL once to "
          + "confirm it: {}", request.topicArn(), request.source(), e.getMessage(), url);
      return false;
    }
    log.info("confirmed the subscription of SNS topic {} to /webhooks/{}", request.topicArn(), request.source());
    return true;
  }

  PendingSnsSubscriptions pending() {
    return pending;
  }
}
