package virga.host.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import virga.component.Component;
import virga.component.Linker;
import virga.wasi.CommandRunner;
import virga.wasi.NetworkPolicy;
import virga.wasi.Preopen;
import virga.wasi.WasiContext;

/**
 * {@code host run COMPONENT.wasm [ARGS...]}: runs a {@code wasi:cli/run} component with the
 * terminal's stdio and exits with its exit code, as {@code wasmtime run} does; {@code host run
 * MANIFEST.yaml} runs the workloads of a WorkloadDeployment manifest ({@link ManifestRun}).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a command component (one that exports wasi:cli/run) and exit with its exit code,",
      "or run the workloads of a manifest (the WorkloadDeployment YAML `kubectl apply` takes,",
      "with its ConfigMaps and Secrets) until Ctrl-C.",
      "Examples: host run app.wasm --env GREETING=hi --dir ./data::/data -- arg1 arg2",
      "          host run examples/config-injection/workload.yaml --http-addr 127.0.0.1:8080"
    })
final class RunCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "COMPONENT|MANIFEST",
      description =
          "A component binary (.wasm), or a manifest (.yaml, .yml, .json, or a directory of them).")
  Path component;

  @Parameters(
      index = "1..*",
      paramLabel = "ARGS",
      description = "Arguments for the guest (after its program name).")
  List<String> args = new ArrayList<>();

  @Option(
      names = "--env",
      paramLabel = "NAME=VALUE",
      description = "Set an environment variable for the guest (repeatable).")
  Map<String, String> env = new LinkedHashMap<>();

  @Option(
      names = "--inherit-env",
      description = "Give the guest this process's environment (before --env).")
  boolean inheritEnv;

  @Option(
      names = "--dir",
      paramLabel = "HOST::GUEST",
      description = "Preopen host directory HOST as GUEST, writable (repeatable).")
  List<String> dirs = new ArrayList<>();

  @Option(
      names = "--read-only-dir",
      paramLabel = "HOST::GUEST",
      description = "Preopen host directory HOST as GUEST, read-only (repeatable).")
  List<String> readOnlyDirs = new ArrayList<>();

  @Option(
      names = "--allow-network",
      description = "Let the guest bind, connect and resolve names (denied by default).")
  boolean allowNetwork;

  @Mixin LimitOptions limits = new LimitOptions();

  @Mixin ManifestOptions manifest = new ManifestOptions();

  @Mixin OciOptions oci = new OciOptions();

  @Mixin TlsOptions tls = new TlsOptions();

  @Mixin CompileCacheOptions compileCache = new CompileCacheOptions();

  @Override
  public Integer call() throws Exception {
    if (ManifestOptions.isManifest(component)) {
      if (!args.isEmpty()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "a manifest takes no guest arguments (got " + args + ")");
      }
      return new ManifestRun(
              component, manifest, oci, tls, compileCache, spec.commandLine().getErr())
          .call();
    }
    Component c = compileCache.engine().compile(Files.readAllBytes(component));
    List<String> argv = new ArrayList<>();
    argv.add(component.getFileName().toString());
    argv.addAll(args);
    WasiContext.Builder ctx = WasiContext.builder().args(argv).inheritStdio().cwd("/");
    if (inheritEnv) {
      ctx.inheritEnv();
    }
    ctx.env(env);
    for (String d : dirs) {
      ctx.preopen(preopen(d, false));
    }
    for (String d : readOnlyDirs) {
      ctx.preopen(preopen(d, true));
    }
    ctx.networkPolicy(allowNetwork ? NetworkPolicy.ALLOW_ALL : NetworkPolicy.DENY_ALL);
    return CommandRunner.run(c, new Linker(), ctx.build(), limits.limits());
  }

  private Preopen preopen(String spec, boolean readOnly) {
    int sep = spec.indexOf("::");
    if (sep <= 0 || sep + 2 >= spec.length()) {
      throw new CommandLine.ParameterException(
          this.spec.commandLine(),
          "--dir takes HOST::GUEST, e.g. ./data::/data (got '" + spec + "')");
    }
    Path host = Path.of(spec.substring(0, sep)).toAbsolutePath().normalize();
    if (!Files.isDirectory(host)) {
      throw new CommandLine.ParameterException(
          this.spec.commandLine(), "--dir: " + host + " is not a directory");
    }
    return new Preopen(host, spec.substring(sep + 2), readOnly);
  }
}
