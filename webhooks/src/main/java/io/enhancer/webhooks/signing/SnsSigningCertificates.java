package io.enhancer.webhooks.signing;

import io.enhancer.webhooks.signing.SnsVerificationException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * SNS signing certificates by SigningCertURL: fetched through the host's {@link SnsCertificateSource}, checked (an
 * X.509 certificate with an RSA key, inside its validity dates, subject CN an SNS name), then kept for {@code ttl}
 * in a bounded LRU, so a busy topic costs one fetch. Validity is checked again on every use.
 */
public final class SnsSigningCertificates {
    public static final int DEFAULT_MAX_ENTRIES = 32;
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    private static final Pattern SNS_COMMON_NAME =
            Pattern.compile("sns\\.amazonaws\\.com|sns\\.[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}\\.amazonaws\\.com(?:\\.cn)?");

    private final SnsCertificateSource source;
    private final Clock clock;
    private final Duration ttl;
    private final Map<URI, Cached> cache;

    private record Cached(X509Certificate certificate, Instant fetchedAt) {
    }

    public SnsSigningCertificates(SnsCertificateSource source, Clock clock) {
        this(source, clock, DEFAULT_MAX_ENTRIES, DEFAULT_TTL);
    }

    public SnsSigningCertificates(SnsCertificateSource source, Clock clock, int maxEntries, Duration ttl) {
        if (maxEntries < 1 || maxEntries > 1024) {
            throw new IllegalArgumentException("certificate cache size must be 1..1024, got " + maxEntries);
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("certificate cache TTL must be within (0, 1 day], got " + ttl);
        }
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = ttl;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<URI, Cached> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The checked certificate at an already allowed URL; throws {@link SnsVerificationException} naming why not. */
    public X509Certificate certificate(URI url) {
        Instant now = clock.instant();
        X509Certificate certificate = cached(url, now);
        if (certificate == null) {
            // fetched outside the lock: a slow fetch must not hold back messages whose certificate is cached
            certificate = parse(fetch(url), url);
            checkSubject(certificate, url);
            synchronized (cache) {
                cache.put(url, new Cached(certificate, now));
            }
        }
        checkValidity(certificate, now);
        return certificate;
    }

    private X509Certificate cached(URI url, Instant now) {
        synchronized (cache) {
            Cached cached = cache.get(url);
            if (cached == null) {
                return null;
            }
            if (!now.isBefore(cached.fetchedAt().plus(ttl))) {
                cache.remove(url);
                return null;
            }
            return cached.certificate();
        }
    }

    private byte[] fetch(URI url) {
        try {
            byte[] pem = source.fetch(url);
            if (pem == null || pem.length == 0) {
                throw new SnsVerificationException(Reason.CERTIFICATE_INVALID, "the certificate at " + url + " is empty");
            }
            return pem;
        } catch (IOException | RuntimeException e) {
            if (e instanceof SnsVerificationException rejected) {
                throw rejected;
            }
            throw new SnsVerificationException(Reason.CERTIFICATE_UNAVAILABLE,
                    "the SNS signing certificate at " + url + " could not be fetched; retry later", e);
        }
    }

    private static X509Certificate parse(byte[] pem, URI url) {
        try {
            var certificate = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
            if (!(certificate instanceof X509Certificate x509) || !"RSA".equals(x509.getPublicKey().getAlgorithm())) {
                throw new SnsVerificationException(Reason.CERTIFICATE_INVALID,
                        "the certificate at " + url + " is not an X.509 certificate with an RSA key");
            }
            return x509;
        } catch (CertificateException e) {
            throw new SnsVerificationException(Reason.CERTIFICATE_INVALID,
                    "the content at " + url + " is not an X.509 certificate");
        }
    }

    private static void checkSubject(X509Certificate certificate, URI url) {
        String subject = certificate.getSubjectX500Principal().getName();
        try {
            for (Rdn rdn : new LdapName(subject).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType()) && rdn.getValue() instanceof String cn
                        && SNS_COMMON_NAME.matcher(cn).matches()) {
                    return;
                }
            }
        } catch (InvalidNameException e) {
            // falls through: an unparseable subject names no SNS host
        }
        throw new SnsVerificationException(Reason.CERTIFICATE_INVALID, "the certificate at " + url
                + " is issued to '" + AwsSnsUrls.printable(subject) + "', not to sns.amazonaws.com");
    }

    private static void checkValidity(X509Certificate certificate, Instant now) {
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new SnsVerificationException(Reason.CERTIFICATE_INVALID,
                    "the SNS signing certificate expired on " + certificate.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new SnsVerificationException(Reason.CERTIFICATE_INVALID,
                    "the SNS signing certificate is not valid before " + certificate.getNotBefore().toInstant());
        }
    }
}
