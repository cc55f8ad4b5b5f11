package virga.operator.events;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Records Kubernetes Events about an object: the one recorder type of every controller ({@link
 * KubernetesEventRecorder} in production, a list in unit tests). Messages must never carry
 * ConfigMap or Secret values.
 */
public interface EventRecorder {
  /** The component Events are reported by. */
  String COMPONENT = "virga-operator";

  String NORMAL = "Normal";
  String WARNING = "Warning";

  /** Records an Event of {@code type} ({@link #NORMAL} or {@link #WARNING}). */
  void record(HasMetadata about, String type, String reason, String message);

  /** A Normal event. */
  default void normal(HasMetadata about, String reason, String message) {
    record(about, NORMAL, reason, message);
  }

  /** A Warning event. */
  default void warning(HasMetadata about, String reason, String message) {
    record(about, WARNING, reason, message);
  }
}
