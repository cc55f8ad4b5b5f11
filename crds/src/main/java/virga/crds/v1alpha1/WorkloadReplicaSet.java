package virga.crds.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/** A fixed number of Workloads created from one template revision of a WorkloadDeployment. */
@Group(RuntimeApi.GROUP)
@Version(RuntimeApi.VERSION)
@AdditionalPrinterColumn(
    name = "REPLICAS",
    jsonPath = ".spec.replicas",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "READY", jsonPath = PrinterColumns.READY_PATH)
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = PrinterColumns.AGE_PATH,
    type = AdditionalPrinterColumn.Type.DATE)
public class WorkloadReplicaSet
    extends CustomResource<WorkloadReplicaSetSpec, WorkloadReplicaSetStatus>
    implements Namespaced {}
