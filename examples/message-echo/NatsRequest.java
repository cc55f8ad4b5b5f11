// A stock NATS request for machines without the `nats` CLI: jnats (inside the host's CLI jar), run as a
// single-file program. Prints the reply body, or the error and exit code 1.
//   java -cp runtime/host/target/virga-host-0.1.0-SNAPSHOT-cli.jar examples/message-echo/NatsRequest.java \
//     nats://127.0.0.1:4222 echo.request hello
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

public class NatsRequest {
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: NatsRequest NATS_URL SUBJECT BODY");
      System.exit(2);
    }
    try (Connection c = Nats.connect(args[0])) {
      Message reply =
          c.request(args[1], args[2].getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
      if (reply == null) {
        System.err.println("no reply (nobody subscribed, or none within 5 s)");
        System.exit(1);
      }
      System.out.println(new String(reply.getData(), StandardCharsets.UTF_8));
    }
  }
}
