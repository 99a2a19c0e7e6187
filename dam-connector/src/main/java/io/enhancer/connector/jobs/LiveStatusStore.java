package io.enhancer.connector.jobs;

import java.util.Optional;

/** Live status of images being processed, each entry expiring after the configured time. */
public interface LiveStatusStore {
  void put(LiveStatus status);

  Optional<LiveStatus> get(long imageId);

  /** True when the store answers (for health). */
  boolean ping();
}
