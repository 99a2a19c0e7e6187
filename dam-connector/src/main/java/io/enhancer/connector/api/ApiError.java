package io.enhancer.connector.api;

/** The body of every error answer: a stable code and a message naming the problem. */
public record ApiError(String error, String message) {}
