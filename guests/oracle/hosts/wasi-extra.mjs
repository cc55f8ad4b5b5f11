// Shared host implementations of the non-preview2-shim WASI interfaces the WASI fixtures import
// (wasi:config/store, wasi:logging/logging, wasi:keyvalue/store drafts), logged like every host import.
import { hostInterface, logCall } from '../hostlog.mjs';

const configData = { greeting: 'hi-from-host', mode: 'oracle' };
export const configStore = hostInterface('wasi:config/store@0.2.0-draft', {
  get: (key) => configData[key],
  getAll: () => Object.entries(configData),
});
export const loggingLogging = hostInterface('wasi:logging/logging@0.1.0-draft', { log: () => {} });

const KV = 'wasi:keyvalue/store@0.2.0-draft';
const buckets = new Map();
class Bucket {
  constructor(id) { this.id = id; this.map = new Map(); }
  get(key) { logCall(KV, '[method]bucket.get', [this, key]); return this.map.get(key); }
  set(key, value) { logCall(KV, '[method]bucket.set', [this, key, value]); this.map.set(key, Uint8Array.from(value)); }
  delete(key) { logCall(KV, '[method]bucket.delete', [this, key]); this.map.delete(key); }
  exists(key) { logCall(KV, '[method]bucket.exists', [this, key]); return this.map.has(key); }
  listKeys(cursor) { logCall(KV, '[method]bucket.list-keys', [this, cursor]); return { keys: [...this.map.keys()], cursor: undefined }; }
}
export const keyvalueStore = hostInterface(KV, {
  Bucket,
  open(identifier) { if (!buckets.has(identifier)) buckets.set(identifier, new Bucket(identifier)); return buckets.get(identifier); },
});
