package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.time.Instant;

/** Observed state of a Host, as reported by its heartbeats. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HostStatus extends ConditionedStatus {

  @JsonPropertyDescription("Version of the host runtime.")
  @Required
  private String version;

  @JsonPropertyDescription("Operating system of the host, e.g. linux.")
  @Required
  private String osName;

  @JsonPropertyDescription("CPU architecture of the host, e.g. x86_64.")
  @Required
  private String osArch;

  @JsonPropertyDescription("Kernel version of the host.")
  @Required
  private String osKernel;

  @JsonPropertyDescription("CPU usage of the host machine as reported by the host.")
  @Required
  private String systemCPUUsage;

  @JsonPropertyDescription("Total memory of the host machine in bytes.")
  @Required
  private Long systemMemoryTotal;

  @JsonPropertyDescription("Free memory of the host machine in bytes.")
  @Required
  private Long systemMemoryFree;

  @JsonPropertyDescription("Number of components running on the host.")
  private Integer componentCount;

  @JsonPropertyDescription("Number of workloads running on the host.")
  private Integer workloadCount;

  @JsonPropertyDescription("When the last heartbeat of the host was received.")
  private Instant lastSeen;

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public String getOsName() {
    return osName;
  }

  public void setOsName(String osName) {
    this.osName = osName;
  }

  public String getOsArch() {
    return osArch;
  }

  public void setOsArch(String osArch) {
    this.osArch = osArch;
  }

  public String getOsKernel() {
    return osKernel;
  }

  public void setOsKernel(String osKernel) {
    this.osKernel = osKernel;
  }

  public String getSystemCPUUsage() {
    return systemCPUUsage;
  }

  public void setSystemCPUUsage(String systemCPUUsage) {
    this.systemCPUUsage = systemCPUUsage;
  }

  public Long getSystemMemoryTotal() {
    return systemMemoryTotal;
  }

  public void setSystemMemoryTotal(Long systemMemoryTotal) {
    this.systemMemoryTotal = systemMemoryTotal;
  }

  public Long getSystemMemoryFree() {
    return systemMemoryFree;
  }

  public void setSystemMemoryFree(Long systemMemoryFree) {
    this.systemMemoryFree = systemMemoryFree;
  }

  public Integer getComponentCount() {
    return componentCount;
  }

  public void setComponentCount(Integer componentCount) {
    this.componentCount = componentCount;
  }

  public Integer getWorkloadCount() {
    return workloadCount;
  }

  public void setWorkloadCount(Integer workloadCount) {
    this.workloadCount = workloadCount;
  }

  public Instant getLastSeen() {
    return lastSeen;
  }

  public void setLastSeen(Instant lastSeen) {
    this.lastSeen = lastSeen;
  }
}
