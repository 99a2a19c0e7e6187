package io.enhancer.connector.intake;

import io.enhancer.connector.dam.FetchException;
import io.enhancer.connector.dam.HttpOriginFetcher;
import io.enhancer.webhooks.signing.SnsCertificateSource;
import io.enhancer.webhooks.signing.SnsVerificationException;
import java.io.IOException;
import java.net.URI;

/**
 * SNS signing certificates through the SNS-only fetcher ({@link WebhookIntakeMount#snsFetcher}): one deadline for
 * the whole fetch, 64 KiB, no redirects, public addresses only. A definite refusal (404, too large, internal
 * address) is the sender's problem (403); a timeout or 5xx may pass (503, SNS retries).
 */
final class SnsCertificateFetcher implements SnsCertificateSource {
  private final HttpOriginFetcher snsOnly;

  SnsCertificateFetcher(HttpOriginFetcher snsOnly) {
    this.snsOnly = snsOnly;
  }

  @Override
  public byte[] fetch(URI certificateUrl) throws IOException {
    try {
      return snsOnly.fetchDocument(certificateUrl.toString(), "application/x-pem-file, */*");
    } catch (FetchException e) {
      if (e.retryable()) throw new IOException(e.getMessage(), e);
      throw new SnsVerificationException(SnsVerificationException.Reason.CERTIFICATE_INVALID,
          "the SNS signing certificate could not be used: " + e.getMessage());
    }
  }
}
