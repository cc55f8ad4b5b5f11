package virga.crds.v1alpha1;

import java.util.List;

/** API group, version and CRD resource names of runtime.wasmcloud.dev/v1alpha1. */
public final class RuntimeApi {

  /** The API group of every kind. */
  public static final String GROUP = "runtime.wasmcloud.dev";

  /** The only served and stored version. */
  public static final String VERSION = "v1alpha1";

  /** The apiVersion field value of every object. */
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /** Every kind of the group, in the order CRDs are best applied. */
  public static final List<Class<?>> KINDS =
      List.of(
          Artifact.class,
          Host.class,
          Workload.class,
          WorkloadReplicaSet.class,
          WorkloadDeployment.class);

  /** Classpath resources (in this module's jar) holding the generated CRD of every kind. */
  public static final List<String> CRD_RESOURCES =
      List.of(
          crdResource("artifacts"),
          crdResource("hosts"),
          crdResource("workloads"),
          crdResource("workloadreplicasets"),
          crdResource("workloaddeployments"));

  private RuntimeApi() {}

  private static String crdResource(String plural) {
    return "META-INF/fabric8/" + plural + "." + GROUP + "-v1.yml";
  }
}
