package virga.plugins.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import virga.plugin.WitInterface;
import virga.plugins.messaging.broker.Subjects;

/**
 * A handler's messaging settings, each read from the item's {@code localResources.config} first,
 * then from its {@code wasmcloud:messaging} host-interface entries (wasmCloud's keys).
 *
 * @param subscriptions {@code subscriptions}: subjects, split on {@code ,} and trimmed (wildcards
 *     allowed); empty = no subscription at all
 * @param consumerGroup {@code consumer_group}: a queue group, {@code broadcast}, or null for the
 *     default group
 * @param maxInFlight {@code max_in_flight}: empty = the host's per-component default
 * @param admissionWait {@code admission_wait}: how long a message may wait for a slot
 */
record HandlerConfig(
    List<String> subscriptions,
    String consumerGroup,
    OptionalInt maxInFlight,
    Duration admissionWait) {
  static final String SUBSCRIPTIONS = "subscriptions";
  static final String CONSUMER_GROUP = "consumer_group";
  static final String MAX_IN_FLIGHT = "max_in_flight";
  static final String ADMISSION_WAIT = "admission_wait";
  static final String BROADCAST = "broadcast";
  static final Duration DEFAULT_ADMISSION_WAIT = Duration.ofSeconds(30);
  static final Duration MAX_ADMISSION_WAIT = Duration.ofSeconds(600);

  HandlerConfig {
    subscriptions = List.copyOf(subscriptions);
  }

  /** Whether messages go to every subscriber ({@code consumer_group: broadcast}). */
  boolean broadcast() {
    return BROADCAST.equals(consumerGroup);
  }

  /**
   * Reads the settings of an item.
   *
   * @throws IllegalArgumentException naming the key and the bad value
   */
  static HandlerConfig read(Map<String, String> local, Set<WitInterface> interfaces) {
    Map<String, String> entries = merged(interfaces);
    String subs = value(SUBSCRIPTIONS, local, entries);
    String group = value(CONSUMER_GROUP, local, entries);
    String max = value(MAX_IN_FLIGHT, local, entries);
    String wait = value(ADMISSION_WAIT, local, entries);
    if (group != null) {
      ConsumerGroups.check(group);
    }
    return new HandlerConfig(subscriptions(subs), group, maxInFlight(max), admissionWait(wait));
  }

  private static String value(String key, Map<String, String> local, Map<String, String> entries) {
    String v = local.get(key);
    return v != null ? v : entries.get(key);
  }

  /** The messaging entries' config, the handler entry's winning, in a fixed order. */
  private static Map<String, String> merged(Set<WitInterface> interfaces) {
    Map<String, String> out = new java.util.HashMap<>();
    interfaces.stream()
        .filter(i -> i.namespace().equals("wasmcloud") && i.packageName().equals("messaging"))
        .sorted(
            Comparator.comparing((WitInterface i) -> i.interfaces().contains("handler"))
                .thenComparing(WitInterface::toString))
        .forEach(i -> out.putAll(i.config()));
    return out;
  }

  static List<String> subscriptions(String raw) {
    List<String> out = new ArrayList<>();
    if (raw == null) {
      return out;
    }
    for (String s : raw.split(",")) {
      String t = s.trim();
      if (t.isEmpty()) {
        continue;
      }
      try {
        Subjects.checkSubscribe(t);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(SUBSCRIPTIONS + ": " + e.getMessage(), e);
      }
      if (!out.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  static OptionalInt maxInFlight(String raw) {
    if (raw == null || raw.isBlank()) {
      return OptionalInt.empty();
    }
    int n;
    try {
      n = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          MAX_IN_FLIGHT + " must be a whole number of messages, got '" + raw + "'", e);
    }
    if (n < 0) {
      throw new IllegalArgumentException(MAX_IN_FLIGHT + " must not be negative, got " + n);
    }
    // wasmCloud spells zero as unset: a gate that admits nothing is never what was meant
    return n == 0 ? OptionalInt.empty() : OptionalInt.of(n);
  }

  /** {@code 45s}, {@code 2m} or bare seconds; unset = 30 s, above 600 s = 600 s (clamped). */
  static Duration admissionWait(String raw) {
    if (raw == null || raw.isBlank()) {
      return DEFAULT_ADMISSION_WAIT;
    }
    String s = raw.trim();
    long unit = 1;
    if (s.endsWith("s")) {
      s = s.substring(0, s.length() - 1);
    } else if (s.endsWith("m")) {
      s = s.substring(0, s.length() - 1);
      unit = 60;
    }
    long n;
    try {
      n = Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          ADMISSION_WAIT + " must be seconds ('45', '45s') or minutes ('2m'), got '" + raw + "'",
          e);
    }
    if (n < 0) {
      throw new IllegalArgumentException(
          ADMISSION_WAIT + " must not be negative, got '" + raw + "'");
    }
    Duration d = Duration.ofSeconds(Math.min(n, MAX_ADMISSION_WAIT.getSeconds()) * unit);
    return d.compareTo(MAX_ADMISSION_WAIT) > 0 ? MAX_ADMISSION_WAIT : d;
  }
}
