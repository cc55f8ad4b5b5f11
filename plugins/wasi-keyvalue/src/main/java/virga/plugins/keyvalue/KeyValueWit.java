package virga.plugins.keyvalue;

import java.util.List;
import virga.plugin.Wit;
import virga.plugin.WitWorld;
import virga.plugin.WorkloadItem;

/** The WIT both plugins serve: {@code wasi:keyvalue/store,atomics,batch@0.2.0-draft}. */
public final class KeyValueWit {
  /** The interfaces served, as a world entry. */
  public static final String SERVED = "wasi:keyvalue/store,atomics,batch@0.2.0-draft";

  /** {@code wasi:keyvalue/store}. */
  public static final String STORE = "wasi:keyvalue/store@0.2.0-draft";

  /** {@code wasi:keyvalue/atomics}. */
  public static final String ATOMICS = "wasi:keyvalue/atomics@0.2.0-draft";

  /** {@code wasi:keyvalue/batch}. */
  public static final String BATCH = "wasi:keyvalue/batch@0.2.0-draft";

  /** The class-path resource with the upstream WIT (WebAssembly/wasi-keyvalue v0.2.0-draft). */
  public static final String WIT = "/wit/wasi-keyvalue-0.2.0-draft/package.wit";

  private KeyValueWit() {}

  /** The plugins' world. */
  static WitWorld world() {
    return WitWorld.serving(SERVED);
  }

  /** Serves the three interfaces to {@code item}, buckets found by {@code opener}. */
  static void serve(WorkloadItem item, BucketOpener opener, Limits limits, Calls calls) {
    item.bindings().implement(STORE, new KvStore(opener, limits, calls));
    item.bindings().implement(ATOMICS, new KvAtomics(calls));
    item.bindings().implement(BATCH, new KvBatch(limits, calls));
  }

  /** The plugins' WIT documents. */
  static List<String> wit() {
    return List.of(Wit.resource(KeyValueWit.class, WIT));
  }
}
