package virga.operator;

import io.javaoperatorsdk.operator.Operator;

/**
 * Registers more controllers on the operator before it starts (found with {@link
 * java.util.ServiceLoader}: list implementations in {@code
 * META-INF/services/virga.operator.ControllerRegistration}), so the Workload, ReplicaSet and
 * Deployment controllers plug in without touching the wiring.
 */
public interface ControllerRegistration {
  void register(Operator operator, OperatorServices services) throws Exception;
}
