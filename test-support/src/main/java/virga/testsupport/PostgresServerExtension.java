package virga.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving a test class one real PostgreSQL (see {@link PostgresServer}), stopped
 * and deleted after the class even when tests fail. A test may stop the server; it is started
 * again, on the same port and data, before the next test. Use through {@link WithPostgresServer} or
 * as a {@code @RegisterExtension static} field; methods can take a {@link PostgresServer}
 * parameter. Skips the class when PostgreSQL is missing, fails it instead when {@code CI=true}.
 */
public class PostgresServerExtension
    implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresServerExtension.class);

  private volatile PostgresServer server;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return Prerequisites.check("postgresql", PostgresServer.binaries());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server =
        context
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                PostgresServer.class, k -> PostgresServer.start(), PostgresServer.class);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server().restart();
  }

  /** The running server; only valid between beforeAll and the end of the class. */
  public PostgresServer server() {
    PostgresServer current = server;
    if (current == null) {
      throw new IllegalStateException("PostgreSQL is not running (used outside the test class?)");
    }
    return current;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PostgresServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    PostgresServer running =
        context.getStore(NAMESPACE).get(PostgresServer.class, PostgresServer.class);
    if (running == null) {
      throw new ParameterResolutionException("PostgreSQL is not running yet");
    }
    return running;
  }
}
