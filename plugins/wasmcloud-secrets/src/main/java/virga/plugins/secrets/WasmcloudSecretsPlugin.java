package virga.plugins.secrets;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import virga.plugin.HostPlugin;
import virga.plugin.PluginContext;
import virga.plugin.Wit;
import virga.plugin.WitInterface;
import virga.plugin.WitWorld;
import virga.plugin.WorkloadItem;

/**
 * Plugin {@code wasmcloud-secrets}: serves {@code wasmcloud:secrets/store,reveal@2.1.0} and the
 * label-addressed {@code wasmcloud:secrets/secret@2.1.0} from the config of the workload's {@code
 * wasmcloud:secrets} host-interface entries, which the operator filled from their {@code
 * secretFrom}: delivered at bind, per workload item, as wasmCloud's {@code WasmcloudSecrets} does.
 * Values never reach a log line, an error message or a metric tag; an unbind overwrites them.
 */
public final class WasmcloudSecretsPlugin implements HostPlugin {
  /** The plugin id. */
  public static final String ID = "wasmcloud-secrets";

  /** The key-addressed interface. */
  public static final String STORE = "wasmcloud:secrets/store@2.1.0";

  /** The interface that unwraps a secret. */
  public static final String REVEAL = "wasmcloud:secrets/reveal@2.1.0";

  /** The label-addressed interface. */
  public static final String SECRET = "wasmcloud:secrets/secret@2.1.0";

  /** The class-path resource declaring them. */
  static final String WIT = "/wit/wasmcloud-secrets-2.1.0/package.wit";

  private final Map<ItemKey, ItemSecrets> items = new ConcurrentHashMap<>();
  private volatile MeterRegistry registry;

  private record ItemKey(String workloadId, String itemName) {}

  /** The plugin; counting works before {@link #start} too (tests, embedders). */
  public WasmcloudSecretsPlugin() {
    registry = new SimpleMeterRegistry();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public WitWorld world() {
    // as wasmCloud declares it: an entry for [store, reveal] must fall in one served set
    return WitWorld.serving("wasmcloud:secrets/store,reveal@2.1.0", SECRET);
  }

  @Override
  public List<String> wit() {
    return List.of(Wit.resource(WasmcloudSecretsPlugin.class, WIT));
  }

  /** A labeled {@code secret} import comes as a named entry whose name is the label. */
  @Override
  public boolean supportsNamedInstances() {
    return true;
  }

  @Override
  public void start(PluginContext context) {
    registry = context.meterRegistry();
  }

  @Override
  public void onWorkloadItemBind(WorkloadItem item, Set<WitInterface> interfaces) {
    Map<String, String> dynamic = new HashMap<>();
    List<String> labels = new ArrayList<>();
    // a fixed order, so a duplicate key is reported the same way on every host
    List<WitInterface> ours =
        interfaces.stream()
            .filter(i -> i.namespace().equals("wasmcloud") && i.packageName().equals("secrets"))
            .sorted(Comparator.comparing(WitInterface::toString))
            .toList();
    boolean hasDynamic = false;
    for (WitInterface i : ours) {
      if (i.name() != null && i.interfaces().contains("secret")) {
        labels.add(i.name());
        continue;
      }
      if (i.name() != null) {
        continue;
      }
      hasDynamic = true;
      for (Map.Entry<String, String> e : i.config().entrySet()) {
        if (dynamic.putIfAbsent(e.getKey(), e.getValue()) != null) {
          // the key is the operator's, not secret; the values stay out of the message
          throw new IllegalArgumentException(
              "secret key \""
                  + e.getKey()
                  + "\" is set by more than one binding for component '"
                  + item.name()
                  + "' in workload '"
                  + item.workloadName()
                  + "'");
        }
      }
    }
    Map<String, String> values = new HashMap<>(dynamic);
    for (String label : labels) {
      String v = labelValue(ours, label);
      if (v == null) {
        throw new IllegalArgumentException(
            "component '"
                + item.name()
                + "' requires secret \""
                + label
                + "\" but it was not provided in its resolved bind-time config");
      }
      values.put(label, v);
    }
    if (labels.size() > 1) {
      throw new IllegalArgumentException(
          "component '"
              + item.name()
              + "' imports "
              + labels.size()
              + " labeled wasmcloud:secrets/secret instances "
              + new TreeSet<>(labels)
              + ": this host links one unlabeled wasmcloud:secrets/secret import per component"
              + " (labeled \"implements\" imports are not linked yet); use wasmcloud:secrets/store");
    }
    if (!hasDynamic && labels.isEmpty()) {
      return;
    }
    ItemSecrets secrets = new ItemSecrets(values);
    ItemSecrets previous = items.put(new ItemKey(item.workloadId(), item.name()), secrets);
    if (previous != null) {
      previous.wipe();
    }
    if (hasDynamic) {
      item.bindings()
          .implement(
              STORE, new SecretStore(secrets, calls("get", "found"), calls("get", "not-found")));
    }
    item.bindings().implement(REVEAL, new SecretReveal(calls("reveal", "revealed")));
    if (labels.size() == 1) {
      item.bindings()
          .implement(
              SECRET, new LabeledSecret(secrets, labels.get(0), calls("secret.get", "found")));
    }
  }

  @Override
  public void onWorkloadUnbind(String workloadId, Set<WitInterface> interfaces) {
    items
        .entrySet()
        .removeIf(
            e -> {
              if (e.getKey().workloadId().equals(workloadId)) {
                e.getValue().wipe();
                return true;
              }
              return false;
            });
  }

  @Override
  public void stop() {
    items.values().forEach(ItemSecrets::wipe);
    items.clear();
  }

  /** How many keys item {@code itemName} of workload {@code workloadId} holds (0 when unbound). */
  public int boundKeys(String workloadId, String itemName) {
    ItemSecrets s = items.get(new ItemKey(workloadId, itemName));
    return s == null ? 0 : s.size();
  }

  private static String labelValue(List<WitInterface> ours, String label) {
    for (WitInterface i : ours) {
      if (label.equals(i.name()) && i.config().containsKey(label)) {
        return i.config().get(label);
      }
    }
    return null;
  }

  private Counter calls(String function, String outcome) {
    // tags are function names and outcomes only: never a key, label or value
    return Counter.builder("virga.wasmcloud.secrets.calls")
        .description("Calls of wasmcloud:secrets by guests")
        .tag("function", function)
        .tag("outcome", outcome)
        .register(registry);
  }
}
