/* execute.c - the -x commands (reload, print-unread, vacuum): one table, parsed all
 * before any runs, so an unknown one stops the run before it changes anything. */
#include "newsread/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum app_cmd {
#define X(id, name, write, help) APP_CMD_##id,
	APP_COMMANDS(X)
#undef X
	APP_CMD_COUNT
};

static const struct {
	const char *name;
	int write;
} cmds[APP_CMD_COUNT] = {
#define X(id, name, write, help) [APP_CMD_##id] = {name, write},
	APP_COMMANDS(X)
#undef X
};

#define APP_MAX_COMMANDS 256

static int lookup(const char *name, size_t len)
{
	for (int i = 0; i < APP_CMD_COUNT; i++)
		if (strlen(cmds[i].name) == len && strncmp(cmds[i].name, name, len) == 0)
			return i;
	return -1;
}

static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

int app_commands_parse(const char *const *args, size_t nargs, int **ids, size_t *n, int *write,
		       struct nr_error *err)
{
	*ids = NULL;
	*n = 0;
	*write = 0;
	int *v = NULL;
	size_t cnt = 0;
	for (size_t i = 0; i < nargs; i++) {
		for (const char *p = args[i]; *p;) {
			const char *e = strchr(p, ';');
			const char *end = e ? e : p + strlen(p);
			const char *b = p;
			while (b < end && is_blank(*b))
				b++;
			while (end > b && is_blank(end[-1]))
				end--;
			if (end > b) {
				int id = lookup(b, (size_t)(end - b));
				if (id < 0 || cnt == APP_MAX_COMMANDS) {
					free(v);
					if (id < 0)
						return nr_fail(err, "unknown command: %.*s", (int)(end - b > 100 ? 100 : end - b), b);
					return nr_fail(err, "-x: more than %d commands", APP_MAX_COMMANDS);
				}
				v = xrealloc(v, (cnt + 1) * sizeof *v);
				v[cnt++] = id;
				*write |= cmds[id].write;
			}
			if (!e)
				break;
			p = e + 1;
		}
	}
	*ids = v;
	*n = cnt;
	return 0;
}

int app_commands_run(const struct app_ctx *c, const int *ids, size_t n,
		     const struct source_spec *specs, size_t nspecs)
{
	int failed = 0;
	for (size_t i = 0; i < n; i++) {
		struct nr_error err;
		switch (ids[i]) {
		case APP_CMD_RELOAD: {
			struct articles l = {0};
			struct app_ctx rc = *c;
			rc.store_only = 1; /* nothing is shown: 304s cost no reading back */
			failed += app_load(&rc, specs, nspecs, &l);
			articles_free(&l);
			break;
		}
		case APP_CMD_PRINT_UNREAD: {
			long long u = 0;
			failed += app_count_unread(c, specs, nspecs, &u);
			printf("%lld\n", u);
			fflush(stdout);
			break;
		}
		case APP_CMD_VACUUM:
			if (c->store && store_vacuum(c->store, &err)) {
				nr_report("%s", err.msg);
				failed++;
			}
			break;
		default:
			break;
		}
	}
	return failed;
}
