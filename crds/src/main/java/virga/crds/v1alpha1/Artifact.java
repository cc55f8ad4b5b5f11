package virga.crds.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/** A component image published under a stable name that workloads refer to as artifact://. */
@Group(RuntimeApi.GROUP)
@Version(RuntimeApi.VERSION)
public class Artifact extends CustomResource<ArtifactSpec, ArtifactStatus> implements Namespaced {}
