/* keymap.c - the action and context tables, key names, and the mutable keymap built from
 * the table's default keys (see keymap.h). */
#include "newsread/keymap.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

const struct keymap_context_info keymap_contexts[CX_NCONTEXTS] = {
#define X(id, name, title) [CXI_##id] = {name, title},
	KEYMAP_CONTEXTS(X)
#undef X
};

const struct ui_action_info ui_actions[ACT_COUNT] = {
	[ACT_NONE] = {"none", 0, "", ""},
#define X(id, name, cx, keys, help) [ACT_##id] = {name, cx, keys, help},
	UI_ACTIONS(X)
#undef X
};

enum ui_action keymap_action(const char *name)
{
	for (int a = 1; a < ACT_COUNT; a++)
		if (strcmp(ui_actions[a].name, name) == 0)
			return (enum ui_action)a;
	return ACT_NONE;
}

int keymap_context(const char *name)
{
	for (int c = 0; c < CX_NCONTEXTS; c++)
		if (strcmp(keymap_contexts[c].name, name) == 0)
			return c;
	return -1;
}

/* Named keys. The first of a code is the name the help shows. */
static const struct {
	const char *name;
	struct keymap_key key;
} key_names[] = {
	{"Down", {1, KEY_DOWN}},   {"Up", {1, KEY_UP}},         {"Left", {1, KEY_LEFT}},
	{"Right", {1, KEY_RIGHT}}, {"PgDn", {1, KEY_NPAGE}},    {"PgUp", {1, KEY_PPAGE}},
	{"Home", {1, KEY_HOME}},   {"End", {1, KEY_END}},       {"Insert", {1, KEY_IC}},
	{"Delete", {1, KEY_DC}},   {"Backspace", {1, KEY_BACKSPACE}},
	{"Enter", {0, '\r'}},      {"Space", {0, ' '}},         {"Tab", {0, '\t'}},
	{"Esc", {0, 27}},
};

#define KEYMAP_MAX_F 12

/* The key as bindings hold it: Enter in its three forms is '\r'. */
static struct keymap_key normal(struct keymap_key k)
{
	if ((!k.fkey && k.code == '\n') || (k.fkey && k.code == (unsigned)KEY_ENTER))
		return (struct keymap_key){0, '\r'};
	return k;
}

int keymap_parse_key(const char *name, struct keymap_key *k, struct nr_error *err)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < ARRAY_LEN(key_names); i++) {
		if (strcmp(key_names[i].name, name) == 0) {
			*k = key_names[i].key;
			return 0;
		}
	}
	if (name[0] == 'F' && n >= 2 && n <= 3 && name[1] >= '1' && name[1] <= '9' &&
	    (n == 2 || (name[2] >= '0' && name[2] <= '9'))) {
		int f = atoi(name + 1);
		if (f >= 1 && f <= KEYMAP_MAX_F) {
			*k = (struct keymap_key){1, (unsigned)KEY_F(f)};
			return 0;
		}
	}
	if (n == 2 && name[0] == '^') {
		unsigned char c = (unsigned char)name[1];
		if (c >= 'a' && c <= 'z')
			c = (unsigned char)(c - 'a' + 'A');
		if (c >= '@' && c <= '_') { /* ^J and ^M are Enter, as the terminal sends it */
			*k = normal((struct keymap_key){0, (unsigned)(c - '@')});
			return 0;
		}
	}
	ucs4_t c;
	int l = n ? u8_mbtouc(&c, (const uint8_t *)name, n) : 0;
	if (l > 0 && (size_t)l == n && c != 0xFFFD && c > 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0)) {
		*k = (struct keymap_key){0, (unsigned)c};
		return 0;
	}
	return nr_fail(err, "unknown key name: \"%.40s\" (a character, ^X, F1-F12, or one of Down Up Left Right "
			    "PgDn PgUp Home End Insert Delete Backspace Enter Space Tab Esc)", name);
}

void keymap_key_name(struct keymap_key k, char *buf, size_t n)
{
	for (size_t i = 0; i < ARRAY_LEN(key_names); i++) {
		if (key_names[i].key.fkey == k.fkey && key_names[i].key.code == k.code) {
			snprintf(buf, n, "%s", key_names[i].name);
			return;
		}
	}
	if (k.fkey) {
		for (int f = 1; f <= KEYMAP_MAX_F; f++) {
			if (k.code == (unsigned)KEY_F(f)) {
				snprintf(buf, n, "F%d", f);
				return;
			}
		}
		snprintf(buf, n, "key%u", k.code);
		return;
	}
	if (k.code < 0x20) {
		snprintf(buf, n, "^%c", (char)(k.code + '@'));
		return;
	}
	uint8_t u[8];
	int l = u8_uctomb(u, (ucs4_t)k.code, (int)sizeof u);
	snprintf(buf, n, "%.*s", l > 0 ? l : 1, l > 0 ? (const char *)u : "?");
}

static int same_key(struct keymap_key a, struct keymap_key b)
{
	return a.fkey == b.fkey && a.code == b.code;
}

/* Index of the binding of k in context cx, or -1. */
static long find(const struct keymap *km, int cx, struct keymap_key k)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].cx == cx && same_key(km->v[i].key, k))
			return (long)i;
	return -1;
}

static void drop(struct keymap *km, size_t i)
{
	memmove(km->v + i, km->v + i + 1, (km->n - i - 1) * sizeof *km->v);
	km->n--;
}

/* Bind k to a in cx, replacing the key's binding there, or keeping it when first. */
static void put(struct keymap *km, int cx, struct keymap_key k, enum ui_action a, int replace)
{
	long at = find(km, cx, k);
	if (at >= 0) {
		if (!replace)
			return;
		drop(km, (size_t)at);
	}
	if (km->n == km->cap) {
		km->cap = km->cap ? km->cap * 2 : 64;
		km->v = xrealloc(km->v, km->cap * sizeof *km->v);
	}
	km->v[km->n++] = (struct keymap_binding){(unsigned char)cx, k, a};
}

void keymap_defaults(struct keymap *km)
{
	km->n = 0;
	for (int a = 1; a < ACT_COUNT; a++) {
		for (int cx = 0; cx < CX_NCONTEXTS; cx++) {
			if (!(ui_actions[a].contexts & (1u << cx)))
				continue;
			const char *p = ui_actions[a].keys;
			while (*p) {
				while (*p == ' ')
					p++;
				size_t n = strcspn(p, " ");
				if (!n)
					break;
				char name[32];
				struct keymap_key k;
				snprintf(name, sizeof name, "%.*s", (int)n, p);
				if (keymap_parse_key(name, &k, NULL) == 0) /* the test keeps them all valid */
					put(km, cx, k, (enum ui_action)a, 0);
				p += n;
			}
		}
	}
}

void keymap_free(struct keymap *km)
{
	free(km->v);
	km->v = NULL;
	km->n = km->cap = 0;
}

/* The context named, or -1 for every context (name NULL or ""); -2 with err if unknown. */
static int context_arg(const char *name, struct nr_error *err)
{
	if (!name || !*name)
		return -1;
	int cx = keymap_context(name);
	if (cx < 0) {
		struct buf b;
		buf_init(&b);
		for (int c = 0; c < CX_NCONTEXTS; c++)
			buf_printf(&b, "%s%s", c ? " " : "", keymap_contexts[c].name);
		nr_fail(err, "unknown view: \"%.40s\" (one of %s)", name, b.s);
		buf_free(&b);
		return -2;
	}
	return cx;
}

int keymap_bind(struct keymap *km, const char *context, const char *key, const char *action,
		struct nr_error *err)
{
	struct keymap_key k;
	if (keymap_parse_key(key, &k, err))
		return -1;
	int cx = context_arg(context, err);
	if (cx == -2)
		return -1;
	enum ui_action a = keymap_action(action);
	if (a == ACT_NONE)
		return nr_fail(err, "unknown action: \"%.40s\"", action);
	if (cx >= 0 && !(ui_actions[a].contexts & (1u << cx)))
		return nr_fail(err, "%s does nothing in the %s view", ui_actions[a].name, keymap_contexts[cx].name);
	for (int c = 0; c < CX_NCONTEXTS; c++)
		if ((cx < 0 || c == cx) && (ui_actions[a].contexts & (1u << c)))
			put(km, c, k, a, 1);
	return 0;
}

int keymap_unbind(struct keymap *km, const char *context, const char *key, struct nr_error *err)
{
	struct keymap_key k;
	if (keymap_parse_key(key, &k, err))
		return -1;
	int cx = context_arg(context, err);
	if (cx == -2)
		return -1;
	for (size_t i = km->n; i-- > 0;)
		if ((cx < 0 || km->v[i].cx == cx) && same_key(km->v[i].key, k))
			drop(km, i);
	return 0;
}

enum ui_action keymap_lookup(const struct keymap *km, int cx, struct keymap_key k)
{
	long at = find(km, cx, normal(k));
	return at < 0 ? ACT_NONE : km->v[at].action;
}

size_t keymap_keys_text(const struct keymap *km, enum ui_action a, unsigned cxmask, const char *sep,
			struct buf *out)
{
	size_t count = 0;
	for (size_t i = 0; i < km->n; i++) {
		const struct keymap_binding *b = &km->v[i];
		if (b->action != a || !(cxmask & (1u << b->cx)))
			continue;
		size_t j = 0; /* listed already for another context? */
		while (j < i && !(km->v[j].action == a && (cxmask & (1u << km->v[j].cx)) &&
				  same_key(km->v[j].key, b->key)))
			j++;
		if (j < i)
			continue;
		char name[16];
		keymap_key_name(b->key, name, sizeof name);
		if (count++)
			buf_adds(out, sep);
		buf_adds(out, name);
	}
	return count;
}
