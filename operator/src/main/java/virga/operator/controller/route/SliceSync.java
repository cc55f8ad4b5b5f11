package virga.operator.controller.route;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a Service's managed slices on the server what {@link DesiredSlices} says: creates the
 * missing ones, replaces those that differ, deletes the rest (none desired: all deleted).
 */
final class SliceSync {
  /** What one sync did; {@code kept} counts the slices already right. */
  record Result(int created, int replaced, int deleted, int kept) {
    /** Whether the Service has managed slices after the sync. */
    boolean managing() {
      return created + replaced + kept > 0;
    }

    boolean changed() {
      return created + replaced + deleted > 0;
    }
  }

  private SliceSync() {}

  static Result sync(SliceStore store, String namespace, String service, List<SliceSpec> desired) {
    Map<String, StoredSlice> existing = new LinkedHashMap<>();
    for (StoredSlice s : store.list(namespace, service)) {
      existing.put(s.content().name(), s);
    }
    int created = 0;
    int replaced = 0;
    int kept = 0;
    for (SliceSpec d : desired) {
      StoredSlice e = existing.remove(d.name());
      if (e == null) {
        store.create(d);
        created++;
      } else if (!e.content().equals(d)) {
        store.replace(d, e.resourceVersion());
        replaced++;
      } else {
        kept++;
      }
    }
    for (StoredSlice gone : existing.values()) {
      store.delete(namespace, gone.content().name());
    }
    return new Result(created, replaced, existing.size(), kept);
  }
}
