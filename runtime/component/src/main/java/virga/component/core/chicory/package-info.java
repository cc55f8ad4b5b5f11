/**
 * The Chicory implementation of the core-wasm SPI ({@link
 * virga.component.core.chicory.ChicoryEngine}).
 *
 * <ul>
 *   <li><b>Compilation.</b> Modules are parsed and validated by Chicory and compiled to JVM
 *       bytecode by its runtime compiler once per SHA-256 digest; the result is kept in memory
 *       (unbounded, for the engine's lifetime) and optionally in a disk directory keyed by digest
 *       and Chicory version. Functions too large for one JVM method run in Chicory's interpreter.
 *   <li><b>Linking.</b> Imports may be Java functions ({@link
 *       virga.component.core.CoreFunction#host}) or functions, memories, tables and globals
 *       exported by other Chicory instances; guest-to-guest links call the exporting machine
 *       directly.
 *   <li><b>Limits.</b> {@link virga.component.core.InstanceLimits#maxMemoryBytes()} caps every
 *       memory an instance defines (imported memories are capped by their owner). The deadline is
 *       enforced by one shared daemon thread that interrupts the calling thread; Chicory checks the
 *       interrupt flag on loop back-edges and calls, and the flag is cleared before the call
 *       returns. Nested calls from host functions keep the earliest deadline.
 *   <li><b>Traps.</b> Every failure of a call from Java becomes a {@link
 *       virga.component.TrapException} carrying the wasm function names of its backtrace (from the
 *       name section, else {@code wasm-function[N]}; frames running in the interpreter are not
 *       named) and poisons the instance.
 *   <li><b>Threads.</b> Modules and the engine are thread-safe; an instance, like the wasm it runs,
 *       must be entered by one thread at a time.
 * </ul>
 */
package virga.component.core.chicory;
