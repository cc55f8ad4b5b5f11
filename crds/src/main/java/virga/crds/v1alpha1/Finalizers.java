package virga.crds.v1alpha1;

/** Finalizers the operator puts on objects it must clean up after. */
public final class Finalizers {

  /** On Workloads: stop the workload on its host before the object goes away. */
  public static final String WORKLOAD = RuntimeApi.GROUP + "/workload-finalizer";

  /** On Hosts: release the host's workloads before the object goes away. */
  public static final String HOST = RuntimeApi.GROUP + "/host-finalizer";

  /** On host Pods: deregister the host before the Pod goes away. */
  public static final String POD_HOST = RuntimeApi.GROUP + "/pod-host-finalizer";

  private Finalizers() {}
}
