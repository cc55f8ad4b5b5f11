package virga.operator.workload;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Records Kubernetes Events about an object. Messages must never carry ConfigMap or Secret values.
 */
public interface EventRecorder {
  /** A Normal event. */
  void normal(HasMetadata about, String reason, String message);

  /** A Warning event. */
  void warning(HasMetadata about, String reason, String message);
}
