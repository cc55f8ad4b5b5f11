package virga.host.workload;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import virga.protocol.v2.ImagePullPolicy;
import virga.protocol.v2.ImagePullSecret;
import virga.protocol.v2.LocalResources;
import virga.protocol.v2.Workload;

/**
 * One item of a Workload message before it is started: a component (named as in the manifest,
 * {@code component-N} when unnamed) or the service (named {@value #SERVICE}).
 */
record ItemSpec(
    String name,
    boolean service,
    String image,
    ImagePullPolicy pullPolicy,
    ImagePullSecret pullSecret,
    LocalResources resources,
    int poolSize,
    int maxInvocations,
    int maxConcurrency) {

  /** The service's item name, as {@link virga.plugin.WorkloadItem#name()} documents it. */
  static final String SERVICE = "service";

  /** "component 'x'" or "service 'service'", for messages. */
  String label() {
    return LinkPlan.Node.label(name, service);
  }

  /** The name of the {@code index}th component (0-based). */
  static String componentName(virga.protocol.v2.Component c, int index) {
    return c.getName().isBlank() ? "component-" + (index + 1) : c.getName();
  }

  /**
   * The components, then the service.
   *
   * @throws WorkloadException when the workload is empty or names two items alike
   */
  static List<ItemSpec> of(Workload w) {
    List<ItemSpec> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<virga.protocol.v2.Component> components = w.getWitWorld().getComponentsList();
    if (components.isEmpty() && !w.hasService()) {
      throw new WorkloadException(
          "workload '" + w.getName() + "' has no components and no service: give it at least one");
    }
    for (int i = 0; i < components.size(); i++) {
      virga.protocol.v2.Component c = components.get(i);
      String name = componentName(c, i);
      if (!names.add(name)) {
        throw new WorkloadException(
            "two components are named '"
                + name
                + "': component names must be unique in a workload");
      }
      out.add(
          new ItemSpec(
              name,
              false,
              c.getImage(),
              c.getImagePullPolicy(),
              c.getImagePullSecret(),
              c.getLocalResources(),
              c.getPoolSize(),
              c.getMaxInvocations(),
              c.getMaxConcurrency()));
    }
    if (w.hasService()) {
      if (names.contains(SERVICE)) {
        throw new WorkloadException(
            "a component is named '"
                + SERVICE
                + "', the name of the workload's service: rename the component");
      }
      virga.protocol.v2.Service s = w.getService();
      out.add(
          new ItemSpec(
              SERVICE,
              true,
              s.getImage(),
              s.getImagePullPolicy(),
              s.getImagePullSecret(),
              s.getLocalResources(),
              0,
              0,
              0));
    }
    return out;
  }
}
