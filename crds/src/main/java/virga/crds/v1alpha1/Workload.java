package virga.crds.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One placement of components (and an optional service) on one host. */
@Group(RuntimeApi.GROUP)
@Version(RuntimeApi.VERSION)
@ShortNames("ww")
@AdditionalPrinterColumn(name = "HOSTID", jsonPath = ".status.hostId")
@AdditionalPrinterColumn(name = "ENVIRONMENT", jsonPath = ".status.environment")
@AdditionalPrinterColumn(name = "READY", jsonPath = PrinterColumns.READY_PATH)
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = PrinterColumns.AGE_PATH,
    type = AdditionalPrinterColumn.Type.DATE)
public class Workload extends CustomResource<WorkloadSpec, WorkloadStatus> implements Namespaced {}
