/* source_exec.h - the urls file's command sources, exec:COMMAND and filter:COMMAND:URL
 * (private to source/). */
#ifndef NEWSREAD_SOURCE_EXEC_H_
#define NEWSREAD_SOURCE_EXEC_H_

#include "newsread/source.h"

/* 1 when src is an exec: or filter: source. */
int source_exec_is(const char *src);

/* Check an exec:/filter: source's form without running it: 0, or -1 with err (no name in
 * front): "exec: needs a command", "filter: expected filter:COMMAND:URL". */
int source_exec_check(const char *src, struct nr_error *err);

/* Load an exec: source (the command's standard output is the document) or a filter:
 * source (URL downloaded, its body piped through COMMAND, whose output is the document),
 * as source_load does: parsed by source_parse, articles appended to out. Commands run
 * with exec_run under o->fetch.timeout and SOURCE_MAX_BYTES. Returns 0, or -1 with err
 * "SRC: reason" (for instance "exec:CMD: exit 3: first stderr line"). */
int source_exec_load(const char *src, const struct source_spec *spec, const struct source_opts *o,
		     struct articles *out, struct nr_error *err);

#endif
