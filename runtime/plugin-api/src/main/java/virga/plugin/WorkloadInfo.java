package virga.plugin;

import java.util.List;
import java.util.Map;

/** A workload as plugins see it while it binds: identity, annotations and its items. */
public interface WorkloadInfo {
  /** The workload id (the Kubernetes UID of the Workload in cluster mode). */
  String id();

  /** The workload's name. */
  String name();

  /** The workload's namespace. */
  String namespace();

  /** The workload's annotations. */
  Map<String, String> annotations();

  /** The host interfaces the workload declares, with their config. */
  List<WitInterface> hostInterfaces();

  /** The components then the service. */
  List<? extends WorkloadItem> items();
}
