package virga.operator.controller.workload;

import virga.crds.v1alpha1.RuntimeApi;

/** Annotations the workload controllers put on Workloads, beyond wasmCloud's. */
public final class WorkloadAnnotations {
  /**
   * On placed Workloads: the content hash of the ConfigMaps and Secrets the Workload was started
   * with (a digest, never the data); a different hash makes the controller update the workload live
   * or replace it.
   */
  public static final String CONFIG_HASH = RuntimeApi.GROUP + "/config-hash";

  private WorkloadAnnotations() {}
}
