package virga.plugins.blobstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.ObjectStoreManagement;
import io.nats.client.Options;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import virga.plugins.blobstore.backend.BlobBackend;
import virga.plugins.blobstore.backend.BlobException;
import virga.plugins.blobstore.backend.NatsObjectStoreBackend;
import virga.testsupport.NatsServerExtension;
import virga.wasi.io.HostInputStream;
import virga.wasi.io.HostOutputStream;
import virga.wasi.io.StreamException;

/**
 * The conformance suite on the NATS object store of a real nats-server with JetStream, plus what
 * only a remote backend can show: a server that goes away mid-call gives an error, never a hang.
 */
class NatsBlobstoreIT extends BlobstoreConformance {
  @RegisterExtension static final NatsServerExtension NATS = new NatsServerExtension();

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
  private Connection connection;

  @Override
  BlobBackend newBackend() throws Exception {
    connection =
        Nats.connect(
            new Options.Builder()
                .server(NATS.url())
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(100))
                .build());
    ObjectStoreManagement m = connection.objectStoreManagement();
    for (String bucket : m.getBucketNames()) {
      m.delete(bucket);
    }
    return new NatsObjectStoreBackend(connection, REQUEST_TIMEOUT);
  }

  @Override
  boolean storesOffHeap() {
    return true;
  }

  @Override
  boolean keepsValuesAcrossDeletes() {
    return false; // a delete purges the chunks; a read that has not fetched them yet fails
  }

  @AfterEach
  void closeConnection() throws InterruptedException {
    if (connection != null) {
      connection.close();
    }
  }

  @Test
  void containerNamesJetStreamRefusesGiveAClearError() {
    assertThat(err(store.createContainer("my bucket")))
        .isEqualTo(
            "container name 'my bucket' is refused by the NATS object store: use only letters,"
                + " digits, '-' and '_'");
    assertThat(err(store.createContainer("a.b"))).contains("refused by the NATS object store");
    assertThat(ok(store.containerExists("a.b"))).isFalse();
  }

  @Test
  void aCallWhileTheServerIsDownFailsWithinTheTimeout() {
    Container c = ok(store.createContainer("down"));
    ok(write(c, "k", "v"));
    NATS.server().stop();
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          assertThat(err(containers.containerHasObject(c, "k"))).contains("failed on NATS");
          assertThat(err(write(c, "k2", "v2"))).contains("failed on NATS");
          assertThat(err(containers.containerGetData(c, "k", 0, 10))).contains("failed on NATS");
        });
  }

  @Test
  void aReadWhoseServerStopsMidStreamEndsWithAnError() {
    Container c = ok(store.createContainer("midread"));
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 7);
    OutgoingValue v = values.outgoingValueNewOutgoingValue();
    HostOutputStream out = ok(values.outgoingValueOutgoingValueWriteBody(v));
    for (int i = 0; i < 512; i++) { // 32 MiB
      out.write(chunk);
    }
    out.close();
    ok(containers.containerWriteData(c, "big", v));
    ok(values.outgoingValueFinish(v));

    HostInputStream in =
        ok(
            values.incomingValueIncomingValueConsumeAsync(
                ok(containers.containerGetData(c, "big", 0, -1L))));
    long read = readSome(in).length;
    NATS.server().stop();
    long total = 32L << 20;
    StreamException end =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () -> {
              long n = read;
              while (true) {
                try {
                  n += readSome(in).length;
                } catch (StreamException e) {
                  assertThat(n).as("bytes before the error").isLessThan(total);
                  return e;
                }
              }
            });
    assertThat(end.isClosed()).as("a failure, not a clean end").isFalse();
    assertThat(end.getCause()).hasMessageContaining("get-data midread/big failed on NATS");
    in.close();
  }

  @Test
  void aWriteWhoseServerStopsMidPutFails() {
    ok(store.createContainer("midwrite"));
    long total = 64L << 20;
    long stopAt = 8L << 20;
    // a value that stops the server once 8 MiB of it went out: the put is surely in flight
    InputStream value =
        new InputStream() {
          long sent;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (sent >= total) {
              return -1;
            }
            if (sent < stopAt && sent + len >= stopAt) {
              NATS.server().stop();
            }
            int n = (int) Math.min(len, total - sent);
            sent += n;
            return n;
          }
        };
    BlobException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () ->
                catchThrowableOfType(
                    () -> backend.write("midwrite", "big", value), BlobException.class));
    assertThat(e).hasMessageStartingWith("write-data midwrite/big failed on NATS");
  }
}
