package virga.crds.v1alpha1;

/** Label and annotation keys shared by the operator and the hosts. */
public final class Labels {

  /** On WorkloadReplicaSets and Workloads: name of the owning WorkloadDeployment. */
  public static final String WORKLOAD_DEPLOYMENT = RuntimeApi.GROUP + "/workload-deployment";

  /** On WorkloadReplicaSets: the deployment generation they were created for. */
  public static final String WORKLOAD_REPLICA_SET_GENERATION =
      RuntimeApi.GROUP + "/workload-replica-set-generation";

  /** On host Pods: the host group the Pod belongs to. */
  public static final String POD_HOSTGROUP = "wasmcloud.com/hostgroup";

  /** On Hosts: the host group from the heartbeat, matched by hostSelector. */
  public static final String HOSTGROUP = "hostgroup";

  /** On EndpointSlices the operator manages for workload Services. */
  public static final String ROUTE_MANAGER = "wasmcloud.dev/route-manager";

  private Labels() {}
}
