/**
 * The condition machinery every controller is written in: one {@link
 * virga.operator.conditions.ConditionFunction} per status condition, evaluated in order by a {@link
 * virga.operator.conditions.ConditionedReconciler}, which patches the status and tells JOSDK when
 * to come back. Usage in a JOSDK reconciler:
 *
 * <pre>{@code
 * @ControllerConfiguration(name = "artifact")
 * public class ArtifactReconciler implements Reconciler<Artifact> {
 *   private final ConditionedReconciler<Artifact, ArtifactStatus> conditions =
 *       ConditionedReconciler.<Artifact, ArtifactStatus>builder(ArtifactStatus::new)
 *           .condition(ConditionTypes.SYNC, this::sync)
 *           .condition(ConditionTypes.READY, this::ready)
 *           .build();
 *
 *   public UpdateControl<Artifact> reconcile(Artifact a, Context<Artifact> ctx) throws Exception {
 *     return conditions.reconcile(a, ctx);
 *   }
 * }
 * }</pre>
 *
 * For a finalizer, set {@code finalizerName} on {@code @ControllerConfiguration}, implement {@code
 * Cleaner} and return {@code conditions.cleanup(resource, ctx)}.
 */
package virga.operator.conditions;
