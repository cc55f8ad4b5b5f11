package virga.host.workload;

import java.util.Map;
import virga.wasi.http.IncomingHandler;

/**
 * A component of a running workload that exports {@code wasi:http/incoming-handler}: what the
 * ingress calls, and the config of the workload's {@code wasi:http} host interface ({@code host},
 * {@code host-aliases}) it routes by.
 *
 * @param itemName the component's name
 * @param handler calls the component's {@code handle} in an instance from its pool
 * @param config the {@code wasi:http} host interface entry's config (empty when the workload
 *     declares none)
 */
public record HttpEndpoint(String itemName, IncomingHandler handler, Map<String, String> config) {
  public HttpEndpoint {
    config = Map.copyOf(config);
  }
}
