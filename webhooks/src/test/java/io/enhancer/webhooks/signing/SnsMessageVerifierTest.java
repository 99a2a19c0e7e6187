package io.enhancer.webhooks.signing;

import static io.enhancer.webhooks.SnsTestKeys.CERT_URL;
import static io.enhancer.webhooks.SnsTestKeys.TOPIC_ARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enhancer.webhooks.MutableClock;
import io.enhancer.webhooks.SnsTestKeys;
import io.enhancer.webhooks.SnsTestKeys.LocalCertificates;
import io.enhancer.webhooks.signing.SnsVerificationException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnsMessageVerifierTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String SENT = "2026-03-01T11:59:30.000Z";
    static final String S3_EVENT = "{\"Records\":[]}";

    private final MutableClock clock = new MutableClock(NOW);
    private final LocalCertificates certificates = new LocalCertificates().serve(CERT_URL, "signing");

    private SnsMessageVerifier verifier(List<String> topics) {
        return new SnsMessageVerifier(new SnsSigningCertificates(certificates, clock), topics,
                SnsMessageVerifier.DEFAULT_MAX_AGE, clock);
    }

    private SnsMessageVerifier verifier() {
        return verifier(List.of());
    }

    static SnsMessage message(Map<String, String> f) {
        return new SnsMessage(f.get("Type"), f.get("MessageId"), f.get("TopicArn"), f.get("Subject"), f.get("Message"),
                f.get("Timestamp"), f.get("Token"), f.get("SubscribeURL"), f.get("SignatureVersion"),
                f.get("Signature"), f.get("SigningCertURL"));
    }

    private static Map<String, String> notification() {
        return SnsTestKeys.notification("22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324", S3_EVENT, "Amazon S3 Notification",
                SENT);
    }

    private AbstractThrowableAssert<?, ?> assertRejected(SnsMessageVerifier verifier, Map<String, String> fields,
            Reason reason) {
        SnsVerificationException rejected = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> verifier.verify(message(fields)), SnsVerificationException.class);
        assertThat(rejected).as("rejected as " + reason).isNotNull();
        assertThat(rejected.reason()).as(rejected.getMessage()).isEqualTo(reason);
        return assertThat(rejected);
    }

    /**
     * Signatures made outside Java, from the string to sign typed out as AWS documents it: printf 'Message\n...
     * Type\nNotification\n' | openssl dgst -sha1|-sha256 -sign signing-key.pem | base64 (key: alias "signing").
     */
    static final String OPENSSL_V1 = "i6O4hMk0f7J66wlcAMnkMFaysa/CYiPUlL1/3tT+NUgMoc7KA/xSXcCygXpYLL5Koy51Y8OYaF2p2hrFwx"
            + "k89oAO5JlprPm7rdpmDyFCeKyLoUbX+HDICqNd7ht0Zkt6KodZbItyuUkokT5MrN3N0yrj4uElOSEQ5K6vixx8vnisZBT5/i4GgZ9QFhJIul"
            + "5FJejYWsvAoHk/JTgSn0Ur1jg1hM8ZT3qxJrf+hyz2EsS9Wzgrzq1jsD2+Az1PxYWlf3yjB1or2yRsrDvtoiDtjvLms9MJ/gneZYfahso8wL"
            + "b/TafhxxTd4djpNA21iVqc8VPo1nSLZ2alzdKmkMOTxA==";
    static final String OPENSSL_V2 = "Kb0Hv1VEVBow2Wtzr6D5PXfPmT/8EW/MseSCiqe0xSmDXgyGpQzKklE4/ZHeAuN3PXWQZh+N/V+6VaJLaa"
            + "T4z22oKKpLh48TWhjV6Xi9DhptK7g0A8F7S6/nWrlqLGWTpRvxRO7mulQhr3EOOPUvjHTTwn8qS0uTm6aaqIdJ/r0T/iJV3biAESmCnxGyH3"
            + "CnC/+EXqkrLJysKjl8nXt7CMWk13lvLLkCWzxAUtrJJdAqmwdoCW1aqdNVXx4KCbf/ADlJABJVLJr78ISWC4mmrewb2IalShlZME7ebZ58x7"
            + "yt/Tg7VFwqs3RR4URl8K4JmuiJPtVF1DmVjShyEm0BVQ==";

    @Test
    void acceptsNotificationsSignedByOpensslOverTheDocumentedStringToSign() {
        for (String[] version : new String[][] {{"1", OPENSSL_V1}, {"2", OPENSSL_V2}}) {
            Map<String, String> fields = new java.util.LinkedHashMap<>(notification());
            fields.put("SignatureVersion", version[0]);
            fields.put("Signature", version[1]);
            fields.put("SigningCertURL", CERT_URL);
            assertThatNoException().as("SignatureVersion " + version[0]).isThrownBy(() -> verifier().verify(message(fields)));
        }
        assertThat(SnsTestKeys.signature(notification(), "2", "signing")).as("the test signer agrees with openssl")
                .isEqualTo(OPENSSL_V2);
    }

    @Test
    void acceptsValidNotificationsOfBothSignatureVersionsWithAndWithoutSubject() {
        Map<String, String> noSubject = SnsTestKeys.notification("m-2", S3_EVENT, null, SENT);
        for (String version : List.of("1", "2")) {
            assertThatNoException().isThrownBy(() -> verifier().verify(message(
                    SnsTestKeys.signed(notification(), version, "signing", CERT_URL))));
            assertThatNoException().isThrownBy(() -> verifier().verify(message(
                    SnsTestKeys.signed(noSubject, version, "signing", CERT_URL))));
        }
    }

    @Test
    void acceptsSubscriptionConfirmationAndACertificateWithTheRegionalSnsName() {
        String regional = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-regional.pem";
        certificates.serve(regional, "regional");
        Map<String, String> confirmation = SnsTestKeys.subscriptionConfirmation("m-3", SENT);
        assertThatNoException().isThrownBy(() -> verifier().verify(message(
                SnsTestKeys.signed(confirmation, "1", "regional", regional))));
    }

    @Test
    void rejectsATamperedMessage() {
        Map<String, String> signed = SnsTestKeys.signed(notification());
        signed.put("Message", "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\"}]}");
        assertRejected(verifier(), signed, Reason.SIGNATURE_INVALID)
                .hasMessageContaining("signature does not match");
    }

    @Test
    void rejectsASubjectAddedOrAFieldChangedAfterSigning() {
        Map<String, String> withSubject = SnsTestKeys.signed(SnsTestKeys.notification("m-4", S3_EVENT, null, SENT));
        withSubject.put("Subject", "added later");
        assertRejected(verifier(), withSubject, Reason.SIGNATURE_INVALID);
        Map<String, String> otherId = SnsTestKeys.signed(notification());
        otherId.put("MessageId", "another-id");
        assertRejected(verifier(), otherId, Reason.SIGNATURE_INVALID);
        Map<String, String> otherVersion = SnsTestKeys.signed(notification(), "2", "signing", CERT_URL);
        otherVersion.put("SignatureVersion", "1");
        assertRejected(verifier(), otherVersion, Reason.SIGNATURE_INVALID);
    }

    @Test
    void rejectsAMessageSignedWithAnotherKeyThanTheCertificates() {
        assertRejected(verifier(), SnsTestKeys.signed(notification(), "2", "other", CERT_URL), Reason.SIGNATURE_INVALID);
    }

    @Test
    void rejectsGarbageSignatures() {
        Map<String, String> notBase64 = SnsTestKeys.signed(notification());
        notBase64.put("Signature", "not base64!");
        assertRejected(verifier(), notBase64, Reason.SIGNATURE_INVALID).hasMessageContaining("base64");
        Map<String, String> tooShort = SnsTestKeys.signed(notification());
        tooShort.put("Signature", "AAAA");
        assertRejected(verifier(), tooShort, Reason.SIGNATURE_INVALID);
    }

    @Test
    void rejectsAnExpiredCertificate() {
        certificates.serve(CERT_URL, "expired");
        assertRejected(verifier(), SnsTestKeys.signed(notification(), "2", "expired", CERT_URL),
                Reason.CERTIFICATE_INVALID).hasMessageContaining("expired on 2020-12-31");
    }

    @Test
    void rejectsACachedCertificateOnceItsValidityEnds() {
        SnsMessageVerifier verifier = verifier();
        verifier.verify(message(SnsTestKeys.signed(notification())));
        Instant after = SnsTestKeys.certificate("signing").getNotAfter().toInstant().plusSeconds(1);
        clock.set(after);
        Map<String, String> later = SnsTestKeys.notification("m-5", S3_EVENT, null, after.toString());
        assertRejected(verifier, SnsTestKeys.signed(later), Reason.CERTIFICATE_INVALID).hasMessageContaining("expired");
    }

    @Test
    void rejectsACertificateNotIssuedToSnsAndContentThatIsNoCertificate() {
        certificates.serve(CERT_URL, "wrong-cn");
        assertRejected(verifier(), SnsTestKeys.signed(notification(), "2", "wrong-cn", CERT_URL),
                Reason.CERTIFICATE_INVALID).hasMessageContaining("sns.amazonaws.com.evil.example");
        certificates.serve(CERT_URL, "<html>not found</html>".getBytes(StandardCharsets.UTF_8));
        assertRejected(verifier(), SnsTestKeys.signed(notification()), Reason.CERTIFICATE_INVALID)
                .hasMessageContaining("not an X.509 certificate");
    }

    @Test
    void answersUnavailableWhenTheCertificateCannotBeFetched() {
        SnsMessageVerifier verifier = new SnsMessageVerifier(new SnsSigningCertificates(url -> {
            throw new IOException("connect timed out");
        }, clock), List.of(), SnsMessageVerifier.DEFAULT_MAX_AGE, clock);
        assertRejected(verifier, SnsTestKeys.signed(notification()), Reason.CERTIFICATE_UNAVAILABLE)
                .hasMessageContaining("retry later");
    }

    @Test
    void rejectsAStaleTimestampAndOneFromTheFuture() {
        Map<String, String> hourOld = SnsTestKeys.notification("m-6", S3_EVENT, null, "2026-03-01T10:59:59.000Z");
        assertRejected(verifier(), SnsTestKeys.signed(hourOld), Reason.MESSAGE_STALE).hasMessageContaining("older than 3600 s");
        Map<String, String> justInside = SnsTestKeys.notification("m-7", S3_EVENT, null, "2026-03-01T11:00:01.000Z");
        assertThatNoException().isThrownBy(() -> verifier().verify(message(SnsTestKeys.signed(justInside))));
        Map<String, String> future = SnsTestKeys.notification("m-8", S3_EVENT, null, "2026-03-01T12:05:01.000Z");
        assertRejected(verifier(), SnsTestKeys.signed(future), Reason.MESSAGE_STALE).hasMessageContaining("future");
        Map<String, String> unparseable = SnsTestKeys.notification("m-9", S3_EVENT, null, "yesterday");
        assertRejected(verifier(), SnsTestKeys.signed(unparseable), Reason.MESSAGE_STALE).hasMessageContaining("ISO-8601");
        assertThat(certificates.totalFetches()).as("rejected before any fetch").isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://sns.eu-west-1.amazonaws.com/SimpleNotificationService-test.pem",
        "https://sns.evil.com/SimpleNotificationService-test.pem",
        "https://sns.eu-west-1.amazonaws.com.evil.net/SimpleNotificationService-test.pem",
        "https://sns.eu-west-1.amazonaws.com.cn/SimpleNotificationService-test.pem",
        "https://evil.net/sns.eu-west-1.amazonaws.com/SimpleNotificationService-test.pem",
        "https://evilsns.eu-west-1.amazonaws.com/SimpleNotificationService-test.pem",
        "https://sns.eu-west-1.amazonaws.com.:443/SimpleNotificationService-test.pem",
        "https://sns.eu-west-1.amazonaws.com./SimpleNotificationService-test.pem",
        "https://sns.eu-west-1.amazonaws.com@evil.net/SimpleNotificationService-test.pem",
        "https://user:pw@sns.eu-west-1.amazonaws.com/SimpleNotificationService-test.pem",
        "https://sns.eu-west-1.amazonaws.com:8443/SimpleNotificationService-test.pem",
        "https://sns.eu-west-1.amazonaws.com:443/SimpleNotificationService-test.pem",
        "https://sns.eu-west-1.amazonaws.com%2eevil.net/SimpleNotificationService-test.pem",
        "https://sns.eu-west-1.amazonaws.com\\@evil.net/SimpleNotificationService-test.pem",
        "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-test.pem",
        "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-test.txt",
        "https://sns.eu-west-1.amazonaws.com/redirect?to=SimpleNotificationService-test.pem",
        "https://sns.eu-west-1.amazonaws.com/x.pem?.pem",
        "https://sns.eu-west-1.amazonaws.com/x.pem#.pem",
        "https://sns.eu-west-1.amazonaws.com/%2e%2e/x.pem",
        "https://sns.eu-west-1.amazonaws.com/../x.pem",
        "https://169.254.169.254/latest/meta-data.pem",
        "https://[::1]/SimpleNotificationService-test.pem",
        "file:///etc/ssl/SimpleNotificationService-test.pem",
        "//sns.eu-west-1.amazonaws.com/SimpleNotificationService-test.pem",
    })
    void rejectsACertificateUrlOffTheSnsHostOfTheTopicsRegionWithoutFetchingIt(String url) {
        certificates.serve(url.replace("\\", "%5C"), "signing");
        assertRejected(verifier(), SnsTestKeys.signed(notification(), "2", "signing", url), Reason.CERT_URL_NOT_ALLOWED);
        assertThat(certificates.totalFetches()).isZero();
    }

    @Test
    void fetchesTheCertificateOnceForManyMessagesUntilTheCacheEntryExpires() {
        SnsMessageVerifier verifier = verifier();
        for (int i = 0; i < 50; i++) {
            verifier.verify(message(SnsTestKeys.signed(SnsTestKeys.notification("m-" + i, S3_EVENT, null, SENT))));
        }
        assertThat(certificates.fetches(CERT_URL)).isEqualTo(1);
        clock.advance(SnsSigningCertificates.DEFAULT_TTL);
        String now = clock.instant().toString();
        verifier.verify(message(SnsTestKeys.signed(SnsTestKeys.notification("m-after-ttl", S3_EVENT, null, now))));
        assertThat(certificates.fetches(CERT_URL)).isEqualTo(2);
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfCertificatesEvictingTheLeastRecentlyUsed() {
        SnsSigningCertificates cache = new SnsSigningCertificates(certificates, clock, 32, Duration.ofHours(1));
        SnsMessageVerifier verifier = new SnsMessageVerifier(cache, List.of(), SnsMessageVerifier.DEFAULT_MAX_AGE, clock);
        List<String> urls = new java.util.ArrayList<>();
        for (int i = 0; i <= 32; i++) {
            String url = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-" + i + ".pem";
            certificates.serve(url, "signing");
            urls.add(url);
            verifier.verify(message(SnsTestKeys.signed(notification(), "2", "signing", url)));
        }
        verifier.verify(message(SnsTestKeys.signed(notification(), "2", "signing", urls.get(32))));
        verifier.verify(message(SnsTestKeys.signed(notification(), "2", "signing", urls.get(0))));
        assertThat(certificates.fetches(urls.get(32))).as("recent entry kept").isEqualTo(1);
        assertThat(certificates.fetches(urls.get(0))).as("the 33rd entry evicted the first").isEqualTo(2);
    }

    @Test
    void takesOnlyAllowedTopicsAndRejectsOthersBeforeFetching() {
        SnsMessageVerifier allowList = verifier(List.of(TOPIC_ARN));
        assertThatNoException().isThrownBy(() -> allowList.verify(message(SnsTestKeys.signed(notification()))));
        Map<String, String> other = notification();
        other.put("TopicArn", "arn:aws:sns:eu-west-1:999999999999:photos");
        assertRejected(allowList, SnsTestKeys.signed(other), Reason.TOPIC_NOT_ALLOWED)
                .hasMessageContaining("not in ENHANCER_SNS_TOPIC_ARNS");
        Map<String, String> notAnArn = notification();
        notAnArn.put("TopicArn", "photos");
        assertRejected(verifier(), SnsTestKeys.signed(notAnArn), Reason.TOPIC_NOT_ALLOWED)
                .hasMessageContaining("not an SNS topic ARN");
        assertThat(certificates.totalFetches()).isEqualTo(1);
        assertThatThrownBy(() -> verifier(List.of("arn:aws:s3:::bucket"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("arn:aws:s3:::bucket");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=t",
        "https://sns.eu-west-1.amazonaws.com.evil.net/?Action=ConfirmSubscription&Token=t",
        "https://sns.eu-west-1.amazonaws.com@evil.net/?Action=ConfirmSubscription&Token=t",
        "https://sns.eu-west-1.amazonaws.com:8443/?Action=ConfirmSubscription&Token=t",
        "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=t",
        "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&Token=t",
        "https://127.0.0.1/?Action=ConfirmSubscription&Token=t",
    })
    void rejectsASubscriptionConfirmationWhoseSubscribeUrlIsNotSns(String url) {
        Map<String, String> confirmation = SnsTestKeys.subscriptionConfirmation("m-10", SENT);
        confirmation.put("SubscribeURL", url);
        assertRejected(verifier(), SnsTestKeys.signed(confirmation), Reason.SUBSCRIBE_URL_NOT_ALLOWED);
    }

    @Test
    void rejectsUnsignedMessagesAndUnknownSignatureVersions() {
        assertRejected(verifier(), notification(), Reason.SIGNATURE_MISSING).hasMessageContaining("not signed");
        Map<String, String> noCertUrl = SnsTestKeys.signed(notification());
        noCertUrl.remove("SigningCertURL");
        assertRejected(verifier(), noCertUrl, Reason.SIGNATURE_MISSING);
        Map<String, String> version3 = SnsTestKeys.signed(notification());
        version3.put("SignatureVersion", "3");
        assertRejected(verifier(), version3, Reason.SIGNATURE_VERSION_UNSUPPORTED).hasMessageContaining("got '3'");
        assertThat(certificates.totalFetches()).isZero();
    }
}
