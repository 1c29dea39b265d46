/* urls_write.c - every write of the urls file: locked, atomic, through symlinks.
 *
 * A writer takes an advisory lock (flock on URLS.lock beside the file), reads the file
 * afresh, writes the new contents to a temporary file in the same folder, fsyncs it,
 * renames it over the file and fsyncs the folder. So two imports at once both land, a
 * reader sees the old file or the new one, never half of one, and a symlinked urls file
 * stays a symlink (its target is replaced). A temporary file left by a writer that was
 * killed is removed by the next writer, which alone may hold the lock. */
#include "newsread/source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define URLS_LOCK_WAIT 10             /* seconds a writer waits for another one */
#define URLS_TMP_TAG ".newsread-tmp-" /* temporary files: URLS.newsread-tmp-XXXXXX */

/* Append w as one config-language word: quoted when needed. */
static void put_word(struct buf *b, const char *w)
{
	int plain = *w != '\0';
	for (const char *p = w; *p && plain; p++)
		if (*p == ' ' || *p == '\t' || *p == '"' || *p == '\'' || *p == '\\' || *p == '#')
			plain = 0;
	if (plain) {
		buf_adds(b, w);
		return;
	}
	buf_addc(b, '"');
	for (const char *p = w; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_addc(b, '\\');
		buf_addc(b, *p);
	}
	buf_addc(b, '"');
}

static void put_spec(struct buf *b, const struct source_spec *s)
{
	put_word(b, s->url);
	for (size_t i = 0; i < s->ncats; i++) {
		buf_addc(b, ' ');
		char *j = catpath_join(&s->cats[i], "/");
		put_word(b, j);
		free(j);
	}
	if (s->name) {
		char *n = xasprintf("~%s", s->name);
		buf_addc(b, ' ');
		put_word(b, n);
		free(n);
	}
	if (s->hidden)
		buf_adds(b, " !");
	buf_addc(b, '\n');
}

/* mkdir -p with mode 0700 for the directories that are created. */
static int make_dirs(const char *dir, struct nr_error *err)
{
	char *d = xstrdup(dir);
	for (char *p = d + 1; ; p++) {
		if (*p == '/' || !*p) {
			char saved = *p;
			*p = '\0';
			if (mkdir(d, 0700) != 0 && errno != EEXIST) {
				int e = errno;
				nr_fail(err, "%s: %s", d, strerror(e));
				free(d);
				return -1;
			}
			*p = saved;
			if (!saved)
				break;
		}
	}
	free(d);
	return 0;
}

/* The folder of path (malloc'd): "." when it has none. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

/* The file a write of path replaces (malloc'd): path itself, or where its symlinks lead,
 * a dangling one included, so a symlinked urls file stays a symlink. */
static char *write_target(const char *path)
{
	char *r = realpath(path, NULL);
	if (r)
		return r;
	char *cur = xstrdup(path);
	for (int hops = 0; hops < 40; hops++) {
		struct stat st;
		char link[PATH_MAX];
		ssize_t n;
		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode) || (n = readlink(cur, link, sizeof link - 1)) <= 0)
			break;
		link[n] = '\0';
		char *dir = dir_of(cur);
		char *next = link[0] == '/' ? xstrdup(link) : xasprintf("%s/%s", dir, link);
		free(dir);
		free(cur);
		cur = next;
	}
	return cur;
}

/* Take the writers' lock of target (flock on TARGET.lock, created 0600), waiting up to
 * URLS_LOCK_WAIT seconds for another writer. Returns the descriptor (close it to unlock). */
static int take_lock(const char *target, struct nr_error *err)
{
	char *lock = xasprintf("%s.lock", target);
	int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	int e = errno;
	for (int waited = 0; fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0; waited++) {
		e = errno;
		if ((e != EWOULDBLOCK && e != EINTR) || waited >= URLS_LOCK_WAIT * 20) {
			close(fd);
			fd = -1;
			break;
		}
		nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
	}
	if (fd < 0)
		nr_fail(err, "%s: %s", lock, e == EWOULDBLOCK ? "locked by another newsread" : strerror(e));
	free(lock);
	return fd;
}

/* Under the lock: remove the temporary files of writers that were killed. */
static void remove_stale(const char *target)
{
	char *dir = dir_of(target);
	const char *base = strrchr(target, '/') ? strrchr(target, '/') + 1 : target;
	char *prefix = xasprintf("%s" URLS_TMP_TAG, base);
	DIR *d = opendir(dir);
	if (d) {
		int dfd = dirfd(d);
		for (struct dirent *de; (de = readdir(d));)
			if (has_prefix(de->d_name, prefix) && strlen(de->d_name) == strlen(prefix) + 6)
				unlinkat(dfd, de->d_name, 0);
		closedir(d);
	}
	free(prefix);
	free(dir);
}

/* The temporary file being written, removed by a signal that ends newsread meanwhile. */
static char pending[PATH_MAX + 32];
static volatile sig_atomic_t have_pending;
static const int end_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

static void on_end_signal(int sig)
{
	if (have_pending)
		unlink(pending);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Replace target with contents atomically: a temporary file beside it, fsync, rename,
 * fsync of the folder. A new file gets mode 0600; an existing one keeps its mode. */
static int write_atomic(const char *target, const char *contents, size_t len, struct nr_error *err)
{
	struct stat st;
	mode_t mode = stat(target, &st) == 0 ? (st.st_mode & 0777) : 0600;
	char *tmp = xasprintf("%s" URLS_TMP_TAG "XXXXXX", target);
	if (strlen(tmp) >= sizeof pending) {
		free(tmp);
		return nr_fail(err, "%s: %s", target, strerror(ENAMETOOLONG));
	}
	struct sigaction sa, old[ARRAY_LEN(end_signals)];
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_end_signal;
	sigemptyset(&sa.sa_mask);
	strcpy(pending, tmp);
	for (size_t i = 0; i < ARRAY_LEN(end_signals); i++)
		sigaction(end_signals[i], &sa, &old[i]);
	int fd = mkstemp(pending); /* fills in the XXXXXX of pending itself */
	int e = errno;
	have_pending = fd >= 0;
	int ok = fd >= 0 && fchmod(fd, mode) == 0;
	size_t off = 0;
	while (ok && off < len) {
		ssize_t w = write(fd, contents + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		ok = w > 0;
		off += ok ? (size_t)w : 0;
	}
	ok = ok && fsync(fd) == 0;
	if (!ok && fd >= 0)
		e = errno;
	if (fd >= 0 && close(fd) != 0 && ok) {
		e = errno;
		ok = 0;
	}
	if (ok && rename(pending, target) != 0) {
		e = errno;
		ok = 0;
	}
	if (!ok && fd >= 0)
		unlink(pending);
	have_pending = 0;
	for (size_t i = 0; i < ARRAY_LEN(end_signals); i++)
		sigaction(end_signals[i], &old[i], NULL);
	free(tmp);
	if (!ok)
		return nr_fail(err, "%s: %s", target, strerror(e ? e : EIO));
	char *dir = dir_of(target); /* the rename itself reaches the disk */
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(dir);
	return 0;
}

/* A set of strings for finding the URLs already present (open addressing, FNV-1a). */
struct strset {
	const char **v;
	size_t cap, n;
};

static size_t str_hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* Add s (not copied); returns 1 when it was there already. */
static int strset_add(struct strset *set, const char *s)
{
	if (2 * (set->n + 1) > set->cap) {
		struct strset big = {xcalloc(set->cap ? set->cap * 2 : 64, sizeof(char *)), set->cap ? set->cap * 2 : 64, 0};
		for (size_t i = 0; i < set->cap; i++)
			if (set->v[i])
				strset_add(&big, set->v[i]);
		free(set->v);
		*set = big;
	}
	size_t i = str_hash(s) & (set->cap - 1);
	for (; set->v[i]; i = (i + 1) & (set->cap - 1))
		if (!strcmp(set->v[i], s))
			return 1;
	set->v[i] = s;
	set->n++;
	return 0;
}

/* 1 when urls_load's messages are about lines (FILE:LINE:), not the whole file (which
 * is then the one message). */
static int has_line_errors_only(const struct source_list *l, const char *path)
{
	size_t n = strlen(path);
	const char *m = l->nerrs ? l->errs[0].msg : "";
	return !strncmp(m, path, n) && m[n] == ':' && m[n + 1] >= '0' && m[n + 1] <= '9';
}

/* Contract in source.h. */
int urls_add(const char *urls_path, const struct source_list *add, size_t *added, size_t *skipped,
	     struct nr_error *err)
{
	*added = *skipped = 0;
	char *target = write_target(urls_path);
	char *dir = dir_of(target);
	int rc = make_dirs(dir, err);
	free(dir);
	int lock = rc ? -1 : take_lock(target, err);
	if (lock < 0) {
		free(target);
		return -1;
	}
	remove_stale(target);
	/* read afresh under the lock: what another writer just added counts as present; bad
	 * lines stay as they are (only new lines are appended), but a file that cannot be read
	 * is not written over */
	struct source_list have = {0};
	char *old = NULL;
	size_t oldlen = 0;
	struct stat st;
	if ((urls_load(target, &have, err) && !has_line_errors_only(&have, target)) ||
	    (stat(target, &st) == 0 && read_file(target, URLS_MAX_BYTES, &old, &oldlen, err)))
		rc = -1;
	struct strset seen = {0};
	struct buf all;
	buf_init(&all);
	buf_add(&all, "", 0);
	if (!rc) {
		for (size_t i = 0; i < have.n; i++)
			strset_add(&seen, have.v[i].url);
		if (oldlen) {
			buf_add(&all, old, oldlen);
			if (old[oldlen - 1] != '\n')
				buf_addc(&all, '\n');
		}
		for (size_t i = 0; i < add->n; i++) {
			if (strset_add(&seen, add->v[i].url)) {
				(*skipped)++;
				continue;
			}
			put_spec(&all, &add->v[i]);
			(*added)++;
		}
		if (*added)
			rc = write_atomic(target, all.s, all.len, err);
	}
	buf_free(&all);
	free(seen.v);
	free(old);
	source_list_free(&have);
	close(lock);
	free(target);
	return rc;
}
