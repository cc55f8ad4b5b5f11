// Host side of the rguest fixture's custom WASI imports (shared implementation).
export * from './wasi-extra.mjs';
