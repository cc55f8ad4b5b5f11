package virga.host.workload;

import java.nio.file.Path;
import java.util.Map;
import virga.protocol.v2.Component;
import virga.protocol.v2.LocalResources;
import virga.protocol.v2.Service;
import virga.protocol.v2.WitInterface;
import virga.protocol.v2.WitWorld;
import virga.protocol.v2.Workload;
import virga.protocol.v2.WorkloadStartRequest;

/** Protocol messages for tests: workloads of the guest fixtures in guests/wasm. */
final class Manifests {
  static final Path GUESTS = Path.of("../../guests/wasm").toAbsolutePath().normalize();

  private Manifests() {}

  static Component component(String name, String image) {
    return Component.newBuilder().setName(name).setImage(image).build();
  }

  static Component component(String name, String image, LocalResources resources) {
    return Component.newBuilder()
        .setName(name)
        .setImage(image)
        .setLocalResources(resources)
        .build();
  }

  static Service service(String image, long maxRestarts) {
    return Service.newBuilder().setImage(image).setMaxRestarts(maxRestarts).build();
  }

  static WitInterface httpInterface(String host) {
    return WitInterface.newBuilder()
        .setNamespace("wasi")
        .setPackage("http")
        .addInterfaces("incoming-handler")
        .putAllConfig(Map.of("host", host))
        .build();
  }

  static Workload.Builder workload(String name, Component... components) {
    WitWorld.Builder world = WitWorld.newBuilder();
    for (Component c : components) {
      world.addComponents(c);
    }
    return Workload.newBuilder().setNamespace("default").setName(name).setWitWorld(world);
  }

  static WorkloadStartRequest start(String id, Workload.Builder w) {
    return WorkloadStartRequest.newBuilder().setWorkloadId(id).setWorkload(w).build();
  }
}
