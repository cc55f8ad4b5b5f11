/** The wasmcloud:secrets host plugins. */
package virga.plugins.secrets;
