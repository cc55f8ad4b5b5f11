package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A wasm host registered from its heartbeats; unlike the other kinds its fields sit at the root,
 * not under spec.
 */
@Group(RuntimeApi.GROUP)
@Version(RuntimeApi.VERSION)
@AdditionalPrinterColumn(name = "HOSTID", jsonPath = ".hostId")
@AdditionalPrinterColumn(name = "HOSTGROUP", jsonPath = ".metadata.labels.hostgroup")
@AdditionalPrinterColumn(name = "ENVIRONMENT", jsonPath = ".environment")
@AdditionalPrinterColumn(name = "READY", jsonPath = PrinterColumns.READY_PATH)
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = PrinterColumns.AGE_PATH,
    type = AdditionalPrinterColumn.Type.DATE)
// wasmCloud's Host has no spec; hiding the inherited property keeps it out of schema and JSON
@JsonIgnoreProperties({"spec"})
public class Host extends CustomResource<Void, HostStatus> implements Namespaced {

  @JsonPropertyDescription("Unique id of the host, as announced in its heartbeats.")
  @Required
  private String hostId;

  @JsonPropertyDescription("Host name of the machine the host runs on.")
  private String hostname;

  @JsonPropertyDescription("Port on which the host serves incoming HTTP for its workloads.")
  @Min(0)
  @Max(4294967295L)
  private Long httpPort;

  @JsonPropertyDescription(
      "Environment the host belongs to; workloads that set spec.environment are only placed on"
          + " hosts of that environment.")
  private String environment;

  @Override
  @JsonIgnore
  public Void getSpec() {
    return null;
  }

  public String getHostId() {
    return hostId;
  }

  public void setHostId(String hostId) {
    this.hostId = hostId;
  }

  public String getHostname() {
    return hostname;
  }

  public void setHostname(String hostname) {
    this.hostname = hostname;
  }

  public Long getHttpPort() {
    return httpPort;
  }

  public void setHttpPort(Long httpPort) {
    this.httpPort = httpPort;
  }

  public String getEnvironment() {
    return environment;
  }

  public void setEnvironment(String environment) {
    this.environment = environment;
  }
}
