package io.enhancer.connector.intake;

import io.enhancer.webhooks.intake.PendingSnsSubscriptions;
import io.enhancer.webhooks.intake.SnsSubscriptionRequest;
import io.enhancer.webhooks.intake.SnsSubscriptions;
import java.net.URI;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SNS topic subscribing {@code /webhooks/s3} must be confirmed once by opening its SubscribeURL. The connector
 * never fetches it (the body is the sender's); it logs it for the operator, flagged when it is not an SNS host.
 */
final class SnsConfirmationLog implements SnsSubscriptions {
  private static final Logger log = LoggerFactory.getLogger(SnsConfirmationLog.class);
  private static final Pattern SNS_HOST = Pattern.compile("sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");
  private final PendingSnsSubscriptions pending = new PendingSnsSubscriptions();

  @Override
  public boolean confirmationRequested(SnsSubscriptionRequest request) {
    pending.confirmationRequested(request);
    if (isSnsUrl(request.subscribeUrl())) {
      log.warn("SNS topic {} asks to confirm its subscription to /webhooks/{}: open this URL once to confirm it: {}",
          request.topicArn(), request.source(), request.subscribeUrl());
    } else {
      log.warn("a SubscriptionConfirmation for /webhooks/{} names a SubscribeURL that is not an https SNS address; "
          + "not opening or showing it (topic {})", request.source(), request.topicArn());
    }
    return false;
  }

  static boolean isSnsUrl(String url) {
    try {
      URI uri = URI.create(url);
      return "https".equals(uri.getScheme()) && uri.getHost() != null && SNS_HOST.matcher(uri.getHost()).matches()
          && uri.getUserInfo() == null && (uri.getPort() == -1 || uri.getPort() == 443);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
