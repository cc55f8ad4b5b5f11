package virga.operator.controller.workload;

import virga.crds.v1alpha1.Workload;
import virga.operator.config.SpecTrees;
import virga.protocol.manifest.ConfigSource;
import virga.protocol.manifest.MissingConfigException;
import virga.protocol.manifest.WorkloadMessages;
import virga.protocol.manifest.WorkloadObject;
import virga.protocol.v2.WorkloadStartRequest;

/**
 * Builds the {@code WorkloadStartRequest} for a Workload (wasmCloud's Placement step) with the
 * Workload's UID as workload id. The request itself comes from {@link WorkloadMessages}, which the
 * standalone host uses too, so both start a workload from the same message.
 */
public final class StartRequestBuilder {
  private StartRequestBuilder() {}

  /** The request for {@code workload}. */
  public static WorkloadStartRequest build(Workload workload, ConfigSource source)
      throws MissingConfigException {
    var meta = workload.getMetadata();
    WorkloadObject object =
        new WorkloadObject(
            meta.getNamespace(),
            meta.getName(),
            meta.getAnnotations(),
            SpecTrees.of(workload.getSpec()));
    return WorkloadMessages.startRequest(meta.getUid(), object, source);
  }
}
