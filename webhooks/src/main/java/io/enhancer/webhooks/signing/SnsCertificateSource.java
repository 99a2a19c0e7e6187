package io.enhancer.webhooks.signing;

import java.io.IOException;
import java.net.URI;

/**
 * Fetches the PEM bytes at an SNS SigningCertURL that {@link AwsSnsUrls} already allowed. Implementations must bound
 * the whole fetch by a deadline and the body by a size limit, and must not follow redirects; the host provides one
 * (the connector uses its bounded origin fetcher), tests a local one.
 */
@FunctionalInterface
public interface SnsCertificateSource {
    /** @throws IOException when the certificate cannot be had now (the message is answered 503, so SNS retries) */
    byte[] fetch(URI certificateUrl) throws IOException;

    /** The default when the host configured none: every signed SNS message is refused, never trusted unverified. */
    static SnsCertificateSource unconfigured() {
        return url -> {
            throw new IOException("no SNS certificate source is configured");
        };
    }
}
