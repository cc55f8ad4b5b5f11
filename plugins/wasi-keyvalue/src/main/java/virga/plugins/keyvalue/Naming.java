package virga.plugins.keyvalue;

import virga.plugins.keyvalue.backend.KvException;
import virga.plugins.keyvalue.backend.Names;

/**
 * The physical bucket name of a guest's identifier on a shared backend. With {@code
 * bucket-prefix-per-namespace} on (the default), {@code <namespace>_<bucket>}: Kubernetes namespace
 * names hold no {@code _}, so two namespaces never meet. Off, the guest's name as is (what
 * wasmCloud does: every tenant on one NATS or Redis shares it).
 *
 * @param prefixPerNamespace whether names are prefixed
 */
record Naming(boolean prefixPerNamespace) {
  /** Setting {@code bucket-prefix-per-namespace}: anything but {@code false} is on. */
  static Naming from(String setting) {
    return new Naming(setting == null || !setting.trim().equalsIgnoreCase("false"));
  }

  /** The physical name of {@code bucket} (checked) for a workload in {@code namespace}. */
  String physical(String namespace, String bucket) throws KvException {
    Names.checkBucket(bucket);
    if (!prefixPerNamespace || namespace == null || namespace.isEmpty()) {
      return bucket;
    }
    return namespace + "_" + bucket;
  }
}
