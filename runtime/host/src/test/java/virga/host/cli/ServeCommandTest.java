package virga.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

@Timeout(120)
class ServeCommandTest {
  record Run(int code, String out, String err) {}

  static CommandLine cli(ServeCommand cmd, StringWriter out, StringWriter err) {
    CommandLine c =
        new CommandLine(cmd)
            .setExecutionExceptionHandler(new CliErrors())
            .setCaseInsensitiveEnumValuesAllowed(true);
    c.setOut(new PrintWriter(out, true));
    c.setErr(new PrintWriter(err, true));
    return c;
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = cli(new ServeCommand(), out, err).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void servesAComponentOnAFreePortUntilInterrupted() throws Exception {
    ServeCommand cmd = new ServeCommand();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger code = new AtomicInteger(-1);
    Thread t =
        new Thread(
            () ->
                code.set(
                    cli(cmd, out, err)
                        .execute(
                            CliRun.fixture("wasi-http-hello.wasm").toString(),
                            "--addr",
                            "127.0.0.1:0")));
    t.start();
    assertThat(cmd.started.await(60, TimeUnit.SECONDS)).as(err.toString()).isTrue();
    int port = cmd.server.address().getPort();
    assertThat(out.toString()).contains("Serving wasi-http-hello.wasm on http://127.0.0.1:" + port);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hi"))
                  .timeout(Duration.ofSeconds(20))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("Hello from Virga!\n");
    }
    t.interrupt();
    t.join(30_000);
    assertThat(code.get()).isZero();
    assertThat(cmd.server.requests()).isEqualTo(5);
  }

  @Test
  void helpDescribesTheCommand() {
    Run r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--addr").contains("wasi:http").contains("fresh instance");
  }

  @Test
  void clearErrors() {
    Run missing = run("/no/such/file.wasm", "--addr", "127.0.0.1:0");
    assertThat(missing.code()).isEqualTo(CliErrors.BAD_INPUT);
    assertThat(missing.err()).contains("no such file");

    Run badAddr = run(CliRun.fixture("wasi-http-hello.wasm").toString(), "--addr", "8080");
    assertThat(badAddr.code()).isEqualTo(CliErrors.BAD_INPUT);
    assertThat(badAddr.err()).contains("--addr must be HOST:PORT");

    Run notHttp = run(CliRun.fixture("reverse.wasm").toString(), "--addr", "127.0.0.1:0");
    assertThat(notHttp.code()).isEqualTo(CliErrors.LINK);
    assertThat(notHttp.err()).contains("not an HTTP component");
  }
}
