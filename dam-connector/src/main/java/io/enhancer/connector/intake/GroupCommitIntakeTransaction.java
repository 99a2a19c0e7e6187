package io.enhancer.connector.intake;

import io.enhancer.webhooks.intake.IntakeTransaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Webhook requests that arrive together are committed together: each request thread queues its work (records,
 * images, outbox rows) and waits; a committer thread runs every work queued so far, up to a group, in one
 * transaction, commits once, and only then lets each request answer. Several committers run groups side by side
 * (one builds its group while another commits). The answer still follows the commit of what it
 * reports; the database does one commit for many requests. When any work of a group fails, the group is rolled
 * back and each work runs again in a transaction of its own, so only the failing request fails. Works must keep
 * every effect inside the transaction (they are run again after a rolled-back group).
 */
final class GroupCommitIntakeTransaction implements IntakeTransaction, AutoCloseable {
  private final TransactionTemplate tx;
  private final int groupMax;
  private final Duration commitWait;
  private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
  private final List<Thread> committers = new ArrayList<>();
  private volatile boolean closed;

  GroupCommitIntakeTransaction(TransactionTemplate tx, int committers, int groupMax, Duration commitWait) {
    this.tx = tx;
    this.groupMax = groupMax;
    this.commitWait = commitWait;
    for (int i = 0; i < committers; i++) {
      Thread committer = new Thread(this::commitGroups, "intake-group-commit-" + i);
      committer.setDaemon(true);
      committer.start();
      this.committers.add(committer);
    }
  }

  private static final class Pending<T> {
    final Supplier<T> work;
    final CompletableFuture<T> done = new CompletableFuture<>();

    Pending(Supplier<T> work) {
      this.work = work;
    }

    T runHere() {
      return work.get();
    }

    @SuppressWarnings("unchecked")
    void complete(Object result) {
      done.complete((T) result);
    }
  }

  @Override
  public <T> T run(Supplier<T> work) {
    if (closed) throw new IllegalStateException("the webhook intake is shutting down");
    Pending<T> pending = new Pending<>(work);
    queue.add(pending);
    try {
      return pending.done.get(commitWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) throw failure;
      if (e.getCause() instanceof Error error) throw error;
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the webhook's transaction did not commit within " + commitWait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the webhook's transaction");
    }
  }

  private void commitGroups() {
    List<Pending<?>> group = new ArrayList<>(groupMax);
    while (!closed || !queue.isEmpty()) {
      try {
        Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        group.add(first);
        queue.drainTo(group, groupMax - 1);
        commit(group);
      } catch (InterruptedException e) {
        if (closed) break;
      } catch (RuntimeException | Error e) {
        group.forEach(p -> p.done.completeExceptionally(e)); // never leave a request waiting for a dead group
      } finally {
        group.clear();
      }
    }
  }

  private void commit(List<Pending<?>> group) {
    if (group.size() == 1) {
      alone(group.get(0));
      return;
    }
    List<Object> results = new ArrayList<>(group.size());
    try {
      tx.executeWithoutResult(status -> {
        for (Pending<?> pending : group) results.add(pending.runHere());
      });
    } catch (RuntimeException groupFailed) {
      // Nothing of the group was kept: each request goes again on its own, so only a failing one fails.
      group.forEach(this::alone);
      return;
    }
    for (int i = 0; i < group.size(); i++) group.get(i).complete(results.get(i));
  }

  private void alone(Pending<?> pending) {
    try {
      pending.complete(tx.execute(status -> pending.runHere()));
    } catch (RuntimeException | Error e) {
      pending.done.completeExceptionally(e);
    }
  }

  /** Commits what is queued, then stops (the web server has drained its requests by then). */
  @Override
  public void close() throws InterruptedException {
    closed = true;
    long end = System.nanoTime() + commitWait.toNanos();
    for (Thread committer : committers) {
      committer.join(Math.max(1, (end - System.nanoTime()) / 1_000_000));
      committer.interrupt();
    }
  }
}
