package io.enhancer.connector.jobs;

import io.enhancer.connector.dam.AssetStoreException;
import io.enhancer.connector.dam.FetchException;
import io.enhancer.connector.presets.ResolvedOptions;
import io.enhancer.engine.errors.EngineException;
import org.springframework.dao.DataAccessException;

/** Why a task failed, in the words stored on the image, and whether trying again could help. */
public record Failure(String code, String reason, boolean retryable) {

  public static Failure of(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && !(t instanceof EngineException || t instanceof FetchException
        || t instanceof AssetStoreException || t instanceof DataAccessException || t instanceof UnreadableTask
        || t instanceof ResolvedOptions.UnreadableForm)) {
      t = t.getCause();
    }
    if (t instanceof EngineException ee) return new Failure(ee.code(), ee.getMessage(), ee.retryable());
    if (t instanceof FetchException fe) return new Failure(fe.code(), fe.getMessage(), fe.retryable());
    if (t instanceof AssetStoreException ae) return new Failure("dam_error", ae.getMessage(), ae.retryable());
    if (t instanceof DataAccessException) return new Failure("database_error", "database unavailable", true);
    if (t instanceof UnreadableTask ut) return new Failure("unreadable_task", ut.getMessage(), false);
    if (t instanceof ResolvedOptions.UnreadableForm uf) return new Failure("unreadable_task", uf.getMessage(), false);
    return new Failure("internal_error", t.getClass().getSimpleName() + ": " + t.getMessage(), true);
  }

  /** A Kafka message that is not a task; retrying cannot fix it. */
  public static final class UnreadableTask extends RuntimeException {
    public UnreadableTask(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
