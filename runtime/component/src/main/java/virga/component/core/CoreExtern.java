package virga.component.core;

/**
 * Something a core instance exports or a core module imports: a function, memory, table or global.
 */
public sealed interface CoreExtern permits CoreFunction, CoreMemory, CoreTable, CoreGlobal {}
