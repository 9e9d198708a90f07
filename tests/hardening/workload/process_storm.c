// A process storm for the hardening tests and bench/process_storm.sh:
// short-lived processes and threads, as fast as the machine allows, for a
// given time. With pid_max at 32768 pids come round again within seconds,
// which is what a thread table must survive. Children are vfork'd: fork
// copies page tables, which costs milliseconds on a loaded VM.
//
//   process_storm SECONDS ALIAS_DIR   the storm (prints "processes N threads M")
//   <alias> child I                   one exec'd child: two threads, a file, exit
//   process_storm syscalls SECONDS    a syscall storm: 256-byte writes to
//                                     /dev/null (prints "writes N")
//
// Every 8th child is exec'd through ALIAS_DIR/srstorm_a or srstorm_b
// (copies of this binary): its comm is that name and its args "child I",
// so a tracer's proc.name/proc.args can be checked against I. The rest
// exit at once. Each round also starts and joins 16 threads in the parent.
// Plain C, no libraries but pthreads: its syscalls are its own.
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void* idle_thread(void* arg) { return arg; }

static void two_threads(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, idle_thread, NULL);
  for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int child(const char* index) {
  two_threads();
  int fd = open("/dev/null", O_WRONLY);
  if (fd >= 0) {
    if (write(fd, index, strlen(index)) < 0) return 1;
    close(fd);
  }
  return 0;
}

static int syscalls(double seconds) {
  static char block[256];
  memset(block, 's', sizeof block);
  int fd = open("/dev/null", O_WRONLY);
  if (fd < 0) return 1;
  const double end = now() + seconds;
  unsigned long writes = 0;
  while (now() < end) {
    for (int i = 0; i < 1000; i++)
      if (write(fd, block, sizeof block) == (ssize_t)sizeof block) writes++;
  }
  printf("writes %lu\n", writes);
  return 0;
}

// One child: exec'd as `path` if exec_it, else exiting at once. The child
// never returns from here (vfork's rule).
static pid_t start_child(const char* path, char* const args[], int exec_it) {
  volatile int exec_child = exec_it;  // read in the child, after vfork
  pid_t pid = vfork();
  if (pid == 0) {
    if (exec_child) execv(path, args);
    _exit(exec_child ? 127 : 0);
  }
  return pid;
}

int main(int argc, char** argv) {
  if (argc == 3 && strcmp(argv[1], "child") == 0) return child(argv[2]);
  if (argc == 3 && strcmp(argv[1], "syscalls") == 0) return syscalls(atof(argv[2]));
  if (argc != 3) {
    fprintf(stderr, "usage: process_storm SECONDS ALIAS_DIR\n");
    return 2;
  }
  const double end = now() + atof(argv[1]);
  char alias[2][4096];
  snprintf(alias[0], sizeof alias[0], "%s/srstorm_a", argv[2]);
  snprintf(alias[1], sizeof alias[1], "%s/srstorm_b", argv[2]);
  unsigned long processes = 0, threads = 0, execs = 0;
  while (now() < end) {
    // A round: 16 children, one at a time (vfork: the parent waits until
    // the child has exec'd or exited, and no page table is copied), then 16
    // threads in the parent.
    for (int i = 0; i < 16; i++) {
      const unsigned long n = processes++;
      const int exec_it = n % 8 == 0;
      // Everything the child needs is ready before vfork.
      char index[32];
      snprintf(index, sizeof index, "%lu", n);
      const char* path = alias[(n / 8) % 2];
      char* const args[] = {(char*)strrchr(path, '/') + 1, "child", index, NULL};
      if (start_child(path, args, exec_it) < 0) break;
      if (exec_it) {
        execs++;
        threads += 2;
      }
    }
    while (waitpid(-1, NULL, WNOHANG) > 0) {
    }
    pthread_t t[16];
    int started = 0;
    for (; started < 16; started++)
      if (pthread_create(&t[started], NULL, idle_thread, NULL) != 0) break;
    for (int i = 0; i < started; i++) pthread_join(t[i], NULL);
    threads += (unsigned long)started;
  }
  while (wait(NULL) > 0) {
  }
  printf("processes %lu threads %lu execs %lu\n", processes, threads, execs);
  return 0;
}
