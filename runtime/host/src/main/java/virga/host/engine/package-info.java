/** The host's component engine and its on-disk cache of compiled code. */
package virga.host.engine;
