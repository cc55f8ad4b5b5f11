package virga.testsupport;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving a test class one real kube-apiserver + etcd (see {@link KubeApiServer}),
 * stopped after the class even when tests fail. Use it as a {@code @RegisterExtension static} field
 * or through {@link WithKubeApiServer}; test methods and lifecycle methods can take {@link
 * KubeApiServer} or {@link KubernetesClient} parameters. Skips the class when the binaries are
 * missing, fails it instead when {@code CI=true}.
 */
public class KubeApiServerExtension
    implements ExecutionCondition, BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KubeApiServerExtension.class);

  private final KubeApiTestDir dir;
  private final UnaryOperator<String> env;
  private volatile KubeApiServer server;

  /** Uses the binaries named by KUBE_API_TEST_DIR (default ~/.cache/kube-debian/kube-api-test). */
  public KubeApiServerExtension() {
    this(KubeApiTestDir.fromSettings());
  }

  /** Uses the binaries in the given kube-api-test directory. */
  public KubeApiServerExtension(KubeApiTestDir dir) {
    this(dir, System::getenv);
  }

  KubeApiServerExtension(KubeApiTestDir dir, UnaryOperator<String> env) {
    this.dir = dir;
    this.env = env;
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return Prerequisites.check("kube-apiserver", dir.binaries(), env);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // JUnit closes AutoCloseable store values after the outermost class; nested classes reuse it
    server =
        context
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                KubeApiServer.class, k -> KubeApiServer.start(dir), KubeApiServer.class);
  }

  /** The running server; only valid between beforeAll and the end of the class. */
  public KubeApiServer server() {
    KubeApiServer current = server;
    if (current == null) {
      throw new IllegalStateException(
          "kube-apiserver is not running (used outside the test class?)");
    }
    return current;
  }

  /** Shortcut for {@code server().client()}. */
  public KubernetesClient client() {
    return server().client();
  }

  /** Shortcut for {@code server().kubeConfigFile()}. */
  public Path kubeConfigFile() {
    return server().kubeConfigFile();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KubeApiServer.class || type == KubernetesClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    KubeApiServer running =
        context.getStore(NAMESPACE).get(KubeApiServer.class, KubeApiServer.class);
    if (running == null) {
      throw new ParameterResolutionException("kube-apiserver is not running yet");
    }
    return parameter.getParameter().getType() == KubeApiServer.class ? running : running.client();
  }
}
