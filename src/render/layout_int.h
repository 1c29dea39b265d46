/* layout_int.h - internals shared by width.c, linebreak.c, layout.c and layout_table.c.
 * Not a public contract: only the layout files and their unit tests include it. */
#ifndef NEWSREAD_LAYOUT_INT_H
#define NEWSREAD_LAYOUT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "newsread/doc.h"
#include "newsread/layout.h"
#include "newsread/util.h"

/* Break class before a unit (unit.brk). */
enum {
	BRK_NO = 0,   /* no break before this unit */
	BRK_ALLOW,    /* a break may be taken before this unit */
	BRK_MUST,     /* the previous unit was a forced newline */
};

/* unit.flags */
enum {
	U_SPACE = 1u << 0,   /* a collapsible space (hangs at line end) */
	U_NEWLINE = 1u << 1, /* forced break ('\n'); never drawn */
	U_SHY = 1u << 2,     /* a soft hyphen stood before this unit: break here draws '-' */
	U_TAILOR = 1u << 3,  /* UAX #14 allows a break before, a tailoring forbids it (T9 level 1) */
	U_GAP = 1u << 4,     /* cjk-latin-space: one display-only space before this unit */
	U_KOK = 1u << 5,     /* breaking before this unit keeps kinsoku (T9 level 2) */
	U_URL = 1u << 6,     /* the previous unit is one of / ? & = - . _ (preferred T9 cut) */
	U_IDID = 1u << 7,    /* set by para_sanitize's fast path (not on every such unit):
				this unit starts with a han_id ideograph and the unit before is
				exactly one (3 bytes), so UAX #14 allows a break between (ID ID)
				and only T3's unit-word glue may look at the pair; such units
				come with BRK_ALLOW and U_KOK, para_breaks' answer for them */
};

/* A CJK unified ideograph (UAX #14 class ID in every Unicode version libunistring has):
 * 0x3400-0x9FFF less the Yijing hexagrams 0x4DC0-0x4DFF (class AL). */
static inline int han_id(uint32_t c)
{
	return c - 0x3400u < 0x6C00u && c - 0x4DC0u >= 0x40u;
}

/* One unbreakable unit: an original grapheme cluster (ZWJ sequences stay one unit
 * even though the ZWJ itself is deleted). */
struct unit {
	uint32_t off;   /* byte offset in the sanitized text; a unit ends where the next begins */
	uint32_t cp;    /* first code point */
	uint8_t w;      /* display columns (sum of wcwidth; clusters are capped, see width.c) */
	uint8_t brk;    /* BRK_* before this unit */
	uint8_t flags;  /* U_* */
};

/* A fitted line: units [a, b) (trailing spaces already excluded), flags LINE_*. */
struct fit {
	size_t a, b;
	unsigned flags;
	int hyphen;     /* draw '-' at the end (soft hyphen break) */
	int oversize;   /* a single unit wider than the line: cut by graphemes, '?' for too wide */
};

struct fits {
	struct fit *v;
	size_t n, cap;
};

/* A paragraph prepared for fitting: sanitized text, its units, runs remapped to it.
 * Buffers are kept and reused from one paragraph to the next (few allocations). */
struct para {
	char *s;            /* sanitized UTF-8 */
	size_t len, cap;
	struct unit *u;
	size_t n, ucap;
	struct run *runs;   /* the block's runs, offsets in s */
	size_t nruns, rcap;
	char *scratch;      /* per-byte scratch for libunistring */
	size_t scap;
	size_t *bmap;       /* run boundary remapping */
	size_t bcap;
	struct fits fits;   /* layout_para_text: the fitted lines */
	struct buf line;    /* layout_para_text: the line being built, its spans */
	struct lspan *sp;
	size_t spcap;
};

void para_free(struct para *p);

/* Byte offset where unit i ends. */
static inline size_t unit_end(const struct para *p, size_t i)
{
	return i + 1 < p->n ? p->u[i + 1].off : p->len;
}

/* width.c: sanitize text (W2) into p->s and build p->u (widths, flags from ZWSP, WJ,
 * SHY); remaps runs (may be NULL) into p->runs. tab: 1 turns TAB into one space. */
void para_sanitize(struct para *p, const char *t, size_t n, const struct run *runs, size_t nruns);
/* For the conformance test: one unit per code point, nothing sanitized. */
void para_codepoints(struct para *p, const char *t, size_t n);
int cp_default_wide(uint32_t c);

/* linebreak.c: fill p->u[].brk and flags from UAX #14 plus the tailorings T1-T10. */
void para_breaks(struct para *p, int strict, int cjk_latin_space);
int cp_is_han(uint32_t c);
/* UAX #14 classes (UC_BREAK_*) as u8_possible_linebreaks gives them for the whole text,
 * but set only at unit starts (p->n > 0; lb has p->len bytes); libunistring is asked
 * only about the stretches between ideograph pairs. */
void para_uax14(const struct para *p, char *lb);
/* Keep ST_NOBREAK runs (ruby groups), link marks ("[3]", glued to the text before) and
 * the head of image placeholders ("[图 3:") whole; the breaks removed stay T9 level 1
 * candidates. */
void para_glue_runs(struct para *p);
int cp_is_cjk(uint32_t c);

/* layout.c: greedy fitter with push-out and T9 emergency breaks. first/rest: widths of
 * the first and following lines (> 0); hang: columns beyond them that a line-final ，。、
 * may take (hang-punctuation), else 0. */
void para_fit(const struct para *p, int first, int rest, int hang, struct fits *out);

/* Line builder: text + spans + width. */
struct lbuild {
	struct buf *b;
	struct lspan *sp;
	size_t nsp, spcap;
	int width;
};
void lb_reset(struct lbuild *lb);
void lb_add(struct lbuild *lb, const char *s, size_t n, int w, unsigned style, int link);
void lb_push(struct lbuild *lb, struct lines *out, unsigned flags);

/* layout_table.c */
void layout_table(const struct block *b, const struct layout_opts *o, const char *prefix, int pw,
		  struct lines *out);
void layout_pre(const struct block *b, const struct layout_opts *o, const char *prefix, int pw,
		struct lines *out);

/* Wrap a paragraph block's text into lines, each prefixed. Used for paragraphs, table
 * cells and stacked rows. */
struct para_style {
	const char *first_prefix, *rest_prefix; /* ASCII or any UTF-8, drawn with pstyle */
	int first_pw, rest_pw;                  /* their widths */
	unsigned pstyle;                        /* style of the prefixes */
	unsigned extra;                         /* style OR'ed on every text span */
	int width;                              /* total width of the line */
	int gap;                                /* cjk-latin-space */
	int strict;
	int hang;                               /* hang-punctuation (a CJK text block) */
};
void layout_para_text(struct para *p, const char *t, size_t n, const struct run *runs, size_t nruns,
		      const struct para_style *ps, struct lines *out);

#endif
