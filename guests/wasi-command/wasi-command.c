// WASI command fixture (C + wasi-libc + preview1 command adapter): args, env, cwd, stdin, clocks,
// random, poll and a chosen exit code. Its stdout is deterministic, so the JVM host and `jco run`
// can be compared byte for byte.
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  for (int i = 1; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
  const char *g = getenv("GREETING");
  printf("GREETING=%s\n", g ? g : "(unset)");
  char cwd[256];
  printf("cwd=%s\n", getcwd(cwd, sizeof cwd) ? cwd : "(none)");

  // stdin: wait for it with poll (a timer and a stream pollable in one call), then read it all
  struct pollfd p = {.fd = 0, .events = POLLIN};
  int ready = poll(&p, 1, 5000);
  printf("stdin poll ready=%d\n", ready);
  char buf[4096];
  size_t total = 0, lines = 0;
  ssize_t n;
  while ((n = read(0, buf, sizeof buf)) > 0) {
    for (ssize_t i = 0; i < n; i++) lines += buf[i] == '\n';
    if (total == 0) printf("stdin first byte=%c\n", buf[0]);
    total += (size_t)n;
  }
  printf("stdin bytes=%zu lines=%zu\n", total, lines);

  struct timespec a, b, w;
  clock_gettime(CLOCK_MONOTONIC, &a);
  struct timespec d = {.tv_sec = 0, .tv_nsec = 20 * 1000 * 1000};
  nanosleep(&d, NULL);
  clock_gettime(CLOCK_MONOTONIC, &b);
  long long slept = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
  printf("slept>=20ms=%s\n", slept >= 20000000LL ? "yes" : "no");
  clock_gettime(CLOCK_REALTIME, &w);
  printf("wall after 2020=%s\n", w.tv_sec > 1577836800 ? "yes" : "no");

  unsigned char r[32];
  int rc = getentropy(r, sizeof r);
  int nonzero = 0;
  for (size_t i = 0; i < sizeof r; i++) nonzero |= r[i];
  printf("random rc=%d nonzero=%s\n", rc, nonzero ? "yes" : "no");
  fprintf(stderr, "to stderr\n");

  int code = 0;
  for (int i = 1; i < argc; i++)
    if (strncmp(argv[i], "exit=", 5) == 0) code = atoi(argv[i] + 5);
  printf("exiting with %d\n", code);
  fflush(stdout);
  return code;
}
