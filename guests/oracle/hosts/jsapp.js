// Host side of the jsapp fixture's custom WASI imports (shared implementation).
export * from './wasi-extra.mjs';
