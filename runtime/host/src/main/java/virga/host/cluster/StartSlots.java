package virga.host.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Bounds concurrent starts ({@code --max-concurrent-starts}: compiling many components at once
 * starves everything else) and keeps track of the starts waiting for a slot, so that a status of
 * one says STARTING and a stop of one cancels it, as they would for a start in progress.
 */
final class StartSlots {
  /** A start's place: waiting for a slot, inside the host, or cancelled by a stop. */
  enum Phase {
    WAITING,
    ENTERED,
    CANCELLED
  }

  /** One start in the queue or in the host. */
  static final class Ticket {
    private Phase phase = Phase.WAITING;

    synchronized Phase phase() {
      return phase;
    }

    /** WAITING → CANCELLED; false when the start already entered the host. */
    synchronized boolean cancel() {
      if (phase == Phase.WAITING) {
        phase = Phase.CANCELLED;
      }
      return phase == Phase.CANCELLED;
    }

    /** WAITING → ENTERED; false when it was cancelled. */
    synchronized boolean enter() {
      if (phase == Phase.WAITING) {
        phase = Phase.ENTERED;
      }
      return phase == Phase.ENTERED;
    }
  }

  private final Semaphore slots;
  private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();

  StartSlots(int maxConcurrent) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException(
          "--max-concurrent-starts must be at least 1 (got " + maxConcurrent + ")");
    }
    slots = new Semaphore(maxConcurrent, true);
  }

  /** A ticket for {@code id}, or null when a start of {@code id} is already queued or running. */
  Ticket queue(String id) {
    Ticket t = new Ticket();
    return tickets.putIfAbsent(id, t) == null ? t : null;
  }

  /** Waits for a slot. */
  void acquire() throws InterruptedException {
    slots.acquire();
  }

  /** Gives back the slot and forgets the ticket. */
  void release(String id, Ticket t, boolean held) {
    tickets.remove(id, t);
    if (held) {
      slots.release();
    }
  }

  /** The start of {@code id} that is queued or in progress, or null. */
  Ticket ticket(String id) {
    return tickets.get(id);
  }

  /** How many starts wait for a slot (for a gauge). */
  int waiting() {
    return (int) tickets.values().stream().filter(t -> t.phase() == Phase.WAITING).count();
  }

  /** Cancels every waiting start (drain). */
  void cancelAll() {
    tickets.values().forEach(Ticket::cancel);
  }
}
