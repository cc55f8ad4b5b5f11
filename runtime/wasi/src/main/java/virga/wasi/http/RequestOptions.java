package virga.wasi.http;

import java.time.Duration;
import virga.wasi.host.HostResource;

/** The rep of {@code request-options}: the three timeouts, each optional. */
public final class RequestOptions extends HostResource {
  Duration connectTimeout;
  Duration firstByteTimeout;
  Duration betweenBytesTimeout;

  public synchronized Duration connectTimeout() {
    return connectTimeout;
  }

  public synchronized Duration firstByteTimeout() {
    return firstByteTimeout;
  }

  public synchronized Duration betweenBytesTimeout() {
    return betweenBytesTimeout;
  }

  /** A snapshot (the guest may keep changing the resource after handing it over). */
  synchronized RequestOptions copy() {
    RequestOptions o = new RequestOptions();
    o.connectTimeout = connectTimeout;
    o.firstByteTimeout = firstByteTimeout;
    o.betweenBytesTimeout = betweenBytesTimeout;
    return o;
  }
}
