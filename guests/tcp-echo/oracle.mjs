// Node reference oracle for tcp-echo: jco-transpiles guests/wasm/tcp-echo.wasm (preview2-shim provides
// wasi:sockets) and calls wasi:cli/run#run; config comes from TCP_ECHO_* env vars (config-host.js).
// Exit code 0 for ok, 1 for err, 2 on the 60 s harness timeout. Needs `cd guests/tools && npm install`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
const G = fileURLToPath(new URL('..', import.meta.url));
const out = join(G, 'tools', 'oracle-out', 'tcp-echo');
rmSync(out, { recursive: true, force: true }); mkdirSync(out, { recursive: true });
execFileSync(join(G, 'tools', 'node_modules', '.bin', 'jco'), ['transpile', join(G, 'wasm', 'tcp-echo.wasm'),
  '-o', out, '--name', 'tcp-echo', '--quiet',
  '--map', 'wasi:config/store@0.2.0-draft=../../../tcp-echo/config-host.js#config'], { stdio: ['ignore', 'ignore', 'inherit'] });
const m = await import(pathToFileURL(join(out, 'tcp-echo.js')).href);
const t = setTimeout(() => { console.log('harness timeout'); process.exit(2); }, 60000);
let code = 0;
try { m.run.run(); } catch (e) { code = 1; }
clearTimeout(t);
process.exitCode = code;
