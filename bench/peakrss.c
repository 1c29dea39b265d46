/* peakrss.c - run a command and print its exact peak resident set size, in KB, as the
 * last line on stderr ("peakrss: N anon A", A the peak of its anonymous part: heap, stack
 * and written data, without the pages of files such as shared libraries). Used by
 * bench/render.sh.
 *
 * Why not /usr/bin/time's %M (getrusage's ru_maxrss): the kernel keeps a process's page
 * counts in per-CPU batches of 32 pages and records the high-water mark from those, so
 * ru_maxrss moves in steps of 128 KB. On a 100 KB page that is more than the whole memory
 * budget being measured.
 *
 * How: the command runs under ptrace. Its resident set only shrinks in a system call
 * (munmap, madvise, brk, mremap) or at its end, so the largest of the sizes read at the
 * entry of those calls and of exit is the peak. Each size is read from
 * /proc/PID/smaps_rollup, which counts the pages mapped in the page tables exactly.
 * Single-threaded commands only (threads are not followed). With -v, every reading is
 * printed, with the number of the system call it was taken at. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* The resident set and its anonymous part (heap, stack, written data), in KB. */
static void rss_kb(pid_t pid, long *rss, long *anon)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/smaps_rollup", (int)pid);
	FILE *f = fopen(path, "r");
	*rss = *anon = -1;
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "Rss:", 4) == 0)
			*rss = atol(line + 4);
		else if (strncmp(line, "Anonymous:", 10) == 0)
			*anon = atol(line + 10);
	if (f)
		fclose(f);
}

static int shrinks(long nr)
{
	return nr == SYS_munmap || nr == SYS_madvise || nr == SYS_brk || nr == SYS_mremap ||
	       nr == SYS_exit_group || nr == SYS_exit;
}

int main(int argc, char **argv)
{
	int verbose = argc > 1 && strcmp(argv[1], "-v") == 0; /* every reading, on stderr */
	if (verbose) {
		argv++;
		argc--;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: peakrss [-v] COMMAND [ARG...]\n");
		return 2;
	}
	pid_t pid = fork();
	if (pid < 0) {
		perror("peakrss: fork");
		return 2;
	}
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) != 0) {
			perror("peakrss: ptrace");
			_exit(126);
		}
		raise(SIGSTOP);
		execvp(argv[1], argv + 1);
		perror(argv[1]);
		_exit(127);
	}
	int st;
	if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st))
		return 2;
	ptrace(PTRACE_SETOPTIONS, pid, NULL,
	       (void *)(long)(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL));
	long peak = 0, peak_anon = 0;
	int started = 0, rc = 2;
	ptrace(PTRACE_SYSCALL, pid, NULL, NULL);
	while (waitpid(pid, &st, 0) == pid) {
		if (WIFEXITED(st)) {
			rc = WEXITSTATUS(st);
			break;
		}
		if (WIFSIGNALED(st)) {
			rc = 128 + WTERMSIG(st);
			break;
		}
		int sig = 0;
		if (WSTOPSIG(st) == (SIGTRAP | 0x80)) {
			struct __ptrace_syscall_info si;
			if (started && ptrace(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof si, &si) > 0 &&
			    si.op == PTRACE_SYSCALL_INFO_ENTRY && shrinks((long)si.entry.nr)) {
				long kb, an;
				rss_kb(pid, &kb, &an);
				if (verbose)
					fprintf(stderr, "peakrss: call %ld rss %ld anon %ld\n", (long)si.entry.nr, kb, an);
				if (kb > peak)
					peak = kb;
				if (an > peak_anon)
					peak_anon = an;
			}
		} else if (st >> 8 == (SIGTRAP | (PTRACE_EVENT_EXEC << 8))) {
			started = 1; /* sizes before are the copy of this program */
		} else if (WSTOPSIG(st) != SIGTRAP) {
			sig = WSTOPSIG(st);
		}
		ptrace(PTRACE_SYSCALL, pid, NULL, (void *)(long)sig);
	}
	fprintf(stderr, "peakrss: %ld anon %ld\n", peak, peak_anon);
	return rc;
}
