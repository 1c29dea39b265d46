/* source_exec.c - the urls file's command sources, as newsboat has them:
 * exec:COMMAND (the command's output is the feed) and filter:COMMAND:URL (URL downloaded,
 * then piped through COMMAND, whose output is the feed). The commands run through exec.c. */
#include "source/source_exec.h"
#include "source/exec.h"

#include "newsread/fetch.h"

#include <stdlib.h>
#include <string.h>

int source_exec_is(const char *src)
{
	return has_prefix(src, "exec:") || has_prefix(src, "filter:");
}

/* filter:COMMAND:URL split at the first ':' followed by an http(s) URL, so a command may
 * hold colons of its own. Returns the URL's start (command in [cmd, url - 1)) or NULL. */
static const char *filter_url(const char *src, const char **cmd)
{
	*cmd = src + strlen("filter:");
	for (const char *p = strchr(*cmd, ':'); p; p = strchr(p + 1, ':'))
		if (p > *cmd && fetch_is_url(p + 1))
			return p + 1;
	return NULL;
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

int source_exec_check(const char *src, struct nr_error *err)
{
	if (has_prefix(src, "exec:")) {
		const char *c = src + strlen("exec:");
		return blank(c, strlen(c)) ? nr_fail(err, "exec: needs a command (exec:COMMAND)") : 0;
	}
	const char *cmd, *url = filter_url(src, &cmd);
	if (!url || blank(cmd, (size_t)(url - 1 - cmd)))
		return nr_fail(err, "filter: expected filter:COMMAND:URL with an http(s) URL");
	return 0;
}

int source_exec_load(const char *src, const struct source_spec *spec, const struct source_opts *o,
		     struct articles *out, struct nr_error *err)
{
	struct nr_error e;
	if (source_exec_check(src, &e))
		return nr_fail(err, "%s: %s", src, e.msg);
	char *data = NULL;
	size_t len = 0;
	if (has_prefix(src, "exec:")) {
		if (exec_run(src + strlen("exec:"), NULL, 0, o->fetch.timeout, SOURCE_MAX_BYTES, &data, &len, &e))
			return nr_fail(err, "%s: %s", src, e.msg);
		int rc = source_parse(data, len, NULL, src, NULL, spec, out, err);
		free(data);
		return rc;
	}
	const char *cmd, *url = filter_url(src, &cmd);
	char *command = xstrndup(cmd, (size_t)(url - 1 - cmd));
	struct fetch_result r;
	int rc = fetch_url(url, SOURCE_MAX_BYTES, &o->fetch, &r, &e);
	if (rc) {
		size_t n = strlen(url); /* the download's message names the URL already */
		const char *why = !strncmp(e.msg, url, n) && e.msg[n] == ':' ? e.msg + n + 2 : e.msg;
		rc = nr_fail(err, "%s: download: %s", src, why);
	} else {
		rc = exec_run(command, r.data, r.len, o->fetch.timeout, SOURCE_MAX_BYTES, &data, &len, &e);
		if (rc)
			nr_fail(err, "%s: %s", src, e.msg);
		else /* the command may change the encoding: its output is sniffed, not labelled */
			rc = source_parse(data, len, NULL, src, r.final_url, spec, out, err);
		free(data);
		fetch_result_free(&r);
	}
	free(command);
	return rc;
}
