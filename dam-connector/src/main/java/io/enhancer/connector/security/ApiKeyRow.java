package io.enhancer.connector.security;

import java.time.Instant;

/** A stored API key: only its SHA-256 hash and a short prefix to recognise it by are kept. */
public record ApiKeyRow(Long id, String name, String keyPrefix, String keyHash, String role, Instant createdAt,
                        Instant revokedAt) {}
