package io.enhancer.webhooks.signing;

/** Header lookup, so verification does not depend on JAX-RS or servlet types. */
@FunctionalInterface
public interface RequestHeaders {
    /** The first value of the header (case-insensitive name), or null. */
    String first(String name);
}
