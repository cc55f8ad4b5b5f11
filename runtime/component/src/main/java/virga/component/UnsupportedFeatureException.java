package virga.component;

/**
 * The component is well formed but uses a feature this engine does not run, such as component-model
 * async ({@code task.*}, {@code stream.*}, ...): "component-model async is not supported".
 */
public class UnsupportedFeatureException extends MalformedComponentException {
  private static final long serialVersionUID = 1L;

  public UnsupportedFeatureException(String message, long offset, String section) {
    super(message, offset, section);
  }
}
