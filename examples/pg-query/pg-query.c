// pg-query: an HTTP component on wasmcloud:postgres that counts visits per name in table "visits". The name
// from the path is always a bound parameter ($1), never part of the SQL text.
//   /visit/NAME   records a visit of NAME (the raw path segment, not URL-decoded); answers "NAME N\n" with
//                 N the visits of NAME so far
//   /top          the five most frequent names, one "NAME N\n" line each
// Any other path answers 404; a postgres error answers 500 with the WIT error ("invalid-query: ERROR: ...").
#include "../common/http.h"
#include "../common/postgres.h"

static int starts(str_t s, const char *prefix, str_t *rest) {
  str_t p = S(prefix);
  if (s.n < p.n) return 0;
  for (uint32_t i = 0; i < p.n; i++) if (s.p[i] != p.p[i]) return 0;
  rest->p = s.p + p.n; rest->n = s.n - p.n;
  return 1;
}

static int ready; // the table exists (per instance: the check is cheap, and idempotent)

static int serve(str_t path, int32_t *status, buf_t *out) {
  str_t name;
  pg_rows_t rows;
  if (!starts(path, "/visit/", &name) && !str_eq(path, S("/top"))) {
    *status = 404; buf_str(out, "use /visit/NAME or /top\n");
    return 0;
  }
  if (!ready) {
    if (pg_batch(S("CREATE TABLE IF NOT EXISTS visits (name text NOT NULL, at timestamptz NOT NULL DEFAULT now())"),
                 out)) return -1;
    ready = 1;
  }
  if (str_eq(path, S("/top"))) {
    if (pg_query(S("SELECT name, count(*) AS n FROM visits GROUP BY name ORDER BY n DESC, name LIMIT 5"), 0, 0,
                 &rows, out)) return -1;
    for (uint32_t r = 0; r < rows.n; r++) {
      buf_pg(out, pg_cell(rows, r, 0)); buf_str(out, " "); buf_pg(out, pg_cell(rows, r, 1)); buf_str(out, "\n");
    }
    return 0;
  }
  pg_value_t param = pg_text(name);
  if (pg_query(S("INSERT INTO visits (name) VALUES ($1)"), &param, 1, &rows, out)) return -1;
  if (pg_query(S("SELECT count(*) AS n FROM visits WHERE name = $1"), &param, 1, &rows, out)) return -1;
  buf_s(out, name); buf_str(out, " ");
  if (rows.n == 1) buf_pg(out, pg_cell(rows, 0, 0));
  buf_str(out, "\n");
  return 0;
}

EXPORT(HANDLE_EXPORT) void handle(h32 request, h32 outparam) {
  static uintptr_t heap; // nothing outlives a request: a pooled instance reuses the same memory
  if (!heap) heap = bump_mark(); else bump_release(heap);
  str_t path = request_path(request);
  int32_t status = 200;
  buf_t out = {0};
  if (serve(path, &status, &out)) {
    buf_t e = {0};
    buf_str(&e, "postgres error: "); buf_put(&e, out.p, out.len); buf_str(&e, "\n");
    out = e; status = 500;
  }
  incoming_request_drop(request);
  respond_buf(outparam, status, &out);
}
