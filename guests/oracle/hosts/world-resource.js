// Host side of world example:world-resource: the world-level resource `cell` and functions `make`, `take`.
import { logWorldCall } from '../hostlog.mjs';

const disposeSym = Symbol.dispose ?? Symbol.for('dispose');
export class Cell {
  constructor(v, internal) { if (!internal) logWorldCall('[constructor]cell', [v]); this.v = v; }
  get() { logWorldCall('[method]cell.get', [this]); return this.v; }
  static merge(a, b) { logWorldCall('[static]cell.merge', [a, b]); return new Cell((a.v + b.v) >>> 0, true); }
  [disposeSym]() { globalThis.__virgaOracle.emit(`host: drop <cell>(${this.v})`); }
}
export function make(v) { logWorldCall('make', [v]); return new Cell((v * 3) >>> 0, true); }
// takes ownership and never disposes (like resources.js consume)
export function take(c) { logWorldCall('take', [c]); return (c.v + 1) >>> 0; }
