package virga.operator.controller.deployment;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import virga.crds.v1alpha1.Artifact;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.ReplicaSetRef;
import virga.crds.v1alpha1.ReplicaSetStatus;
import virga.crds.v1alpha1.WorkloadDeployment;
import virga.crds.v1alpha1.WorkloadDeploymentSpec;
import virga.crds.v1alpha1.WorkloadDeploymentStatus;
import virga.crds.v1alpha1.WorkloadReplicaSet;
import virga.crds.v1alpha1.WorkloadReplicaTemplate;
import virga.operator.cache.Secondaries;
import virga.operator.conditions.ConditionResult;
import virga.operator.conditions.Conditions;
import virga.operator.conditions.Reconciliation;
import virga.operator.controller.replicaset.ReplicaSetWorkloads;
import virga.operator.controller.replicaset.TemplateHash;
import virga.operator.events.EventRecorder;

/** The WorkloadDeployment's condition functions: Artifact, Sync, Deploy, Scale, Ready. */
final class DeploymentConditions {
  /** Condition types wasmCloud uses on WorkloadDeployments beyond the shared ones. */
  static final String ARTIFACT = "Artifact";

  static final String DEPLOY = "Deploy";
  static final String SCALE = "Scale";

  private final EventRecorder events;

  DeploymentConditions(EventRecorder events) {
    this.events = events;
  }

  ConditionResult artifact(WorkloadDeployment d, Reconciliation<WorkloadDeployment> r) {
    try {
      desired(d, r.client());
      return ConditionResult.ok();
    } catch (IllegalArgumentException e) {
      return ConditionResult.error(e.getMessage());
    }
  }

  ConditionResult sync(WorkloadDeployment d, Reconciliation<WorkloadDeployment> r) {
    Optional<WorkloadReplicaSet> current = current(d, r);
    if (current.isEmpty()) {
      return ConditionResult.error("no current WorkloadReplicaSet");
    }
    String want = TemplateHash.of(desired(d, r.client()).getSpec());
    String have = TemplateHash.of(current.get().getSpec().getTemplate().getSpec());
    return want.equals(have)
        ? ConditionResult.ok()
        : ConditionResult.error(
            "WorkloadReplicaSet " + name(current.get()) + " does not match the template");
  }

  ConditionResult deploy(WorkloadDeployment d, Reconciliation<WorkloadDeployment> r) {
    WorkloadDeploymentStatus s = d.getStatus();
    if (!Conditions.isTrue(s, ARTIFACT)) {
      return ConditionResult.error("waiting for artifacts");
    }
    if (Conditions.isTrue(s, ConditionTypes.SYNC)) {
      return ConditionResult.ok();
    }
    WorkloadReplicaTemplate template = desired(d, r.client());
    String hash = TemplateHash.of(template.getSpec());
    WorkloadReplicaSet next =
        owned(d, r).stream()
            .filter(rs -> hash.equals(TemplateHash.of(rs.getSpec().getTemplate().getSpec())))
            .findFirst()
            .orElseGet(
                () -> {
                  // into the informer cache at once: the next pass must find it, not create another
                  WorkloadReplicaSet rs =
                      Secondaries.create(
                          r.context(),
                          r.client(),
                          DeploymentTemplates.newReplicaSet(
                              d, template, TemplateHash.randomSuffix()));
                  events.normal(d, "ReplicaSetCreated", "created WorkloadReplicaSet " + name(rs));
                  return rs;
                });
    String old = s.getCurrentReplicaSet() == null ? null : s.getCurrentReplicaSet().getName();
    boolean rolling =
        !WorkloadDeploymentSpec.DEPLOY_POLICY_RECREATE.equals(d.getSpec().getDeployPolicy());
    s.setPreviousReplicaSet(rolling && old != null && !old.equals(name(next)) ? ref(old) : null);
    s.setCurrentReplicaSet(ref(name(next)));
    r.forceStatusUpdate();
    return ConditionResult.ok();
  }

  ConditionResult scale(WorkloadDeployment d, Reconciliation<WorkloadDeployment> r) {
    WorkloadDeploymentStatus s = d.getStatus();
    KubernetesClient client = r.client();
    Optional<WorkloadReplicaSet> current = current(d, r);
    if (current.isEmpty()) {
      return ConditionResult.error("no current WorkloadReplicaSet");
    }
    int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    if (!Objects.equals(current.get().getSpec().getReplicas(), replicas)) {
      client
          .resource(current.get())
          .patch(
              PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "}}");
    }
    String previous =
        s.getPreviousReplicaSet() == null ? null : s.getPreviousReplicaSet().getName();
    ReplicaSetStatus sum = zero();
    for (WorkloadReplicaSet rs : owned(d, r)) {
      if (!name(rs).equals(name(current.get())) && !name(rs).equals(previous)) {
        delete(client, d, rs, "not current or previous");
        continue;
      }
      ReplicaSetStatus c = rs.getStatus() == null ? null : rs.getStatus().getReplicas();
      if (c != null) {
        sum.setExpected(sum.getExpected() + nz(c.getExpected()));
        sum.setCurrent(sum.getCurrent() + nz(c.getCurrent()));
        sum.setReady(sum.getReady() + nz(c.getReady()));
        sum.setUnavailable(sum.getUnavailable() + nz(c.getUnavailable()));
      }
    }
    s.setReplicas(sum);
    s.setCurrentReplicas(sum.getCurrent());
    s.setSelector(DeploymentTemplates.selector(d));
    r.forceStatusUpdate();
    if (!Conditions.isTrue(current.get().getStatus(), ConditionTypes.READY)) {
      return ConditionResult.error(
          "waiting for WorkloadReplicaSet " + name(current.get()) + " to be ready");
    }
    if (previous != null) {
      owned(d, r).stream()
          .filter(rs -> name(rs).equals(previous))
          .forEach(rs -> delete(client, d, rs, "rollout complete"));
      s.setPreviousReplicaSet(null);
    }
    return ConditionResult.ok();
  }

  ConditionResult ready(WorkloadDeployment d, Reconciliation<WorkloadDeployment> r) {
    for (String type : List.of(ARTIFACT, ConditionTypes.SYNC, DEPLOY, SCALE)) {
      if (!Conditions.isTrue(d.getStatus(), type)) {
        return ConditionResult.error(type + " is not True");
      }
    }
    return ConditionResult.ok();
  }

  /** The resolved template; IllegalArgumentException naming what is missing. */
  private static WorkloadReplicaTemplate desired(WorkloadDeployment d, KubernetesClient client) {
    Map<String, String> objects = DeploymentTemplates.artifactObjects(d);
    for (String used :
        DeploymentTemplates.artifactReferences(d.getSpec().getTemplate().getSpec())) {
      if (!objects.containsKey(used)) {
        throw new IllegalArgumentException(
            "image artifact://" + used + " is not in spec.artifacts");
      }
    }
    Map<String, String> urls = new HashMap<>();
    for (Map.Entry<String, String> e : objects.entrySet()) {
      Artifact a = client.resources(Artifact.class).inNamespace(ns(d)).withName(e.getValue()).get();
      if (a == null) {
        throw new IllegalArgumentException("Artifact " + ns(d) + "/" + e.getValue() + " not found");
      }
      if (a.getStatus() == null
          || !Conditions.isTrue(a.getStatus(), ConditionTypes.PUBLISHED)
          || a.getStatus().getArtifactUrl() == null) {
        throw new IllegalArgumentException(
            "Artifact " + ns(d) + "/" + e.getValue() + " is not published");
      }
      urls.put(e.getKey(), a.getStatus().getArtifactUrl());
    }
    return DeploymentTemplates.resolve(d, urls);
  }

  // the current set from the informer cache (a GET per pass costs the server as much as the pass)
  private static Optional<WorkloadReplicaSet> current(
      WorkloadDeployment d, Reconciliation<WorkloadDeployment> r) {
    ReplicaSetRef ref = d.getStatus().getCurrentReplicaSet();
    if (ref == null || ref.getName() == null) {
      return Optional.empty();
    }
    return Secondaries.owned(r.context(), r.client(), d, WorkloadReplicaSet.class, ref.getName());
  }

  /** The sets {@code d} controls and that are not being deleted, from the informer cache. */
  static List<WorkloadReplicaSet> owned(
      WorkloadDeployment d, Reconciliation<WorkloadDeployment> r) {
    return Secondaries.owned(r.context(), r.client(), d, WorkloadReplicaSet.class).stream()
        .filter(rs -> rs.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  // no garbage collector is assumed: the set's Workloads go explicitly (a no-op with one)
  private void delete(
      KubernetesClient client, WorkloadDeployment d, WorkloadReplicaSet rs, String why) {
    client.resource(rs).delete();
    ReplicaSetWorkloads.owned(client, rs).forEach(w -> client.resource(w).delete());
    events.normal(
        d, "ReplicaSetDeleted", "deleted WorkloadReplicaSet " + name(rs) + " (" + why + ")");
  }

  private static ReplicaSetStatus zero() {
    ReplicaSetStatus s = new ReplicaSetStatus();
    s.setExpected(0);
    s.setCurrent(0);
    s.setReady(0);
    s.setUnavailable(0);
    return s;
  }

  private static int nz(Integer i) {
    return i == null ? 0 : i;
  }

  private static ReplicaSetRef ref(String name) {
    ReplicaSetRef ref = new ReplicaSetRef();
    ref.setName(name);
    return ref;
  }

  private static String name(WorkloadReplicaSet rs) {
    return rs.getMetadata().getName();
  }

  private static String ns(WorkloadDeployment d) {
    return d.getMetadata().getNamespace();
  }
}
