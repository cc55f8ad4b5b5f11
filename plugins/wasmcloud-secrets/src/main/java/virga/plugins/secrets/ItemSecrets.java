package virga.plugins.secrets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The secret values one workload item was given at bind, as UTF-8 arrays that {@link #wipe}
 * overwrites, plus every {@link Secret} handed out from them, which {@link #wipe} closes too.
 */
final class ItemSecrets {
  private final Map<String, byte[]> values = new HashMap<>();
  private final List<Secret> issued = new ArrayList<>();
  private boolean wiped;

  ItemSecrets(Map<String, String> values) {
    values.forEach((k, v) -> this.values.put(k, v.getBytes(StandardCharsets.UTF_8)));
  }

  /** A fresh copy of the value at {@code key}, or null when there is none (or it was wiped). */
  synchronized Secret secret(String key) {
    byte[] v = values.get(key);
    if (v == null || wiped) {
      return null;
    }
    Secret s = new Secret(v);
    // closed handles need no wiping again; keep the list from growing with every call
    issued.removeIf(Secret::isClosed);
    issued.add(s);
    return s;
  }

  synchronized boolean has(String key) {
    return !wiped && values.containsKey(key);
  }

  synchronized int size() {
    return wiped ? 0 : values.size();
  }

  /** Overwrites every value and every handed-out copy; later lookups find nothing. */
  synchronized void wipe() {
    wiped = true;
    for (byte[] v : values.values()) {
      Arrays.fill(v, (byte) 0);
    }
    values.clear();
    for (Secret s : issued) {
      s.close();
    }
    issued.clear();
  }
}
