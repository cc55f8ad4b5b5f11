package virga.wasi.sockets;

import virga.wasi.host.HostResource;

/**
 * The rep of {@code wasi:sockets/network.network}: the capability {@code instance-network} hands
 * out.
 */
final class Network extends HostResource {}
