package io.enhancer.engine.api;

/** Encoded image bytes plus the report. */
public record EnhanceResult(byte[] image, EnhanceReport report) {}
