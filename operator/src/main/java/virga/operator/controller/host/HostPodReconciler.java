package virga.operator.controller.host;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.crds.v1alpha1.Finalizers;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.Labels;
import virga.operator.events.EventRecorder;

/**
 * Host pods carry {@code runtime.wasmcloud.dev/pod-host-finalizer}; when one is deleted the Host
 * registered from it (hostname = pod IP) is deleted at once, so its Workloads are replaced in
 * seconds rather than after the heartbeat TTL (wasmCloud #5010, {@code HostPodReconciler}).
 */
@ControllerConfiguration(
    name = HostPodReconciler.NAME,
    finalizerName = Finalizers.POD_HOST,
    informer = @Informer(labelSelector = Labels.POD_HOSTGROUP))
public class HostPodReconciler implements Reconciler<Pod>, Cleaner<Pod> {
  public static final String NAME = "host-pod";
  public static final String REASON_POD_DELETED = "HostPodDeleted";

  private static final Logger LOG = LoggerFactory.getLogger(HostPodReconciler.class);

  private final String hostNamespace;
  private final EventRecorder events;

  /**
   * The namespaces whose host pods to watch: all (empty) when the operator watches all; else the
   * watched ones plus the host namespace, since the chart runs host groups in the host (release)
   * namespace by default and in a group's own namespace when it names one, which a scoped install
   * lists among the watched.
   */
  public static Set<String> namespaces(String hostNamespace, Set<String> watchNamespaces) {
    if (watchNamespaces.isEmpty()) {
      return Set.of();
    }
    Set<String> namespaces = new TreeSet<>(watchNamespaces);
    namespaces.add(hostNamespace);
    return Collections.unmodifiableSet(namespaces);
  }

  public HostPodReconciler(String hostNamespace, EventRecorder events) {
    this.hostNamespace = Objects.requireNonNull(hostNamespace, "hostNamespace");
    this.events = Objects.requireNonNull(events, "events");
  }

  @Override
  public UpdateControl<Pod> reconcile(Pod pod, Context<Pod> context) {
    // JOSDK has put the finalizer on; nothing else to do while the pod lives
    return UpdateControl.noUpdate();
  }

  @Override
  public DeleteControl cleanup(Pod pod, Context<Pod> context) {
    String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
    if (ip != null && !ip.isBlank()) {
      List<Host> hosts =
          context.getClient().resources(Host.class).inNamespace(hostNamespace).list().getItems();
      for (Host host : hosts) {
        if (ip.equals(host.getHostname())) {
          LOG.info(
              "host pod {}/{} is being deleted; deleting Host {}",
              pod.getMetadata().getNamespace(),
              pod.getMetadata().getName(),
              host.getMetadata().getName());
          events.normal(
              host,
              REASON_POD_DELETED,
              "Pod "
                  + pod.getMetadata().getNamespace()
                  + "/"
                  + pod.getMetadata().getName()
                  + " of host "
                  + host.getHostId()
                  + " is being deleted");
          context.getClient().resource(host).delete();
        }
      }
    }
    return DeleteControl.defaultDelete();
  }
}
