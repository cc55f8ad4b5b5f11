package virga.wasi.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import virga.component.values.Value;
import virga.component.wit.HostBinder;
import virga.wasi.WasiContext;
import virga.wasi.WasiExit;
import virga.wasi.WasiPackage;
import virga.wasi.host.Vals;
import virga.wasi.io.JavaOutputStream;
import virga.wasi.io.SourceInputStream;

/**
 * {@code wasi:cli} imports: environment, exit, stdin/stdout/stderr bound to the context's Java
 * streams, and the terminal interfaces (present; no stream is a terminal, so each returns none).
 */
public final class WasiCli implements WasiPackage {
  @Override
  public String id() {
    return "wasi:cli";
  }

  @Override
  public void addTo(HostBinder binder, WasiContext ctx) {
    binder
        .iface("wasi:cli/environment")
        .func("get-environment", a -> environment(ctx.env()))
        .func("get-arguments", a -> Vals.strings(ctx.args()))
        .func(
            "initial-cwd",
            a -> ctx.cwd() == null ? Value.none() : Value.some(Value.string(ctx.cwd())));

    binder
        .iface("wasi:cli/exit")
        .func(
            "exit",
            a -> {
              throw new WasiExit(((Value.ResultValue) a[0]).isOk() ? 0 : 1);
            })
        .func(
            "exit-with-code",
            a -> {
              throw new WasiExit(Vals.u8(a[0]));
            });

    HostBinder.Interface stdin = binder.iface("wasi:cli/stdin");
    stdin.func(
        "get-stdin",
        a ->
            ctx.resources()
                .own(
                    stdin.resource("input-stream"),
                    new SourceInputStream(ctx.stdinSource(), false)));
    long budget = ctx.limits().maxWriteBudget();
    HostBinder.Interface stdout = binder.iface("wasi:cli/stdout");
    stdout.func(
        "get-stdout",
        a ->
            ctx.resources()
                .own(
                    stdout.resource("output-stream"),
                    new JavaOutputStream(ctx.stdout(), budget, false)));
    HostBinder.Interface stderr = binder.iface("wasi:cli/stderr");
    stderr.func(
        "get-stderr",
        a ->
            ctx.resources()
                .own(
                    stderr.resource("output-stream"),
                    new JavaOutputStream(ctx.stderr(), budget, false)));

    binder.iface("wasi:cli/terminal-input");
    binder.iface("wasi:cli/terminal-output");
    binder.iface("wasi:cli/terminal-stdin").func("get-terminal-stdin", a -> Value.none());
    binder.iface("wasi:cli/terminal-stdout").func("get-terminal-stdout", a -> Value.none());
    binder.iface("wasi:cli/terminal-stderr").func("get-terminal-stderr", a -> Value.none());
  }

  private static Value environment(List<Map.Entry<String, String>> env) {
    List<Value> out = new ArrayList<>(env.size());
    for (Map.Entry<String, String> e : env) {
      out.add(Value.tuple(Value.string(e.getKey()), Value.string(e.getValue())));
    }
    return Value.list(out);
  }
}
