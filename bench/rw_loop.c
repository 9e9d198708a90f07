/* A syscall-bound loop: read 64 bytes from /dev/zero and write them to
 * /dev/null, N times (default 1000000). Prints the elapsed seconds, or
 * with "cpu" the CPU seconds the loop itself used (user and kernel, BPF
 * programs run in its syscalls included): on a machine shared with other
 * work, the wall time measures the neighbours more than the tracer.
 *   bench_rw_loop [N] [wall|cpu] */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	int in = open("/dev/zero", O_RDONLY);
	int out = open("/dev/null", O_WRONLY);
	if (in < 0 || out < 0) {
		perror("open");
		return 1;
	}
	clockid_t clock = argc > 2 && strcmp(argv[2], "cpu") == 0 ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC;
	char buf[64];
	struct timespec a, b;
	clock_gettime(clock, &a);
	for (long i = 0; i < n; i++) {
		if (read(in, buf, sizeof buf) != sizeof buf || write(out, buf, sizeof buf) != sizeof buf)
			return 1;
	}
	clock_gettime(clock, &b);
	printf("%.6f\n", (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9);
	return 0;
}
