/** The wasi:keyvalue host plugins. */
package virga.plugins.keyvalue;
