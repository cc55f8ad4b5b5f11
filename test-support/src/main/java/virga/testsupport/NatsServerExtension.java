package virga.testsupport;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving a test class one real nats-server (see {@link NatsServer}), killed after
 * the class even when tests fail. A test may stop the server; it is started again, on the same
 * port, before the next test. Use as a {@code @RegisterExtension static} field or through {@link
 * WithNatsServer}; methods can take a {@link NatsServer} parameter. Skips the class when
 * nats-server is missing, fails it instead when {@code CI=true}.
 */
public class NatsServerExtension
    implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(NatsServerExtension.class);

  private final Path binary;
  private final UnaryOperator<String> env;
  private volatile NatsServer server;

  /** Uses the nats-server found by {@link NatsServerBinary#find()}. */
  public NatsServerExtension() {
    this(NatsServerBinary.find());
  }

  /** Uses the given nats-server executable. */
  public NatsServerExtension(Path binary) {
    this(binary, System::getenv);
  }

  NatsServerExtension(Path binary, UnaryOperator<String> env) {
    this.binary = binary;
    this.env = env;
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return Prerequisites.check("nats-server", List.of(binary), env);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server =
        context
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                NatsServer.class, k -> NatsServer.start(binary), NatsServer.class);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server().start();
  }

  /** The running server; only valid between beforeAll and the end of the class. */
  public NatsServer server() {
    NatsServer current = server;
    if (current == null) {
      throw new IllegalStateException("nats-server is not running (used outside the test class?)");
    }
    return current;
  }

  /** Shortcut for {@code server().url()}. */
  public String url() {
    return server().url();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == NatsServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    NatsServer running = context.getStore(NAMESPACE).get(NatsServer.class, NatsServer.class);
    if (running == null) {
      throw new ParameterResolutionException("nats-server is not running yet");
    }
    return running;
  }
}
