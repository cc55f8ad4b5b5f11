// Host side of example:resources/host: a byte blob resource; every call is logged.
import { hostInterface, logCall } from '../hostlog.mjs';

const IFACE = 'example:resources/host@0.1.0';
const disposeSym = Symbol.dispose ?? Symbol.for('dispose');
class Blob {
  constructor(init, internal) { if (!internal) logCall(IFACE, '[constructor]blob', [init]); this.bytes = Array.from(init); }
  size() { logCall(IFACE, '[method]blob.size', [this]); return this.bytes.length; }
  append(more) { logCall(IFACE, '[method]blob.append', [this, more]); this.bytes.push(...more); }
  static concat(a, b) { logCall(IFACE, '[static]blob.concat', [a, b]); return new Blob([...a.bytes, ...b.bytes], true); }
  [disposeSym]() { globalThis.__virgaOracle.emit(`host: drop <blob>(${this.bytes.length} bytes)`); }
}
export const resourcesHost = hostInterface(IFACE, {
  Blob,
  consume(b) { return b.bytes.reduce((x, y) => x + y, 0); },
});
