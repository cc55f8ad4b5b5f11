/**
 * The host's NATS connections: settings ({@link virga.host.nats.NatsEndpoint}), TLS from PEM files,
 * and the reconnect-forever client options shared by the control plane and the data plane.
 */
package virga.host.nats;
