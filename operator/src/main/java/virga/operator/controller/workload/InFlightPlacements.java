package virga.operator.controller.workload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import virga.crds.v1alpha1.Workload;

/**
 * Host selections this operator made that the Workload informer cache may not show yet.
 *
 * <p>Sibling Workloads are reconciled in parallel; each counts its siblings' hosts from the cache,
 * where a selection written a moment ago is not yet visible, so two replicas created together would
 * both pick the same "emptiest" host. Every selection is booked here until the cache shows the
 * Workload with a host, the Workload is gone, or a generous time has passed. Not thread-safe: the
 * caller holds its monitor across counting, choosing and booking.
 */
final class InFlightPlacements {
  // far longer than an informer lags behind its own write; bounds what a lost write leaves
  static final Duration FORGET_AFTER = Duration.ofMinutes(2);

  private record Booking(
      String namespace, String name, Optional<String> owner, String hostId, Instant at) {}

  private final Map<String, Booking> byUid = new HashMap<>();
  private final Clock clock;

  InFlightPlacements(Clock clock) {
    this.clock = clock;
  }

  /**
   * Adds the bookings the cache does not show yet to {@code ownerReplicas} (those of {@code w}'s
   * owner, other than {@code w}) and to {@code hostWorkloads} (all), forgetting the rest.
   *
   * @param cached the cache's copy of a Workload by namespace and name, if any
   */
  void addUnseen(
      BiFunction<String, String, Optional<Workload>> cached,
      Workload w,
      Map<String, Integer> ownerReplicas,
      Map<String, Integer> hostWorkloads) {
    Optional<String> owner = HostSelector.controllerUid(w);
    Instant now = clock.instant();
    for (Iterator<Map.Entry<String, Booking>> it = byUid.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Booking> e = it.next();
      Booking b = e.getValue();
      if (!stillUnseen(e.getKey(), b, cached, now)) {
        it.remove();
        continue;
      }
      if (e.getKey().equals(w.getMetadata().getUid())) {
        continue; // an earlier choice for this very Workload that did not stick
      }
      hostWorkloads.merge(b.hostId(), 1, Integer::sum);
      if (owner.isPresent() && owner.equals(b.owner())) {
        ownerReplicas.merge(b.hostId(), 1, Integer::sum);
      }
    }
  }

  /** Books {@code hostId} for {@code w}, replacing any earlier booking of it. */
  void book(Workload w, String hostId) {
    byUid.put(
        w.getMetadata().getUid(),
        new Booking(
            w.getMetadata().getNamespace(),
            w.getMetadata().getName(),
            HostSelector.controllerUid(w),
            hostId,
            clock.instant()));
  }

  /** How many bookings are held, for tests. */
  int size() {
    return byUid.size();
  }

  private static boolean stillUnseen(
      String uid, Booking b, BiFunction<String, String, Optional<Workload>> cached, Instant now) {
    if (Duration.between(b.at(), now).compareTo(FORGET_AFTER) > 0) {
      return false;
    }
    Optional<Workload> copy = cached.apply(b.namespace(), b.name());
    if (copy.isEmpty() || !uid.equals(copy.get().getMetadata().getUid())) {
      return false; // deleted (perhaps replaced by a namesake)
    }
    return HostSelector.hostId(copy.get()).isEmpty();
  }
}
