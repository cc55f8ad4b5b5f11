/**
 * Workload manifests turned into the protocol's start request, shared by the operator and the
 * standalone host so that both start a workload from the same message.
 *
 * <p>{@link virga.protocol.manifest.WorkloadMessages} builds the {@code WorkloadStartRequest} from
 * a Workload's namespace, name, annotations and {@code spec} as a JSON tree with the CRD's field
 * names; {@link virga.protocol.manifest.ConfigMaterializer} merges config layers (inline {@code
 * config} &lt; {@code configFrom} in list order &lt; {@code secretFrom} in list order) from a
 * {@link virga.protocol.manifest.ConfigSource}. The operator converts its typed model to that tree
 * and reads the API server; the standalone host reads {@link
 * virga.protocol.manifest.StandaloneManifest}, which validates the YAML that {@code kubectl apply}
 * takes against the CRDs' own schemas and reads ConfigMaps and Secrets from the same files.
 */
package virga.protocol.manifest;
