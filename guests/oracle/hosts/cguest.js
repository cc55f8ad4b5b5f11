// Host side of the cguest fixture's custom WASI imports (shared implementation).
export * from './wasi-extra.mjs';
