package virga.host.cli;

import picocli.CommandLine;

/** The version {@code --version} prints, from the jar manifest when there is one. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = HostCli.class.getPackage().getImplementationVersion();
    return new String[] {"virga host " + (v == null ? "(development build)" : v)};
  }
}
