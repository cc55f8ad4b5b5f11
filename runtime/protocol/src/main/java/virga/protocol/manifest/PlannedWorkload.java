package virga.protocol.manifest;

/**
 * One workload a standalone manifest asks for, before its config is read.
 *
 * @param doc the document it comes from
 * @param specPointer where its spec is in the document ({@code /spec/template/spec} for a
 *     deployment)
 * @param id its workload id: {@code <namespace>/<name>}
 * @param object what reaches the host
 */
record PlannedWorkload(
    ManifestDocument doc, String specPointer, String id, WorkloadObject object) {}
