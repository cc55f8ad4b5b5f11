package virga.host.cluster;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import virga.protocol.HostCommand;
import virga.protocol.ProtoJson;
import virga.protocol.Subjects;

/**
 * The operator's side of the protocol for tests: requests with proto3 JSON bodies, and replies
 * decoded strictly, as Go's {@code protojson.Unmarshal} does (an unknown field fails).
 */
final class Bus implements AutoCloseable {
  final Connection nats;

  Bus(String url) throws Exception {
    nats =
        Nats.connect(
            new Options.Builder()
                .server(url)
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(100))
                .build());
  }

  /** Sends {@code body} and decodes the reply into {@code into}'s type, strictly. */
  <T extends Message> T request(
      String hostId, HostCommand command, Message body, Message.Builder into) throws Exception {
    return strict(
        send(hostId, command, ProtoJson.encodeBytes(body)).get(10, TimeUnit.SECONDS), into);
  }

  CompletableFuture<io.nats.client.Message> send(String hostId, HostCommand command, byte[] body) {
    return nats.requestWithTimeout(
        Subjects.hostCommand(hostId, command), body, Duration.ofSeconds(60));
  }

  /** Whether a request on {@code subject} goes unanswered for {@code wait}. */
  boolean unanswered(String subject, byte[] body, Duration wait) throws Exception {
    try {
      nats.requestWithTimeout(subject, body, wait)
          .get(wait.toMillis() + 2000, TimeUnit.MILLISECONDS);
      return false;
    } catch (java.util.concurrent.ExecutionException
        | java.util.concurrent.CancellationException e) {
      return true; // jnats fails the future on its timeout
    } catch (TimeoutException e) {
      return true;
    }
  }

  @SuppressWarnings("unchecked")
  static <T extends Message> T strict(io.nats.client.Message m, Message.Builder into)
      throws Exception {
    JsonFormat.parser().merge(new String(m.getData(), StandardCharsets.UTF_8), into);
    return (T) into.build();
  }

  @Override
  public void close() throws InterruptedException {
    nats.close();
  }

  /** One {@code GET path} with {@code Host: host}: status code and body. */
  static String[] get(int port, String host, String path) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      s.getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      String raw = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int end = raw.indexOf("\r\n\r\n");
      String head = raw.substring(0, end);
      String body = raw.substring(end + 4);
      if (head.toLowerCase().contains("transfer-encoding: chunked")) {
        body = dechunk(body);
      }
      return new String[] {raw.substring(9, 12), body};
    }
  }

  private static String dechunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (true) {
      int eol = chunked.indexOf("\r\n", i);
      int size = Integer.parseInt(chunked.substring(i, eol).trim(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(chunked, eol + 2, eol + 2 + size);
      i = eol + 2 + size + 2;
    }
  }
}
