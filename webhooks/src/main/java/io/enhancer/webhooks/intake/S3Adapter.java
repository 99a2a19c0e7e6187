package io.enhancer.webhooks.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enhancer.webhooks.signing.SnsMessage;
import io.enhancer.webhooks.signing.SnsMessageVerifier;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * S3 event notifications ({@code Records[].eventName ObjectCreated:*}, {@code s3.bucket.name}, {@code s3.object.key}),
 * posted directly or wrapped in an SNS HTTP(S) notification ({@code "Type":"Notification","Message":"<json>"}).
 * Every SNS message is verified as SNS's own before anything in it is used, and only the verified fields are used;
 * a verified {@code SubscriptionConfirmation} is reported for confirmation, never fetched here.
 */
final class S3Adapter implements PayloadAdapter {
    private final ObjectMapper json;
    private final SnsMessageVerifier sns;

    S3Adapter(ObjectMapper json, SnsMessageVerifier sns) {
        this.json = json;
        this.sns = sns;
    }

    @Override
    public AdapterResult adapt(PayloadNode body, AdapterContext context) {
        String snsType = SnsEnvelope.type(body);
        if (snsType == null) {
            return s3Notification(body, context);
        }
        if (!SnsMessage.isSignedType(snsType)) {
            return new AdapterResult.Ignored("unsupported SNS message type " + snsType.strip());
        }
        SnsMessage message = SnsEnvelope.read(body, snsType);
        sns.verify(message);
        return switch (snsType) {
            case SnsMessage.NOTIFICATION -> s3Notification(unwrap(message), context);
            case SnsMessage.SUBSCRIPTION_CONFIRMATION -> new AdapterResult.SubscriptionConfirmation(
                    new SnsSubscriptionRequest(context.source(), message.topicArn(), message.subscribeUrl(),
                            message.messageId(), context.receivedAt()));
            default -> new AdapterResult.Ignored("SNS unsubscribe confirmation");
        };
    }

    private PayloadNode unwrap(SnsMessage sns) {
        try {
            return new PayloadNode(json.readTree(sns.message()), "Message").requireObject();
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException("field Message must contain an S3 event notification (JSON)");
        }
    }

    private AdapterResult s3Notification(PayloadNode notification, AdapterContext context) {
        if (!notification.has("Records")) {
            String testEvent = notification.optionalText("Event");
            if ("s3:TestEvent".equals(testEvent)) {
                return new AdapterResult.Ignored("S3 test event");
            }
            throw InvalidPayloadException.missing(notification.fieldPath("Records"));
        }
        List<AssetEvent> events = new ArrayList<>();
        String firstSkip = null;
        for (PayloadNode record : notification.array("Records")) {
            String eventName = record.text("eventName");
            PayloadNode s3 = record.object("s3");
            String bucket = s3.object("bucket").text("name");
            PayloadNode object = s3.object("object");
            String key = URLDecoder.decode(object.text("key"), StandardCharsets.UTF_8);
            String version = firstNonNull(object.optionalText("versionId"), object.optionalText("sequencer"),
                    object.optionalText("eTag"));
            Instant eventTime = record.optionalInstant("eventTime");
            String skip = !eventName.startsWith("ObjectCreated:") ? "unsupported event " + eventName
                    : !ImageTypes.hasImageExtension(key) ? "not an image: " + key : null;
            if (skip != null) {
                firstSkip = firstSkip != null ? firstSkip : skip;
                continue;
            }
            String reference = "s3://" + bucket + "/" + key;
            events.add(new AssetEvent(DerivedEventId.of(context.source(), bucket, key, version), context.source(),
                    AssetEvent.UPLOADED, reference, null, reference, null, null, null,
                    eventTime != null ? eventTime : context.receivedAt()));
        }
        if (events.isEmpty()) {
            return new AdapterResult.Ignored(firstSkip != null ? firstSkip : "no records");
        }
        return new AdapterResult.Events(events);
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
