package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Kubernetes-side integrations of a workload (today: a Service the operator keeps endpoints for).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KubernetesIntegration {

  @JsonPropertyDescription(
      "An existing Kubernetes Service for which the operator maintains an EndpointSlice pointing to the hosts running this workload; the host also gets DNS aliases for the Service so cluster-internal callers can reach the workload through Service DNS.")
  private KubernetesServiceRef service;

  public KubernetesServiceRef getService() {
    return service;
  }

  public void setService(KubernetesServiceRef service) {
    this.service = service;
  }
}
