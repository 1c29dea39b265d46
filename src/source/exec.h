/* exec.h - run a shell command for its output, bounded in time and size (private to source/). */
#ifndef NEWSREAD_SOURCE_EXEC_H
#define NEWSREAD_SOURCE_EXEC_H

#include <stddef.h>

#include "newsread/util.h"

/* Run cmd with /bin/sh -c in a session of its own (no controlling terminal), its standard
 * input the len bytes of input (or /dev/null when input is NULL), and read its standard
 * output, at most max bytes. It has timeout seconds (at least 1) from the start; then its
 * whole process group is killed. The command is always waited for: no zombie is left.
 * Returns 0 with *out (malloc'd, NUL-terminated, *outlen bytes) when it exited with status
 * 0; else -1 with err, without a name in front: "exit 3: FIRST STDERR LINE",
 * "killed by signal 9", "timed out after 2 s", "output over N bytes" or "cannot run: why".
 * Costs a fork and a poll loop; blocks the caller until the command ends. */
int exec_run(const char *cmd, const char *input, size_t len, int timeout, size_t max, char **out, size_t *outlen,
	     struct nr_error *err);

#endif
