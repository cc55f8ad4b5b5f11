package virga.operator.controller.workload;

import java.util.HashMap;
import java.util.Map;
import virga.crds.v1alpha1.Labels;
import virga.crds.v1alpha1.Workload;
import virga.operator.config.SpecTrees;
import virga.protocol.Protocol;
import virga.protocol.manifest.ConfigSource;
import virga.protocol.manifest.MissingConfigException;
import virga.protocol.manifest.WorkloadMessages;
import virga.protocol.manifest.WorkloadObject;
import virga.protocol.v2.WorkloadStartRequest;

/**
 * Builds the {@code WorkloadStartRequest} for a Workload (wasmCloud's Placement step) with the
 * Workload's UID as workload id. The request itself comes from {@link WorkloadMessages}, which the
 * standalone host uses too, so both start a workload from the same message. A Workload of a
 * WorkloadDeployment carries the deployment's name to the host in the {@link
 * Protocol#DEPLOYMENT_ANNOTATION} annotation.
 */
public final class StartRequestBuilder {
  private StartRequestBuilder() {}

  /** The request for {@code workload}. */
  public static WorkloadStartRequest build(Workload workload, ConfigSource source)
      throws MissingConfigException {
    var meta = workload.getMetadata();
    Map<String, String> annotations =
        meta.getAnnotations() == null ? new HashMap<>() : new HashMap<>(meta.getAnnotations());
    String deployment =
        meta.getLabels() == null ? null : meta.getLabels().get(Labels.WORKLOAD_DEPLOYMENT);
    if (deployment != null) {
      annotations.put(Protocol.DEPLOYMENT_ANNOTATION, deployment);
    }
    WorkloadObject object =
        new WorkloadObject(
            meta.getNamespace(), meta.getName(), annotations, SpecTrees.of(workload.getSpec()));
    return WorkloadMessages.startRequest(meta.getUid(), object, source);
  }
}
