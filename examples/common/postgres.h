// The wasmcloud:postgres@0.1.1-draft query calls of an example component, with the canonical ABI written by
// hand (like wasi.h). pg-value is a variant of 97 cases: an u8 case index @0 and the payload @8 (the largest
// payload, box = two points of two hashable-f64 of 16 bytes, is 64 bytes): 72 bytes, 8-aligned. Case indexes
// used here: null 0, int8 2, bool 6, int4 17, int2 25, name 86, text 88 (numbers and strings as below).
//   result-row-entry                      column-name ptr @0, len @4; pg-value @8: 80 bytes, 8-aligned
//   result<list<result-row>, query-error> tag @0; ok: list ptr @4, len @8 (each row a list<entry>: ptr, len);
//                                         err: query-error tag @4 (0 invalid-params, 1 invalid-query,
//                                         2 unexpected), string ptr @8, len @12
//   result<_, query-error>                tag @0; err as above
#ifndef EXAMPLES_POSTGRES_H
#define EXAMPLES_POSTGRES_H
#include "wasi.h"

#define PG_QUERY "wasmcloud:postgres/query@0.1.1-draft"
#define PG_VALUE_SIZE 72
#define PG_ENTRY_SIZE 80
enum { PG_NULL = 0, PG_INT8 = 2, PG_BOOL = 6, PG_INT4 = 17, PG_INT2 = 25, PG_NAME = 86, PG_TEXT = 88 };

IMPORT(PG_QUERY, "query") void pg_query_raw(const char *q, uint32_t q_len, const void *params, uint32_t n, void *ret);
IMPORT(PG_QUERY, "query-batch") void pg_query_batch_raw(const char *q, uint32_t q_len, void *ret);

typedef struct { uint8_t bytes[PG_VALUE_SIZE]; } __attribute__((aligned(8))) pg_value_t;

static pg_value_t pg_text(str_t s) {
  pg_value_t v = {{0}};
  v.bytes[0] = PG_TEXT;
  *(uint32_t *)(v.bytes + 8) = (uint32_t)(uintptr_t)s.p;
  *(uint32_t *)(v.bytes + 12) = s.n;
  return v;
}

typedef struct { const uint8_t *p; uint32_t n; } pg_rows_t; // list<result-row>: n rows of (ptr, len)

// the query-error at offset 4 of RET, as text: "invalid-params: ...", "invalid-query: ..." or "unexpected: ..."
static void pg_error_text(buf_t *b) {
  static const char *names[] = {"invalid-params: ", "invalid-query: ", "unexpected: "};
  uint8_t t = RU8(4);
  buf_str(b, t < 3 ? names[t] : "error: ");
  str_t m = {(const char *)(uintptr_t)RU32(8), RU32(12)};
  buf_s(b, m);
}

// runs q with params; 0 with the rows in *rows, else -1 with the error text appended to err
static int pg_query(str_t q, const pg_value_t *params, uint32_t n, pg_rows_t *rows, buf_t *err) {
  pg_query_raw(q.p, q.n, params, n, RET);
  if (RU8(0)) { pg_error_text(err); return -1; }
  rows->p = (const uint8_t *)(uintptr_t)RU32(4); rows->n = RU32(8);
  return 0;
}

// runs q (statements without parameters); 0, else -1 with the error text appended to err
static int pg_batch(str_t q, buf_t *err) {
  pg_query_batch_raw(q.p, q.n, RET);
  if (RU8(0)) { pg_error_text(err); return -1; }
  return 0;
}

// the value of column col of row r (0-based): its entry's pg-value
static const uint8_t *pg_cell(pg_rows_t rows, uint32_t r, uint32_t col) {
  const uint8_t *row = rows.p + 8 * r;
  const uint8_t *entries = (const uint8_t *)(uintptr_t)*(const uint32_t *)row;
  return entries + PG_ENTRY_SIZE * col + 8;
}

// appends a cell's value as text: numbers in decimal, strings as they are, "NULL", or "?" for other cases
static void buf_pg(buf_t *b, const uint8_t *v) {
  switch (v[0]) {
    case PG_NULL: buf_str(b, "NULL"); break;
    case PG_INT8: {
      int64_t x = *(const int64_t *)(v + 8);
      if (x < 0) { buf_str(b, "-"); x = -x; }
      buf_u64(b, (uint64_t)x);
      break;
    }
    case PG_INT4: case PG_INT2: {
      int32_t x = v[0] == PG_INT4 ? *(const int32_t *)(v + 8) : *(const int16_t *)(v + 8);
      if (x < 0) { buf_str(b, "-"); x = -x; }
      buf_u64(b, (uint64_t)x);
      break;
    }
    case PG_BOOL: buf_str(b, v[8] ? "true" : "false"); break;
    case PG_TEXT: case PG_NAME: {
      str_t s = {(const char *)(uintptr_t)*(const uint32_t *)(v + 8), *(const uint32_t *)(v + 12)};
      buf_s(b, s);
      break;
    }
    default: buf_str(b, "?");
  }
}
#endif
