package io.enhancer.webhooks.intake;

import java.util.List;

/** The answer to a webhook that passed authentication and validation; each serialises to its documented JSON. */
public sealed interface IntakeOutcome {
    int status();

    /** 202 {@code {"accepted":N,"event_ids":[...]}}; {@code duplicates} is set when some of a batch were seen before. */
    record Accepted(int accepted, List<String> eventIds, Integer duplicates) implements IntakeOutcome {
        public Accepted {
            eventIds = List.copyOf(eventIds);
        }

        @Override
        public int status() {
            return 202;
        }
    }

    /** 200 {@code {"duplicate":true}}: every event in the request was taken before; nothing was created. */
    record Duplicate(boolean duplicate) implements IntakeOutcome {
        @Override
        public int status() {
            return 200;
        }
    }

    /** 202 {@code {"ignored":"<reason>"}}: valid, but nothing for us (non-image, unsupported event). */
    record Ignored(String ignored) implements IntakeOutcome {
        @Override
        public int status() {
            return 202;
        }
    }

    /** 200 {@code {"subscription_confirmed":true,"topic_arn":"..."}}: the host confirmed a verified subscription. */
    record SubscriptionConfirmed(boolean subscriptionConfirmed, String topicArn) implements IntakeOutcome {
        @Override
        public int status() {
            return 200;
        }
    }

    /** 200: an SNS subscription was recorded; someone must visit {@code subscribe_url}. */
    record SubscriptionPending(boolean subscriptionConfirmationRequired, String topicArn, String subscribeUrl)
            implements IntakeOutcome {
        @Override
        public int status() {
            return 200;
        }
    }
}
