package virga.host.plugin;

/** A plugin could not be loaded, started or bound; the message says which and what to do. */
public final class PluginException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with no underlying cause (a rule of the host was broken). */
  public PluginException(String message) {
    super(message);
  }

  /** A failure of plugin code; {@code cause} is what the plugin threw. */
  public PluginException(String message, Throwable cause) {
    super(message, cause);
  }
}
