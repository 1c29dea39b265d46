/* theme.c - placeholder. */
#include "newsread/theme.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int theme_color(int argc, char **argv, struct nr_error *err)
{
	(void)argc; (void)argv; (void)err;
	return 0;
}

int theme_load(const char *name, struct nr_error *err)
{
	(void)name; (void)err;
	return 0;
}

#ifndef NEWSREAD_DATADIR
#define NEWSREAD_DATADIR "/usr/local/share/newsread"
#endif

const char *theme_data_root(void)
{
	static char root[4096];
	if (root[0])
		return root;
	/* Run from the source tree: the folder of the binary holds samples/ and themes/. */
	char exe[4000];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			char probe[4096 + 32];
			snprintf(probe, sizeof probe, "%s/themes/default.theme", exe);
			if (access(probe, R_OK) == 0) {
				snprintf(root, sizeof root, "%s", exe);
				return root;
			}
		}
	}
	snprintf(root, sizeof root, "%s", NEWSREAD_DATADIR);
	return root;
}
