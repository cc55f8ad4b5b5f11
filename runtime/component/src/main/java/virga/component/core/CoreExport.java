package virga.component.core;

/** An export a core module declares. */
public record CoreExport(String name, CoreImport.Kind kind) {}
