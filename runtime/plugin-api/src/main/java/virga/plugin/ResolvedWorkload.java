package virga.plugin;

import virga.component.values.Value;

/** A workload whose items are all linked: a plugin may call their exports (a message handler). */
public interface ResolvedWorkload extends WorkloadInfo {
  /**
   * Calls export {@code function} ({@code ns:pkg/iface@version#func}) of item {@code itemName} in
   * an instance from its pool; returns the result or null.
   */
  Value call(String itemName, String function, Value... args);
}
