package io.enhancer.webhooks.intake;

/** Turns one sender's verified JSON into asset events. Throws {@link InvalidPayloadException} naming the field. */
interface PayloadAdapter {
    AdapterResult adapt(PayloadNode body, AdapterContext context);
}
