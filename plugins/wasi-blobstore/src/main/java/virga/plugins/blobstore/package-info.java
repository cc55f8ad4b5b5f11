/** The wasi:blobstore host plugins. */
package virga.plugins.blobstore;
