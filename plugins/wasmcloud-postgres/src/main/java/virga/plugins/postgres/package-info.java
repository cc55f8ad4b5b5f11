/** The wasmcloud:postgres host plugins. */
package virga.plugins.postgres;
