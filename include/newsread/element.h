/* element.h - the HTML elements newsread knows, each written once with what it is: one
 * table that the renderer (html_tags.c), reader mode (page*.c) and the feed parser's XHTML
 * writer all read, so that no stage keeps its own list of block, void or dropped elements.
 * Names are matched in any ASCII case. */
#ifndef NEWSREAD_ELEMENT_H
#define NEWSREAD_ELEMENT_H

/* What an element is; each flag answers one question for one reader of the table. */
enum {
	HK_BLOCK = 1u << 0,        /* rendering: ends the inline text before and after it */
	HK_DROP = 1u << 1,         /* rendering: dropped with all its content */
	HK_VOID = 1u << 2,         /* HTML void element: no content, never an end tag */
	HK_READER_BLOCK = 1u << 3, /* reader mode: a block, for word breaks and a block's statistics */
	/* reader mode's clean HTML (page_out.c) keeps the element as: */
	HK_OUT_TEXT = 1u << 4,   /* a block that holds text (p, h1, li, td ...) */
	HK_OUT_BLOCK = 1u << 5,  /* a block of blocks (ul, table, blockquote ...) */
	HK_OUT_INLINE = 1u << 6, /* inline markup (a, b, em, code ...) */
	HK_OUT_VOID = 1u << 7,   /* a void element it writes (img, br, hr) */
	HK_OUT_DROP = 1u << 8,   /* nothing: dropped with its content */
	/* (none of the HK_OUT_*: unwrapped, its content kept without it) */
};

/* X(ID, name, HK_* flags), sorted by name. */
#define HTML_ELEMENTS(X) \
	X(A, "a", HK_OUT_INLINE) \
	X(ABBR, "abbr", HK_OUT_INLINE) \
	X(ADDRESS, "address", HK_BLOCK | HK_READER_BLOCK) \
	X(AREA, "area", HK_VOID) \
	X(ARTICLE, "article", HK_BLOCK | HK_READER_BLOCK) \
	X(ASIDE, "aside", HK_BLOCK | HK_READER_BLOCK) \
	X(AUDIO, "audio", 0) \
	X(B, "b", HK_OUT_INLINE) \
	X(BASE, "base", HK_DROP | HK_VOID) \
	X(BLOCKQUOTE, "blockquote", HK_BLOCK | HK_READER_BLOCK | HK_OUT_BLOCK) \
	X(BODY, "body", HK_BLOCK) \
	X(BR, "br", HK_VOID | HK_OUT_VOID) \
	X(BUTTON, "button", HK_DROP) \
	X(CANVAS, "canvas", HK_DROP) \
	X(CAPTION, "caption", HK_BLOCK | HK_OUT_TEXT) \
	X(CENTER, "center", HK_BLOCK | HK_READER_BLOCK) \
	X(CITE, "cite", 0) \
	X(CODE, "code", HK_OUT_INLINE) \
	X(COL, "col", HK_VOID) \
	X(DD, "dd", HK_BLOCK | HK_READER_BLOCK | HK_OUT_TEXT) \
	X(DEL, "del", 0) \
	X(DETAILS, "details", HK_BLOCK | HK_READER_BLOCK) \
	X(DFN, "dfn", 0) \
	X(DIALOG, "dialog", HK_DROP) \
	X(DIR, "dir", HK_BLOCK) \
	X(DIV, "div", HK_BLOCK | HK_READER_BLOCK) \
	X(DL, "dl", HK_BLOCK | HK_READER_BLOCK | HK_OUT_BLOCK) \
	X(DT, "dt", HK_BLOCK | HK_READER_BLOCK | HK_OUT_TEXT) \
	X(EM, "em", HK_OUT_INLINE) \
	X(EMBED, "embed", HK_VOID) \
	X(FIELDSET, "fieldset", HK_BLOCK | HK_READER_BLOCK) \
	X(FIGCAPTION, "figcaption", HK_BLOCK | HK_OUT_TEXT) \
	X(FIGURE, "figure", HK_BLOCK | HK_READER_BLOCK | HK_OUT_BLOCK) \
	X(FONT, "font", 0) \
	X(FOOTER, "footer", HK_BLOCK | HK_READER_BLOCK) \
	X(FORM, "form", HK_READER_BLOCK) \
	X(FRAMESET, "frameset", HK_DROP) \
	X(H1, "h1", HK_BLOCK | HK_READER_BLOCK | HK_OUT_TEXT) \
	X(H2, "h2", HK_BLOCK | HK_READER_BLOCK | HK_OUT_TEXT) \
	X(H3, "h3", HK_BLOCK | HK_READER_BLOCK | HK_OUT_TEXT) \
	X(H4, "h4", HK_BLOCK | HK_READER_BLOCK | HK_OUT_TEXT) \
	X(H5, "h5", HK_BLOCK | HK_READER_BLOCK | HK_OUT_TEXT) \
	X(H6, "h6", HK_BLOCK | HK_READER_BLOCK | HK_OUT_TEXT) \
	X(HEAD, "head", HK_DROP | HK_OUT_DROP) \
	X(HEADER, "header", HK_BLOCK | HK_READER_BLOCK) \
	X(HGROUP, "hgroup", HK_BLOCK) \
	X(HR, "hr", HK_BLOCK | HK_VOID | HK_READER_BLOCK | HK_OUT_VOID) \
	X(HTML, "html", 0) \
	X(I, "i", HK_OUT_INLINE) \
	X(IFRAME, "iframe", HK_DROP) \
	X(IMG, "img", HK_VOID | HK_OUT_VOID) \
	X(INPUT, "input", HK_DROP | HK_VOID) \
	X(KBD, "kbd", 0) \
	X(LEGEND, "legend", HK_BLOCK) \
	X(LI, "li", HK_BLOCK | HK_READER_BLOCK | HK_OUT_TEXT) \
	X(LINK, "link", HK_DROP | HK_VOID) \
	X(LISTING, "listing", HK_BLOCK) \
	X(MAIN, "main", HK_BLOCK | HK_READER_BLOCK) \
	X(MAP, "map", 0) \
	X(MARK, "mark", HK_OUT_INLINE) \
	X(MATH, "math", HK_DROP) \
	X(MENU, "menu", HK_BLOCK) \
	X(META, "meta", HK_DROP | HK_VOID) \
	X(NAV, "nav", HK_BLOCK | HK_READER_BLOCK) \
	X(NOEMBED, "noembed", HK_DROP) \
	X(NOFRAMES, "noframes", HK_DROP) \
	X(NOSCRIPT, "noscript", HK_DROP) \
	X(OBJECT, "object", 0) \
	X(OL, "ol", HK_BLOCK | HK_READER_BLOCK | HK_OUT_BLOCK) \
	X(OPTION, "option", HK_DROP) \
	X(P, "p", HK_BLOCK | HK_READER_BLOCK | HK_OUT_TEXT) \
	X(PARAM, "param", HK_DROP) \
	X(PLAINTEXT, "plaintext", HK_BLOCK) \
	X(PRE, "pre", HK_BLOCK | HK_READER_BLOCK | HK_OUT_TEXT) \
	X(Q, "q", HK_OUT_INLINE) \
	X(RT, "rt", 0) \
	X(RUBY, "ruby", 0) \
	X(S, "s", HK_OUT_INLINE) \
	X(SAMP, "samp", 0) \
	X(SCRIPT, "script", HK_DROP | HK_OUT_DROP) \
	X(SECTION, "section", HK_BLOCK | HK_READER_BLOCK) \
	X(SELECT, "select", HK_DROP) \
	X(SMALL, "small", HK_OUT_INLINE) \
	X(SOURCE, "source", HK_DROP | HK_VOID) \
	X(STRONG, "strong", HK_OUT_INLINE) \
	X(STYLE, "style", HK_DROP | HK_OUT_DROP) \
	X(SUB, "sub", HK_OUT_INLINE) \
	X(SUMMARY, "summary", HK_BLOCK) \
	X(SUP, "sup", HK_OUT_INLINE) \
	X(SVG, "svg", HK_DROP) \
	X(TABLE, "table", HK_BLOCK | HK_READER_BLOCK | HK_OUT_BLOCK) \
	X(TBODY, "tbody", HK_OUT_BLOCK) \
	X(TD, "td", HK_READER_BLOCK | HK_OUT_TEXT) \
	X(TEMPLATE, "template", HK_DROP) \
	X(TEXTAREA, "textarea", HK_DROP) \
	X(TFOOT, "tfoot", HK_OUT_BLOCK) \
	X(TH, "th", HK_READER_BLOCK | HK_OUT_TEXT) \
	X(THEAD, "thead", HK_OUT_BLOCK) \
	X(TIME, "time", 0) \
	X(TITLE, "title", HK_DROP | HK_OUT_DROP) \
	X(TR, "tr", HK_READER_BLOCK | HK_OUT_BLOCK) \
	X(TRACK, "track", HK_DROP | HK_VOID) \
	X(TT, "tt", 0) \
	X(U, "u", HK_OUT_INLINE) \
	X(UL, "ul", HK_BLOCK | HK_READER_BLOCK | HK_OUT_BLOCK) \
	X(VAR, "var", 0) \
	X(VIDEO, "video", 0) \
	X(WBR, "wbr", HK_VOID) \
	X(XMP, "xmp", HK_BLOCK)

/* Element numbers: HE_NONE (not an element), HE_OTHER (a name not listed), then HE_A ... */
enum html_element {
	HE_NONE,
	HE_OTHER,
#define HE_ENUM(id, name, flags) HE_##id,
	HTML_ELEMENTS(HE_ENUM)
#undef HE_ENUM
	HE_COUNT
};

/* The number of an element name (any ASCII case), HE_OTHER when not listed, HE_NONE for
 * NULL. A binary search: O(log n), no allocation. */
unsigned html_element_id(const char *name);
/* The HK_* flags of an element number (0 for HE_NONE, HE_OTHER and out of range). */
unsigned html_element_flags(unsigned id);
/* The same from a name. */
unsigned html_element_kind(const char *name);

#endif
