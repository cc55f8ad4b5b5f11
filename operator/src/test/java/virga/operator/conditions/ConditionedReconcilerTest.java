package virga.operator.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import virga.crds.v1alpha1.Artifact;
import virga.crds.v1alpha1.ArtifactSpec;
import virga.crds.v1alpha1.ArtifactStatus;
import virga.crds.v1alpha1.Condition;
import virga.crds.v1alpha1.ConditionReasons;
import virga.crds.v1alpha1.ConditionStatus;
import virga.operator.testing.ManualClock;

@EnableKubernetesMockClient(crud = true, https = false)
class ConditionedReconcilerTest {
  static KubernetesClient client;

  private final ManualClock clock = new ManualClock();
  private final List<String> calls = new ArrayList<>();
  private final AtomicReference<ConditionResult> a = new AtomicReference<>(ConditionResult.ok());
  private final AtomicReference<ConditionResult> b = new AtomicReference<>(ConditionResult.ok());
  private Artifact artifact;

  @BeforeEach
  void create() {
    Artifact fresh = new Artifact();
    fresh.setMetadata(
        new ObjectMetaBuilder().withName("a" + System.nanoTime()).withNamespace("test").build());
    ArtifactSpec spec = new ArtifactSpec();
    spec.setImage("ghcr.io/x/y:1");
    fresh.setSpec(spec);
    artifact = client.resource(fresh).create();
    artifact.getMetadata().setGeneration(1L);
  }

  private ConditionedReconciler<Artifact, ArtifactStatus> twoConditions() {
    return ConditionedReconciler.<Artifact, ArtifactStatus>builder(ArtifactStatus::new)
        .interval(Duration.ofSeconds(30))
        .clock(clock)
        .condition("A", (res, r) -> record("A", a.get()))
        .condition("B", (res, r) -> record("B", b.get()))
        .build();
  }

  private ConditionResult record(String name, ConditionResult result) {
    calls.add(name);
    return result;
  }

  private Artifact stored() {
    return client.resource(artifact).get();
  }

  private Outcome pass(ConditionedReconciler<Artifact, ArtifactStatus> rec) throws Exception {
    Artifact current = stored();
    current.getMetadata().setGeneration(artifact.getMetadata().getGeneration());
    return rec.reconcile(current, client, null);
  }

  @Test
  void conditionsSettleInOrderInOnePassWithOnePatchThenRequeueAtTheInterval() throws Exception {
    List<String> seenByB = new ArrayList<>();
    var rec =
        ConditionedReconciler.<Artifact, ArtifactStatus>builder(ArtifactStatus::new)
            .interval(Duration.ofSeconds(30))
            .clock(clock)
            .condition("A", (res, r) -> record("A", a.get()))
            .condition(
                "B",
                (res, r) -> {
                  // a later function sees what the earlier ones set in the same pass
                  seenByB.add(String.valueOf(Conditions.isTrue(res.getStatus(), "A")));
                  return record("B", b.get());
                })
            .build();
    b.set(ConditionResult.unknown("waiting for something"));
    List<String> patches = new ArrayList<>();
    try (KubernetesClient recording = recordingPatches(patches)) {
      Outcome first = rec.reconcile(stored(), recording, null);
      assertThat(first.lastChanged()).isEqualTo("B");
      assertThat(first.statusPatched()).isTrue();
      assertThat(first.requeueAfter()).as("B is pending").isEqualTo(Duration.ofSeconds(1));
      assertThat(patches).as("one write for both conditions").hasSize(1);
    }
    assertThat(calls).containsExactly("A", "B");
    assertThat(seenByB).containsExactly("true");
    assertThat(types(stored())).containsExactly("A", "B");

    b.set(ConditionResult.ok());
    Outcome second = pass(rec);
    assertThat(second.lastChanged()).isEqualTo("B");
    assertThat(second.requeueAfter())
        .as("all True: nothing pending")
        .isEqualTo(Duration.ofSeconds(30));

    calls.clear();
    Outcome third = pass(rec);
    assertThat(third.lastChanged()).isNull();
    assertThat(third.statusPatched()).isFalse();
    assertThat(third.requeueAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(calls).containsExactly("A", "B");

    Condition ready = condition(stored(), "A");
    assertThat(ready.getStatus()).isEqualTo(ConditionStatus.TRUE);
    assertThat(ready.getReason()).isEqualTo(ConditionReasons.AVAILABLE);
    assertThat(ready.getObservedGeneration()).isEqualTo(1L);
  }

  @Test
  void aCheckpointWritesWhatItsFunctionSetBeforeTheNextFunctionRuns() throws Exception {
    List<String> urlOnServerWhenBRan = new ArrayList<>();
    var rec =
        ConditionedReconciler.<Artifact, ArtifactStatus>builder(ArtifactStatus::new)
            .clock(clock)
            .condition(
                "Chosen",
                (res, r) -> {
                  res.getStatus().setArtifactUrl("oci://chosen");
                  r.checkpoint();
                  return ConditionResult.ok();
                })
            .condition(
                "Acted",
                (res, r) -> {
                  var onServer = stored().getStatus();
                  urlOnServerWhenBRan.add(onServer == null ? "none" : onServer.getArtifactUrl());
                  return ConditionResult.error("the host refused");
                })
            .build();
    List<String> patches = new ArrayList<>();
    try (KubernetesClient recording = recordingPatches(patches)) {
      Outcome o = rec.reconcile(stored(), recording, null);
      assertThat(o.statusPatched()).isTrue();
      assertThat(patches).as("the checkpoint, then the rest at the end").hasSize(2);
    }
    assertThat(urlOnServerWhenBRan).containsExactly("oci://chosen");
    assertThat(condition(stored(), "Chosen").getStatus()).isEqualTo(ConditionStatus.TRUE);
    assertThat(condition(stored(), "Acted").getMessage()).isEqualTo("the host refused");
  }

  @Test
  void transitionTimeMovesOnlyWhenTheStatusValueChanges() throws Exception {
    var rec = twoConditions();
    a.set(ConditionResult.error("first failure"));
    pass(rec);
    Instant t0 = clock.instant();
    assertThat(condition(stored(), "A").getLastTransitionTime()).isEqualTo(t0);

    clock.advance(Duration.ofSeconds(10));
    a.set(ConditionResult.error("second failure"));
    Outcome o = pass(rec);
    assertThat(o.lastChanged()).as("a new message is a change").isEqualTo("A");
    Condition stillFalse = condition(stored(), "A");
    assertThat(stillFalse.getMessage()).isEqualTo("second failure");
    assertThat(stillFalse.getReason()).isEqualTo(Conditions.REASON_RECONCILE);
    assertThat(stillFalse.getLastTransitionTime()).isEqualTo(t0);
    assertThat(stillFalse.getLastProbeTime()).isEqualTo(clock.instant());

    clock.advance(Duration.ofSeconds(10));
    a.set(ConditionResult.ok());
    pass(rec);
    Condition nowTrue = condition(stored(), "A");
    assertThat(nowTrue.getStatus()).isEqualTo(ConditionStatus.TRUE);
    assertThat(nowTrue.getMessage()).isNull();
    assertThat(nowTrue.getLastTransitionTime()).isEqualTo(clock.instant());
  }

  @Test
  void unknownNoopSkipRestAndThrownExceptions() throws Exception {
    List<String> order = new ArrayList<>();
    var rec =
        ConditionedReconciler.<Artifact, ArtifactStatus>builder(ArtifactStatus::new)
            .clock(clock)
            .condition("Noop", (res, r) -> add(order, "Noop", ConditionResult.noop()))
            .condition("Wait", (res, r) -> add(order, "Wait", ConditionResult.unknown("waiting")))
            .build();
    pass(rec);
    assertThat(order).containsExactly("Noop", "Wait");
    assertThat(types(stored())).containsExactly("Wait");
    assertThat(condition(stored(), "Wait").getStatus()).isEqualTo(ConditionStatus.UNKNOWN);
    assertThat(condition(stored(), "Wait").getMessage()).isEqualTo("waiting");

    order.clear();
    var skipping =
        ConditionedReconciler.<Artifact, ArtifactStatus>builder(ArtifactStatus::new)
            .clock(clock)
            .condition("Wait", (res, r) -> add(order, "Wait", ConditionResult.skipRest()))
            .condition("Never", (res, r) -> add(order, "Never", ConditionResult.ok()))
            .build();
    Outcome changed = pass(skipping);
    assertThat(changed.statusPatched()).as("Unknown -> True is patched").isTrue();
    Outcome steady = pass(skipping);
    assertThat(steady.skippedRestAt()).isEqualTo("Wait");
    assertThat(steady.lastChanged()).isNull();
    assertThat(steady.requeueAfter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(order).containsExactly("Wait", "Wait");
    assertThat(condition(stored(), "Wait").getStatus()).isEqualTo(ConditionStatus.TRUE);
    assertThat(types(stored())).doesNotContain("Never");

    var throwing =
        ConditionedReconciler.<Artifact, ArtifactStatus>builder(ArtifactStatus::new)
            .clock(clock)
            .condition(
                "Boom",
                (res, r) -> {
                  throw new IllegalStateException("host h1 unreachable");
                })
            .build();
    pass(throwing);
    Condition boom = condition(stored(), "Boom");
    assertThat(boom.getStatus()).isEqualTo(ConditionStatus.FALSE);
    assertThat(boom.getMessage()).isEqualTo("host h1 unreachable");
  }

  @Test
  void aGenerationChangeIsAChangeOfEveryCondition() throws Exception {
    var rec = twoConditions();
    pass(rec);
    assertThat(pass(rec).lastChanged()).isNull();
    artifact.getMetadata().setGeneration(2L);
    Outcome o = pass(rec);
    assertThat(o.lastChanged()).isEqualTo("B");
    assertThat(condition(stored(), "A").getObservedGeneration()).isEqualTo(2L);
    assertThat(condition(stored(), "B").getObservedGeneration()).isEqualTo(2L);
  }

  @Test
  void forcedStatusUpdatePatchesOtherFieldsAndPostHooksSeeTheResult() throws Exception {
    List<String> seen = new ArrayList<>();
    var rec =
        ConditionedReconciler.<Artifact, ArtifactStatus>builder(ArtifactStatus::new)
            .clock(clock)
            .condition(
                "Sync",
                (res, r) -> {
                  res.getStatus().setArtifactUrl(res.getSpec().getImage());
                  r.forceStatusUpdate();
                  return ConditionResult.noop();
                })
            .postHook(
                (res, r) -> {
                  seen.add(stored().getStatus().getArtifactUrl());
                  return false;
                })
            .postHook(
                (res, r) -> {
                  seen.add("second hook must not run");
                  return true;
                })
            .build();
    Outcome o = pass(rec);
    assertThat(o.statusPatched()).isTrue();
    assertThat(o.requeueAfter()).as("no condition changed").isEqualTo(Duration.ofMinutes(1));
    assertThat(seen).containsExactly("ghcr.io/x/y:1");
  }

  @Test
  void aPreHookCanSkipThePass() throws Exception {
    var rec =
        ConditionedReconciler.<Artifact, ArtifactStatus>builder(ArtifactStatus::new)
            .interval(Duration.ofSeconds(7))
            .preHook((res, r) -> false)
            .condition("A", (res, r) -> record("A", ConditionResult.ok()))
            .build();
    Outcome o = pass(rec);
    assertThat(o.skipped()).isTrue();
    assertThat(o.requeueAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(calls).isEmpty();
    assertThat(stored().getStatus()).isNull();
  }

  @Test
  void theFirstPatchOfAResourceWithoutStatusMergesTheWholeStatus() throws Exception {
    List<String> patches = new ArrayList<>();
    try (KubernetesClient recording = recordingPatches(patches)) {
      var rec = twoConditions();
      assertThat(stored().getStatus()).isNull();

      rec.reconcile(stored(), recording, null);
      assertThat(patches).hasSize(1);
      // a real API server refuses JSON-patch operations below a /status that does not exist (422):
      // the first status is one merge patch of the whole status
      var body = Serialization.jsonMapper().readTree(patches.get(0));
      assertThat(body.isObject()).as("a merge patch, not a list of operations").isTrue();
      assertThat(body.get("status").get("conditions").get(0).get("type").asText()).isEqualTo("A");

      a.set(ConditionResult.error("now failing"));
      rec.reconcile(stored(), recording, null);
      assertThat(patches).hasSize(2);
      var ops = Serialization.jsonMapper().readTree(patches.get(1));
      assertThat(ops.isArray()).as("then JSON-patch operations").isTrue();
      assertThat(ops.get(0).get("path").asText())
          .as("once there is a status, only what changed below it")
          .startsWith("/status/");
    }
  }

  @Test
  void finalizerRunsOnCleanup() throws Exception {
    List<String> finalized = new ArrayList<>();
    var rec =
        ConditionedReconciler.<Artifact, ArtifactStatus>builder(ArtifactStatus::new)
            .finalizer((res, r) -> finalized.add(res.getMetadata().getName()))
            .build();
    rec.cleanup(artifact, client, null);
    assertThat(finalized).containsExactly(artifact.getMetadata().getName());
  }

  /** A client on the same server that records the body of every PATCH it sends. */
  private static KubernetesClient recordingPatches(List<String> patches) {
    Interceptor recorder =
        new Interceptor() {
          @Override
          public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            if ("PATCH".equals(request.method())) {
              patches.add(request.bodyString());
            }
          }
        };
    return new KubernetesClientBuilder()
        .withConfig(client.getConfiguration())
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("record", recorder))
        .build();
  }

  private static ConditionResult add(List<String> order, String name, ConditionResult result) {
    order.add(name);
    return result;
  }

  private static List<String> types(Artifact a) {
    return a.getStatus().getConditions().stream().map(Condition::getType).toList();
  }

  private static Condition condition(Artifact a, String type) {
    return Conditions.find(a.getStatus(), type).orElseThrow();
  }
}
