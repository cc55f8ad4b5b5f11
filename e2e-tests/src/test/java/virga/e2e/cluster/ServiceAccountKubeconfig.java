package virga.e2e.cluster;

import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * A kubeconfig holding the token that kube-controller-manager's token controller minted for a
 * ServiceAccount (a {@code kubernetes.io/service-account-token} Secret, as in Kubernetes 1.20):
 * what a pod running as that ServiceAccount would authenticate with.
 */
public final class ServiceAccountKubeconfig {
  private ServiceAccountKubeconfig() {}

  /**
   * Waits up to {@code timeout} for the token of {@code namespace/serviceAccount} and writes a
   * kubeconfig for it to {@code file}.
   */
  public static Path write(
      KubeControlPlane cp, String namespace, String serviceAccount, Duration timeout, Path file)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<String> token = token(cp, namespace, serviceAccount);
      if (token.isPresent()) {
        Files.writeString(
            file,
            cp.kubeconfigYaml(
                "system:serviceaccount:" + namespace + ":" + serviceAccount,
                token.get(),
                namespace));
        return file;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no token Secret for ServiceAccount "
                + namespace
                + "/"
                + serviceAccount
                + " within "
                + timeout
                + "; kube-controller-manager:\n"
                + cp.controllerManagerLog());
      }
      Thread.sleep(200);
    }
  }

  private static Optional<String> token(KubeControlPlane cp, String ns, String sa)
      throws IOException {
    for (Secret s : cp.admin().secrets().inNamespace(ns).list().getItems()) {
      if ("kubernetes.io/service-account-token".equals(s.getType())
          && s.getMetadata().getAnnotations() != null
          && sa.equals(s.getMetadata().getAnnotations().get("kubernetes.io/service-account.name"))
          && s.getData() != null
          && s.getData().get("token") != null) {
        return Optional.of(
            new String(
                Base64.getDecoder().decode(s.getData().get("token")), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }
}
