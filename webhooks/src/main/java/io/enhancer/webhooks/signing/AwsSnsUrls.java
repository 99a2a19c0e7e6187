package io.enhancer.webhooks.signing;

import io.enhancer.webhooks.signing.SnsVerificationException.Reason;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The only addresses an SNS message may make us contact, by strict patterns (no suffix or substring matching): the
 * SigningCertURL and SubscribeURL must be https on exactly {@code sns.<region>.amazonaws.com} (China regions:
 * {@code .amazonaws.com.cn}) with no user info and no port, in the region of the message's TopicArn.
 */
public final class AwsSnsUrls {
    private static final String REGION = "[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}";
    private static final Pattern SNS_HOST = Pattern.compile("sns\\.(" + REGION + ")\\.amazonaws\\.com(\\.cn)?");
    private static final Pattern PEM_PATH = Pattern.compile("(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)+\\.pem");
    private static final Pattern TOPIC_ARN = Pattern.compile(
            "arn:aws(?:-cn|-us-gov)?:sns:(" + REGION + "):[0-9]{12}:[A-Za-z0-9_-]{1,256}(?:\\.fifo)?");

    private AwsSnsUrls() {
    }

    /** The region of an SNS topic ARN ({@code arn:aws:sns:<region>:<12-digit account>:<name>}). */
    public static String topicRegion(String topicArn) {
        Matcher arn = TOPIC_ARN.matcher(topicArn == null ? "" : topicArn);
        if (!arn.matches()) {
            throw new SnsVerificationException(Reason.TOPIC_NOT_ALLOWED,
                    "TopicArn '" + printable(topicArn) + "' is not an SNS topic ARN");
        }
        return arn.group(1);
    }

    /** The SigningCertURL as a URI, once it is an https {@code .pem} path on the SNS host of {@code region}. */
    public static URI signingCertificate(String url, String region) {
        URI uri = snsHttps(url, region, Reason.CERT_URL_NOT_ALLOWED, "SigningCertURL");
        if (uri.getRawQuery() != null || !PEM_PATH.matcher(uri.getRawPath()).matches()) {
            throw new SnsVerificationException(Reason.CERT_URL_NOT_ALLOWED,
                    "SigningCertURL must name a .pem file without query, got path '" + printable(uri.getRawPath())
                            + "'");
        }
        return uri;
    }

    /** The SubscribeURL as a URI, once it is an SNS {@code ConfirmSubscription} address of {@code region}. */
    public static URI subscribe(String url, String region) {
        URI uri = snsHttps(url, region, Reason.SUBSCRIBE_URL_NOT_ALLOWED, "SubscribeURL");
        String query = uri.getRawQuery();
        if (!"/".equals(uri.getRawPath()) || query == null || !("&" + query + "&").contains("&Action=ConfirmSubscription&")) {
            throw new SnsVerificationException(Reason.SUBSCRIBE_URL_NOT_ALLOWED,
                    "SubscribeURL must be an SNS ConfirmSubscription request (/?Action=ConfirmSubscription&...)");
        }
        return uri;
    }

    private static URI snsHttps(String url, String region, Reason reason, String field) {
        if (url == null) {
            throw new SnsVerificationException(reason, field + " is missing");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new SnsVerificationException(reason, field + " is not a valid URL");
        }
        if (!"https".equals(uri.getScheme())) {
            throw new SnsVerificationException(reason, field + " must use https, got '" + printable(uri.getScheme())
                    + ":'");
        }
        String host = uri.getHost();
        // the authority must be the bare host: no user info ("sns...@evil"), no port, nothing the parser dropped
        if (host == null || !host.equals(uri.getRawAuthority()) || uri.getRawFragment() != null) {
            throw new SnsVerificationException(reason, field + " must be https://sns.<region>.amazonaws.com/... "
                    + "without user info, port or fragment, got authority '" + printable(uri.getRawAuthority()) + "'");
        }
        Matcher sns = SNS_HOST.matcher(host);
        if (!sns.matches() || sns.group(1).startsWith("cn-") != (sns.group(2) != null)) {
            throw new SnsVerificationException(reason, field + " host '" + printable(host)
                    + "' is not sns.<region>.amazonaws.com");
        }
        if (!sns.group(1).equals(region)) {
            throw new SnsVerificationException(reason, field + " host '" + host + "' is not in the topic's region "
                    + region);
        }
        return uri;
    }

    /** Echo at most 100 printable ASCII characters of a sender's value in an error message. */
    static String printable(String value) {
        if (value == null) {
            return "";
        }
        String shown = value.replaceAll("[^\\x20-\\x7e]", "?");
        return shown.length() > 100 ? shown.substring(0, 100) + "..." : shown;
    }
}
