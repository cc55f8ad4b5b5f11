package virga.operator.controller.route;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import virga.crds.v1alpha1.Condition;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.HostStatus;
import virga.crds.v1alpha1.Workload;
import virga.crds.v1alpha1.WorkloadStatus;

/** Workload and Host objects as the other controllers leave them, for the route tests. */
final class RouteFixtures {
  private RouteFixtures() {}

  static Workload workload(String ns, String name, String service, String hostId, String ready) {
    Workload w =
        Serialization.unmarshal(
            "apiVersion: runtime.wasmcloud.dev/v1alpha1\nkind: Workload\nmetadata:\n  name: "
                + name
                + "\n  namespace: "
                + ns
                + "\nspec:\n  components:\n  - name: c\n    image: ghcr.io/x/c:1\n"
                + (service == null
                    ? ""
                    : "  kubernetes:\n    service:\n      name: " + service + "\n"),
            Workload.class);
    if (hostId != null || ready != null) {
      WorkloadStatus s = new WorkloadStatus();
      s.setHostId(hostId);
      s.setConditions(conditions(ready));
      w.setStatus(s);
    }
    return w;
  }

  static Host host(String name, String hostId, String hostname, Long httpPort, String ready) {
    Host h = new Host();
    h.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName(name)
            .withNamespace("virga-system")
            .build());
    h.setHostId(hostId);
    h.setHostname(hostname);
    h.setHttpPort(httpPort);
    if (ready != null) {
      HostStatus s = new HostStatus();
      s.setConditions(conditions(ready));
      h.setStatus(s);
    }
    return h;
  }

  private static List<Condition> conditions(String ready) {
    List<Condition> out = new ArrayList<>();
    if (ready != null) {
      Condition c = new Condition();
      c.setType(ConditionTypes.READY);
      c.setStatus(ready);
      out.add(c);
    }
    return out;
  }
}
