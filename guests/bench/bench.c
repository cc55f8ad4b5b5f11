// World example:bench/bench: freestanding compute kernels (no libc, no WASI); buffers come from the bump
// allocator in ../common/bump.h and are reused across calls.
#include "../common/bump.h"

static uint8_t *sieve_buf; static uint32_t sieve_cap;
__attribute__((export_name("sieve")))
uint32_t sieve(uint32_t n) {
  if (n + 1 > sieve_cap) { sieve_buf = bump_alloc(8, n + 1); sieve_cap = n + 1; }
  for (uint32_t i = 0; i <= n; i++) sieve_buf[i] = 1;
  sieve_buf[0] = 0; if (n >= 1) sieve_buf[1] = 0;
  for (uint64_t i = 2; i * i <= n; i++)
    if (sieve_buf[i]) for (uint64_t j = i * i; j <= n; j += i) sieve_buf[j] = 0;
  uint32_t c = 0; for (uint32_t i = 0; i <= n; i++) c += sieve_buf[i];
  return c;
}

static double *A, *B, *C; static uint32_t mat_cap;
__attribute__((export_name("matmul")))
uint32_t matmul(uint32_t n) {
  uint32_t nn = n * n;
  if (nn > mat_cap) { A = bump_alloc(8, nn * 8); B = bump_alloc(8, nn * 8); C = bump_alloc(8, nn * 8); mat_cap = nn; }
  for (uint32_t i = 0; i < nn; i++) { A[i] = (i % 7) * 0.5; B[i] = (i % 5) * 0.25; C[i] = 0; }
  for (uint32_t i = 0; i < n; i++) for (uint32_t k = 0; k < n; k++) { double a = A[i * n + k];
    for (uint32_t j = 0; j < n; j++) C[i * n + j] += a * B[k * n + j]; }
  double s = 0; for (uint32_t i = 0; i < nn; i++) s += C[i];
  return (uint32_t)s;
}

static uint32_t crc_table[256];
__attribute__((export_name("crc32")))
uint32_t crc32(uint32_t rounds) {
  for (uint32_t i = 0; i < 256; i++) { uint32_t c = i; for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1; crc_table[i] = c; }
  uint32_t crc = 0xFFFFFFFFu;
  for (uint32_t r = 0; r < rounds; r++) for (uint32_t i = 0; i < 1u << 20; i++) crc = crc_table[(crc ^ (uint8_t)(i * 31 + r)) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}
