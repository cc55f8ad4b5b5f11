package virga.operator.conditions;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;

/**
 * What one pass did.
 *
 * @param requeueAfter when to run again: one second after a change, else the interval
 * @param statusPatched whether a status patch was sent
 * @param stoppedAt the condition type the pass stopped at (changed or skip-rest), or null when it
 *     went through every condition (or a pre-hook skipped it)
 * @param skipped whether a pre-hook skipped the pass
 */
public record Outcome(
    Duration requeueAfter, boolean statusPatched, String stoppedAt, boolean skipped) {

  /** The JOSDK answer: the status is patched already, so only a reschedule. */
  public <P extends HasMetadata> UpdateControl<P> toUpdateControl() {
    return UpdateControl.<P>noUpdate().rescheduleAfter(requeueAfter);
  }
}
