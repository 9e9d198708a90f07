/* The known workload of the live CLI tests (tests/live/live_cli_test.cpp).
 * The test copies this binary to a unique name, so that its comm names it
 * in a filter, and runs it as:
 *
 *   <name> script <dir>      file, pipe, fork/exec, TCP and UDP, exit 3
 *   <name> storm <dir> <n>   n writes of 4000 bytes to /dev/null, exit 0
 *   <name> preopened <dir>   a TCP connection set up before the capture
 *                            (<dir>/ports: server and client port), then
 *                            one message each way, exit 0
 *
 * Both first try to open <dir>/go until the test creates it: the test
 * waits to see those failed opens in sysray's output, which proves the
 * capture is running before the real work starts. Every string the probe
 * must read lives on the stack: the probe cannot fault in pages that a
 * fresh process has not touched yet. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what) {
	perror(what);
	exit(100);
}

static void wait_for_go(const char *dir) {
	char go[4096];
	snprintf(go, sizeof go, "%s/go", dir);
	for (int i = 0; i < 3000; i++) { /* 30 s at most */
		int fd = open(go, O_RDONLY);
		if (fd >= 0) {
			close(fd);
			return;
		}
		struct timespec pause = {0, 10 * 1000 * 1000};
		nanosleep(&pause, NULL);
	}
	exit(101);
}

static void file_io(const char *dir) {
	char path[4096], renamed[4096], payload[] = "sysray live payload\n";
	char buf[128];
	snprintf(path, sizeof path, "%s/data", dir);
	snprintf(renamed, sizeof renamed, "%s/data2", dir);
	int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0640);
	if (fd < 0) die("open");
	if (write(fd, payload, strlen(payload)) != (ssize_t)strlen(payload)) die("write");
	lseek(fd, 0, SEEK_SET);
	if (read(fd, buf, sizeof buf) != (ssize_t)strlen(payload)) die("read");
	close(fd);
	if (rename(path, renamed) != 0) die("rename");
	if (unlink(renamed) != 0) die("unlink");
}

static void pipe_dup(void) {
	int p[2];
	char msg[] = "through the pipe", buf[64];
	if (pipe(p) != 0) die("pipe");
	if (write(p[1], msg, strlen(msg)) < 0) die("write pipe");
	int copy = dup(p[0]);
	if (copy < 0) die("dup");
	if (read(copy, buf, sizeof buf) != (ssize_t)strlen(msg)) die("read dup");
	close(copy);
	close(p[0]);
	close(p[1]);
}

static void fork_exec(void) {
	pid_t child = fork();
	if (child == 0) {
		char path[] = "/bin/echo", arg0[] = "echo", arg1[] = "sysray-arg-one", arg2[] = "two";
		char *argv[] = {arg0, arg1, arg2, NULL};
		execv(path, argv);
		_exit(127);
	}
	int status = 0;
	waitpid(child, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) exit(102);
	/* A child that exits with a known status, without exec. */
	child = fork();
	if (child == 0) _exit(7);
	waitpid(child, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 7) exit(103);
}

static int loopback_socket(int type, struct sockaddr_in *addr) {
	int s = socket(AF_INET, type, 0);
	if (s < 0) die("socket");
	memset(addr, 0, sizeof *addr);
	addr->sin_family = AF_INET;
	addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof *addr;
	if (bind(s, (struct sockaddr *)addr, sizeof *addr) != 0) die("bind");
	if (getsockname(s, (struct sockaddr *)addr, &len) != 0) die("getsockname");
	return s;
}

static int tcp_exchange(void) {
	struct sockaddr_in addr;
	char ping[] = "tcp-ping", buf[64];
	int server = loopback_socket(SOCK_STREAM, &addr);
	if (listen(server, 4) != 0) die("listen");
	int client = socket(AF_INET, SOCK_STREAM, 0);
	if (connect(client, (struct sockaddr *)&addr, sizeof addr) != 0) die("connect");
	int conn = accept(server, NULL, NULL);
	if (conn < 0) die("accept");
	if (send(client, ping, strlen(ping), 0) != (ssize_t)strlen(ping)) die("send");
	if (recv(conn, buf, sizeof buf, 0) != (ssize_t)strlen(ping)) die("recv");
	close(conn);
	close(client);
	close(server);
	return ntohs(addr.sin_port);
}

static int udp_exchange(void) {
	struct sockaddr_in addr;
	char ping[] = "udp-ping", buf[64];
	int receiver = loopback_socket(SOCK_DGRAM, &addr);
	int sender = socket(AF_INET, SOCK_DGRAM, 0);
	if (sendto(sender, ping, strlen(ping), 0, (struct sockaddr *)&addr, sizeof addr) != (ssize_t)strlen(ping))
		die("sendto");
	if (recvfrom(receiver, buf, sizeof buf, 0, NULL, NULL) != (ssize_t)strlen(ping)) die("recvfrom");
	close(sender);
	close(receiver);
	return ntohs(addr.sin_port);
}

/* The ports go to <dir>/ports for the test to check the tuples against. */
static void report_ports(const char *dir, int tcp, int udp) {
	char path[4096], text[64];
	snprintf(path, sizeof path, "%s/ports", dir);
	int n = snprintf(text, sizeof text, "%d %d\n", tcp, udp);
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	if (fd < 0 || write(fd, text, (size_t)n) != n) die("ports");
	close(fd);
}

static void storm(long n) {
	static char block[4000];
	int fd = open("/dev/null", O_WRONLY);
	if (fd < 0) die("open /dev/null");
	memset(block, 'x', sizeof block);
	for (long i = 0; i < n; i++)
		if (write(fd, block, sizeof block) != (ssize_t)sizeof block) die("write /dev/null");
	close(fd);
}

/* Connected before sysray starts, so sysray learns it from /proc. */
static void preopened(const char *dir) {
	struct sockaddr_in addr, local;
	char from_server[] = "from-server", from_client[] = "from-client", buf[64];
	int server = loopback_socket(SOCK_STREAM, &addr);
	if (listen(server, 4) != 0) die("listen");
	int client = socket(AF_INET, SOCK_STREAM, 0);
	if (connect(client, (struct sockaddr *)&addr, sizeof addr) != 0) die("connect");
	int conn = accept(server, NULL, NULL);
	if (conn < 0) die("accept");
	socklen_t len = sizeof local;
	if (getsockname(client, (struct sockaddr *)&local, &len) != 0) die("getsockname");
	report_ports(dir, ntohs(addr.sin_port), ntohs(local.sin_port));
	wait_for_go(dir);
	if (send(conn, from_server, strlen(from_server), 0) < 0) die("send");
	if (recv(client, buf, sizeof buf, 0) < 0) die("recv");
	if (send(client, from_client, strlen(from_client), 0) < 0) die("send");
	if (recv(conn, buf, sizeof buf, 0) < 0) die("recv");
}

int main(int argc, char **argv) {
	if (argc >= 3 && strcmp(argv[1], "script") == 0) {
		wait_for_go(argv[2]);
		file_io(argv[2]);
		pipe_dup();
		fork_exec();
		int tcp = tcp_exchange();
		int udp = udp_exchange();
		report_ports(argv[2], tcp, udp);
		return 3;
	}
	if (argc >= 4 && strcmp(argv[1], "storm") == 0) {
		wait_for_go(argv[2]);
		storm(atol(argv[3]));
		return 0;
	}
	if (argc >= 3 && strcmp(argv[1], "preopened") == 0) {
		preopened(argv[2]);
		return 0;
	}
	fprintf(stderr, "usage: %s script DIR | storm DIR N | preopened DIR\n", argv[0]);
	return 2;
}
