package io.enhancer.connector.intake;

import io.enhancer.connector.config.EnhancerProperties;
import io.enhancer.connector.dam.ImageSignature;
import io.enhancer.connector.dam.LocalFolderAssetStore;
import io.enhancer.webhooks.intake.AssetEvent;
import io.enhancer.webhooks.intake.AssetEventSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Polls the local DAM's inbox/ folder: each image file that has stopped changing is moved into originals/ and
 * handed to intake like a webhook event. Files that are not images stay where they are.
 */
@Component
@ConditionalOnExpression("'${enhancer.role:serve}' == 'serve' or '${enhancer.role:serve}' == 'api'")
class InboxWatcher implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(InboxWatcher.class);
  private static final Duration SETTLE = Duration.ofSeconds(1);
  private final LocalFolderAssetStore store;
  private final AssetEventSink sink;
  private final Clock clock;
  private final Duration interval;
  private ScheduledExecutorService timer;

  InboxWatcher(LocalFolderAssetStore store, AssetEventSink sink, Clock clock, EnhancerProperties properties) {
    this.store = store;
    this.sink = sink;
    this.clock = clock;
    this.interval = properties.inbox().pollInterval();
  }

  /** One pass over the inbox; returns how many files were taken in. */
  int scan() {
    List<Path> files;
    try (Stream<Path> listing = Files.list(store.inbox())) {
      files = listing.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).toList();
    } catch (IOException e) {
      log.warn("cannot list the inbox {}", store.inbox());
      return 0;
    }
    int taken = 0;
    for (Path file : files) {
      try {
        if (!settled(file) || !isImage(file)) continue;
        String id = UUID.randomUUID().toString();
        String reference = store.adoptFromInbox(file, id.substring(0, 8));
        sink.accept(new AssetEvent("inbox-" + id, "local", "asset.uploaded", reference, null, reference, null, null,
            null, clock.instant()));
        taken++;
      } catch (RuntimeException | IOException e) {
        log.warn("could not take {} from the inbox: {}", file.getFileName(), e.getMessage());
      }
    }
    return taken;
  }

  private boolean settled(Path file) throws IOException {
    return Files.getLastModifiedTime(file).toInstant().isBefore(clock.instant().minus(SETTLE));
  }

  private static boolean isImage(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return ImageSignature.sniff(in.readNBytes(16)).isPresent();
    }
  }

  @Override
  public synchronized void start() {
    timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "inbox-watcher"));
    timer.scheduleWithFixedDelay(this::scan, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdown();
      try {
        timer.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      timer = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return timer != null;
  }
}
