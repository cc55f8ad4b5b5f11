// StarlingMonkey (componentize-js 0.23) HTTP guest for bench/coldstart: the smallest fetch-event handler, so that
// the figures are the engine's cost of a 12 MB SpiderMonkey component, not the app's.
addEventListener('fetch', (event) =>
  event.respondWith(new Response('hello from StarlingMonkey\n', { headers: { 'content-type': 'text/plain' } })),
);
