package virga.protocol.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of a Workload object that reach the host: where it lives, its annotations and its spec
 * as a JSON tree with the CRD's field names ({@code WorkloadSpec}).
 *
 * @param namespace the Workload's namespace
 * @param name the Workload's name
 * @param annotations its annotations (null: none)
 * @param spec its {@code spec}
 */
public record WorkloadObject(
    String namespace, String name, Map<String, String> annotations, JsonNode spec) {
  /** Checks the fields. */
  public WorkloadObject {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(spec, "spec");
  }
}
