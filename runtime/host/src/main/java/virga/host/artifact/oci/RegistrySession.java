package virga.host.artifact.oci;

import java.time.Duration;
import java.time.Instant;

/**
 * One pull or push: the reference, the credentials, the access it needs, and its deadline; error
 * messages are phrased from it.
 *
 * @param reference the image
 * @param credentials who asks
 * @param actions the token scope's actions ({@code pull} or {@code pull,push})
 * @param deadline when the whole operation must be done
 * @param timeout the budget the deadline came from (for messages)
 * @param credentialHint where the user sets credentials (for messages)
 */
record RegistrySession(
    ImageReference reference,
    RegistryCredentials credentials,
    String actions,
    Instant deadline,
    Duration timeout,
    String credentialHint) {

  /** A pull of {@code reference} with credentials from a start request. */
  static RegistrySession pull(
      ImageReference reference, RegistryCredentials credentials, Duration timeout) {
    return new RegistrySession(
        reference, credentials, "pull", Instant.now().plus(timeout), timeout, "imagePullSecret");
  }

  /** A push of {@code reference} with credentials from the command line. */
  static RegistrySession push(
      ImageReference reference, RegistryCredentials credentials, Duration timeout) {
    return new RegistrySession(
        reference,
        credentials,
        "pull,push",
        Instant.now().plus(timeout),
        timeout,
        "--username and --password-stdin");
  }

  /** "pull" or "push", for messages. */
  String verb() {
    return actions.contains("push") ? "push" : "pull";
  }

  /** The time left, never negative. */
  Duration remaining() {
    Duration d = Duration.between(Instant.now(), deadline);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
