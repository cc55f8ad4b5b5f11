/**
 * Fakes for plugin unit tests: a {@link virga.plugin.testing.TestItem} whose config a test edits
 * and whose bindings keep what the plugin registered, and a {@link
 * virga.plugin.testing.TestWorkload}. Integration tests run plugins in a real host instead.
 */
package virga.plugin.testing;
