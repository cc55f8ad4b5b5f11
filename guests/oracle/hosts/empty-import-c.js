// empty-import-c imports the same interface as empty-import, with the same host.
export { emptyImportHost } from './empty-import.js';
