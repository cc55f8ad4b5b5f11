// WASI filesystem fixture (C + wasi-libc + preview1 command adapter): in the directory argv[1]
// (a preopen, or below one) it creates, writes, appends, reads, seeks, truncates, stats, lists,
// links, renames and removes files and directories, printing each result. Errors are printed as
// wasi-libc errno names, so the JVM host and `jco run` can be compared byte for byte.
// With argv[2] == "escape" it also tries to leave the preopen (JVM host only: the node shim does
// not sandbox paths) and prints what each attempt returned.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[512];
static int unexpected;

static const char *ename(int e) {
  switch (e) {
    case 0: return "ok";
    case ENOENT: return "ENOENT";
    case EEXIST: return "EEXIST";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case ENOTEMPTY: return "ENOTEMPTY";
    case EPERM: return "EPERM";
    case EACCES: return "EACCES";
    case EINVAL: return "EINVAL";
    case ELOOP: return "ELOOP";
    case EBADF: return "EBADF";
    case EROFS: return "EROFS";
    case ENOTCAPABLE: return "ENOTCAPABLE";
    default: return "other";
  }
}

static const char *p(const char *rel) {
  static char buf[2][1024];
  static int i;
  i ^= 1;
  snprintf(buf[i], sizeof buf[i], "%s/%s", root, rel);
  return buf[i];
}

static void check(const char *what, int rc) {
  printf("%s: %s\n", what, rc < 0 ? ename(errno) : "ok");
  if (rc < 0) unexpected++;
}

static void expect_err(const char *what, int rc) {
  printf("%s: %s\n", what, rc < 0 ? ename(errno) : "ok (unexpected)");
  if (rc >= 0) unexpected++;
}

static int write_file(const char *rel, const char *text, int flags) {
  int fd = open(p(rel), O_WRONLY | O_CREAT | flags, 0644);
  if (fd < 0) return -1;
  ssize_t n = write(fd, text, strlen(text));
  close(fd);
  return n == (ssize_t)strlen(text) ? 0 : -1;
}

static void print_file(const char *rel) {
  char buf[256];
  int fd = open(p(rel), O_RDONLY);
  if (fd < 0) {
    printf("read %s: %s\n", rel, ename(errno));
    unexpected++;
    return;
  }
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  buf[n < 0 ? 0 : n] = 0;
  printf("read %s: %zd bytes \"%s\"\n", rel, n, buf);
}

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *rel) {
  DIR *d = opendir(p(rel));
  if (!d) {
    printf("list %s: %s\n", rel, ename(errno));
    unexpected++;
    return;
  }
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 64) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    char *s = malloc(strlen(e->d_name) + 8);
    const char *t = e->d_type == DT_DIR ? "dir" : e->d_type == DT_REG ? "file" : e->d_type == DT_LNK ? "link" : "other";
    sprintf(s, "%s(%s)", e->d_name, t);
    names[n++] = s;
  }
  closedir(d);
  qsort(names, n, sizeof *names, cmp);
  printf("list %s:", rel);
  for (int i = 0; i < n; i++) {
    printf(" %s", names[i]);
    free(names[i]);
  }
  printf("\n");
}

static void escapes(void) {
  struct stat st;
  expect_err("escape open ..", open(p("../outside.txt"), O_RDONLY));
  expect_err("escape create ..", open(p("../planted.txt"), O_WRONLY | O_CREAT, 0644));
  expect_err("escape mkdir ..", mkdir(p("../planted-dir"), 0755));
  expect_err("escape symlink create", symlink("../outside.txt", p("out-link")));
  expect_err("escape host symlink", stat(p("host-link"), &st));
  expect_err("escape absolute", open("/etc/passwd", O_RDONLY));
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: wasi-fs DIR [escape]\n");
    return 2;
  }
  snprintf(root, sizeof root, "%s", argv[1]);
  struct stat st;

  check("mkdir work", mkdir(p("work"), 0755));
  expect_err("mkdir work again", mkdir(p("work"), 0755));
  check("write work/a.txt", write_file("work/a.txt", "hello", O_TRUNC));
  check("append work/a.txt", write_file("work/a.txt", " world", O_APPEND));
  print_file("work/a.txt");
  check("stat work/a.txt", stat(p("work/a.txt"), &st));
  printf("size=%lld regular=%d\n", (long long)st.st_size, S_ISREG(st.st_mode));
  check("stat work", stat(p("work"), &st));
  printf("dir=%d\n", S_ISDIR(st.st_mode));

  // positional reads and writes, seeking, truncating
  int fd = open(p("work/a.txt"), O_RDWR);
  check("open rdwr", fd);
  char buf[32] = {0};
  ssize_t n = pread(fd, buf, 5, 6);
  printf("pread at 6: %zd \"%.*s\"\n", n, (int)(n < 0 ? 0 : n), buf);
  n = pread(fd, buf, 5, 1000);
  printf("pread past end: %zd\n", n);
  n = pwrite(fd, "W", 1, 6);
  printf("pwrite: %zd\n", n);
  printf("lseek end: %lld\n", (long long)lseek(fd, 0, SEEK_END));
  check("ftruncate 8", ftruncate(fd, 8));
  check("fstat", fstat(fd, &st));
  printf("size after truncate=%lld\n", (long long)st.st_size);
  close(fd);
  print_file("work/a.txt");

  expect_err("open missing", open(p("work/missing.txt"), O_RDONLY));
  expect_err("create exclusive", open(p("work/a.txt"), O_WRONLY | O_CREAT | O_EXCL, 0644));
  expect_err("open file as dir", open(p("work/a.txt/x"), O_RDONLY));
  expect_err("write a dir", open(p("work"), O_WRONLY));

  check("mkdir work/sub", mkdir(p("work/sub"), 0755));
  check("write work/sub/c.txt", write_file("work/sub/c.txt", "sea", O_TRUNC));
  check("symlink work/l -> a.txt", symlink("a.txt", p("work/l")));
  char target[64] = {0};
  n = readlink(p("work/l"), target, sizeof target - 1);
  printf("readlink work/l: %zd \"%s\"\n", n, n > 0 ? target : "");
  print_file("work/l");
  check("lstat work/l", lstat(p("work/l"), &st));
  printf("lstat is link=%d\n", S_ISLNK(st.st_mode));
  check("link work/a.txt work/hard", link(p("work/a.txt"), p("work/hard")));
  check("stat work/hard", stat(p("work/hard"), &st));
  printf("nlink=%lld\n", (long long)st.st_nlink);
  list("work");

  check("rename a.txt -> b.txt", rename(p("work/a.txt"), p("work/b.txt")));
  expect_err("stat old name", stat(p("work/a.txt"), &st));
  expect_err("dangling link", stat(p("work/l"), &st));
  check("rename sub -> moved", rename(p("work/sub"), p("work/moved")));
  expect_err("rmdir non-empty", rmdir(p("work/moved")));
  expect_err("unlink a dir", unlink(p("work/moved")));
  expect_err("rmdir a file", rmdir(p("work/b.txt")));
  list("work");

  check("unlink work/moved/c.txt", unlink(p("work/moved/c.txt")));
  check("rmdir work/moved", rmdir(p("work/moved")));
  check("unlink work/l", unlink(p("work/l")));
  check("unlink work/hard", unlink(p("work/hard")));
  check("rename b.txt -> kept.txt", rename(p("work/b.txt"), p("kept.txt")));
  check("rmdir work", rmdir(p("work")));
  list(".");

  if (argc > 2 && !strcmp(argv[2], "escape")) escapes();
  printf("unexpected=%d\n", unexpected);
  fflush(stdout);
  return unexpected ? 3 : 0;
}
