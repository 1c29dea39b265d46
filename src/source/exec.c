/* exec.c - run a shell command for its output: no terminal, bounded output, a time-out that
 * kills the command's whole process group, and always a waitpid (no zombies). */
#include "source/exec.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define EXEC_ERR_KEEP 1024 /* bytes of standard error kept for the message */

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* In the child, between fork and exec: only async-signal-safe calls. */
static void child(int in, int out, int errfd, char *const argv[])
{
	setsid(); /* a session of its own: no controlling terminal, one group to kill */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGPIPE, &sa, NULL); /* an ignored SIGPIPE would survive exec */
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(errfd, 2) < 0)
		_exit(126);
	close_range(3, ~0U, 0); /* no descriptor of newsread (store, sockets) leaks into it */
	execv("/bin/sh", argv);
	_exit(127);
}

/* The first non-blank line of what the command wrote on standard error, sanitized. */
static void first_line(const char *s, size_t n, char *line, size_t cap)
{
	size_t i = 0;
	while (i < n && (s[i] == '\n' || s[i] == '\r' || s[i] == ' ' || s[i] == '\t'))
		i++;
	size_t j = i;
	while (j < n && s[j] != '\n' && s[j] != '\r')
		j++;
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	text_sanitize(&b, s + i, j - i, 1);
	snprintf(line, cap, "%s", b.s);
	buf_free(&b);
}

struct run {
	int out, err, in;        /* our ends; -1 once closed */
	const char *input;
	size_t inlen, inoff;
	struct buf o, e;
	size_t max;
	int over;                /* the output went over max */
};

/* One poll round; returns 0, or -1 when nothing is left to read or write. */
static int pump(struct run *r, int wait_ms)
{
	struct pollfd p[3];
	int n = 0, io = -1, ie = -1, ii = -1;
	if (r->out >= 0) {
		p[n] = (struct pollfd){.fd = r->out, .events = POLLIN};
		io = n++;
	}
	if (r->err >= 0) {
		p[n] = (struct pollfd){.fd = r->err, .events = POLLIN};
		ie = n++;
	}
	if (r->in >= 0) {
		p[n] = (struct pollfd){.fd = r->in, .events = POLLOUT};
		ii = n++;
	}
	if (!n)
		return -1;
	if (poll(p, (nfds_t)n, wait_ms) < 0)
		return errno == EINTR ? 0 : -1;
	char chunk[65536];
	if (io >= 0 && p[io].revents) {
		ssize_t k = read(r->out, chunk, sizeof chunk);
		if (k > 0) {
			if (r->o.len + (size_t)k > r->max)
				r->over = 1;
			else
				buf_add(&r->o, chunk, (size_t)k);
		} else if (k == 0 || (errno != EINTR && errno != EAGAIN)) {
			close_fd(&r->out);
		}
	}
	if (ie >= 0 && p[ie].revents) {
		ssize_t k = read(r->err, chunk, sizeof chunk);
		if (k > 0) {
			if (r->e.len < EXEC_ERR_KEEP)
				buf_add(&r->e, chunk, (size_t)k < EXEC_ERR_KEEP - r->e.len ? (size_t)k : EXEC_ERR_KEEP - r->e.len);
		} else if (k == 0 || (errno != EINTR && errno != EAGAIN)) {
			close_fd(&r->err);
		}
	}
	if (ii >= 0 && p[ii].revents) {
		/* a socket, so a command that stops reading gives EPIPE, not SIGPIPE to newsread */
		ssize_t k = r->inoff < r->inlen
				    ? send(r->in, r->input + r->inoff, r->inlen - r->inoff, MSG_NOSIGNAL | MSG_DONTWAIT)
				    : 0;
		if (k > 0)
			r->inoff += (size_t)k;
		if (r->inoff >= r->inlen || (k < 0 && errno != EINTR && errno != EAGAIN))
			close_fd(&r->in);
	}
	return 0;
}

int exec_run(const char *cmd, const char *input, size_t len, int timeout, size_t max, char **out, size_t *outlen,
	     struct nr_error *err)
{
	int po[2] = {-1, -1}, pe[2] = {-1, -1}, pi[2] = {-1, -1};
	if (timeout < 1)
		timeout = 1;
	int ok = pipe2(po, O_CLOEXEC) == 0 && pipe2(pe, O_CLOEXEC) == 0;
	if (ok && input)
		ok = socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pi) == 0;
	else if (ok)
		ok = (pi[0] = open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0;
	char *argv[] = {"sh", "-c", (char *)cmd, NULL};
	pid_t pid = ok ? fork() : -1;
	if (pid == 0)
		child(pi[0], po[1], pe[1], argv);
	int e = errno;
	close_fd(&po[1]);
	close_fd(&pe[1]);
	close_fd(&pi[0]);
	struct run r = {.out = po[0], .err = pe[0], .in = pi[1], .input = input, .inlen = len, .max = max};
	if (pid < 0) {
		close_fd(&r.out);
		close_fd(&r.err);
		close_fd(&r.in);
		return nr_fail(err, "cannot run: %s", strerror(e));
	}
	if (r.in >= 0)
		shutdown(r.in, SHUT_RD);
	buf_init(&r.o);
	buf_init(&r.e);
	buf_add(&r.o, "", 0);
	buf_add(&r.e, "", 0);
	long deadline = now_ms() + (long)timeout * 1000;
	int status = 0, reaped = 0, timed_out = 0;
	for (;;) {
		long left = deadline - now_ms();
		if (left <= 0) {
			timed_out = 1;
			break;
		}
		if (r.over)
			break;
		if (!reaped) {
			pid_t w = waitpid(pid, &status, WNOHANG);
			reaped = w == pid || (w < 0 && errno == ECHILD);
		}
		/* its output closed: the command is ending, wait for it a little at a time */
		int idle = r.out < 0 && r.err < 0;
		if (idle && reaped)
			break;
		if (pump(&r, idle ? 10 : (int)(left < 100 ? left : 100)) < 0 && !reaped)
			usleep(10000);
	}
	if (!reaped) { /* hung, or over the limit: end it and everything it started */
		kill(-pid, SIGKILL);
		kill(pid, SIGKILL);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	} else if (timed_out || r.over) {
		kill(-pid, SIGKILL); /* what it left behind holding the pipes */
	}
	close_fd(&r.out);
	close_fd(&r.err);
	close_fd(&r.in);
	char line[256];
	first_line(r.e.s, r.e.len, line, sizeof line);
	buf_free(&r.e);
	int rc = 0;
	if (timed_out)
		rc = nr_fail(err, "timed out after %d s", timeout);
	else if (r.over)
		rc = nr_fail(err, "output over %zu bytes", max);
	else if (WIFSIGNALED(status))
		rc = nr_fail(err, "killed by signal %d%s%s", WTERMSIG(status), *line ? ": " : "", line);
	else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		rc = nr_fail(err, "exit %d%s%s", WEXITSTATUS(status), *line ? ": " : "", line);
	if (rc) {
		buf_free(&r.o);
		return -1;
	}
	*outlen = r.o.len;
	*out = buf_steal(&r.o);
	return 0;
}
