/** The wasmcloud:messaging host plugins. */
package virga.plugins.messaging;
