package virga.operator.conditions;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;

/**
 * What one pass did.
 *
 * @param requeueAfter when to run again: one second after a change, else the interval
 * @param statusPatched whether a status patch was sent
 * @param lastChanged the last condition type whose value changed in the pass, or null when none did
 * @param skippedRestAt the condition type whose skip-rest result ended the pass early, or null
 * @param skipped whether a pre-hook skipped the pass
 */
public record Outcome(
    Duration requeueAfter,
    boolean statusPatched,
    String lastChanged,
    String skippedRestAt,
    boolean skipped) {

  /** The JOSDK answer: the status is patched already, so only a reschedule. */
  public <P extends HasMetadata> UpdateControl<P> toUpdateControl() {
    return UpdateControl.<P>noUpdate().rescheduleAfter(requeueAfter);
  }
}
