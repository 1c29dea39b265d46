/* decode.c - bytes in any charset -> valid UTF-8 (WHATWG order of evidence), and the
 * HTML-entity fix for XML feeds. iconv does the conversions; every invalid byte
 * becomes U+FFFD and conversion goes on to the end of the input. */
#include "newsread/decode.h"
#include "newsread/util.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#define REPLACEMENT "\xEF\xBF\xBD"
#define PRESCAN_BYTES 4096        /* WHATWG says 1024; Chinese pages often put meta later */
#define GUESS_BYTES (256 * 1024)  /* bytes looked at when guessing an unlabelled charset */

/* WHATWG label -> iconv name. Labels are compared after lowercasing and trimming. */
static const struct {
	const char *label;
	const char *name;
} decode_labels[] = {
	{"utf-8", "UTF-8"}, {"utf8", "UTF-8"}, {"unicode-1-1-utf-8", "UTF-8"},
	{"unicode11utf8", "UTF-8"}, {"unicode20utf8", "UTF-8"}, {"x-unicode20utf8", "UTF-8"},
	{"utf_8", "UTF-8"}, {"utf-8n", "UTF-8"}, {"uft-8", "UTF-8"}, {"uft8", "UTF-8"},
	{"gbk", "GB18030"}, {"gb2312", "GB18030"}, {"gb_2312", "GB18030"}, {"gb_2312-80", "GB18030"},
	{"chinese", "GB18030"}, {"csgb2312", "GB18030"}, {"csiso58gb231280", "GB18030"},
	{"iso-ir-58", "GB18030"}, {"x-gbk", "GB18030"}, {"gb18030", "GB18030"}, {"cp936", "GB18030"},
	{"ms936", "GB18030"}, {"windows-936", "GB18030"}, {"euc-cn", "GB18030"}, {"x-euc-cn", "GB18030"},
	{"hz-gb-2312", "GB18030"},
	{"big5", "BIG5-HKSCS"}, {"big5-hkscs", "BIG5-HKSCS"}, {"cn-big5", "BIG5-HKSCS"},
	{"csbig5", "BIG5-HKSCS"}, {"x-x-big5", "BIG5-HKSCS"}, {"cp950", "BIG5-HKSCS"},
	{"shift_jis", "WINDOWS-31J"}, {"shift-jis", "WINDOWS-31J"}, {"sjis", "WINDOWS-31J"},
	{"csshiftjis", "WINDOWS-31J"}, {"ms932", "WINDOWS-31J"}, {"ms_kanji", "WINDOWS-31J"},
	{"windows-31j", "WINDOWS-31J"}, {"x-sjis", "WINDOWS-31J"}, {"cp932", "WINDOWS-31J"},
	{"euc-jp", "EUC-JP"}, {"cseucpkdfmtjapanese", "EUC-JP"}, {"x-euc-jp", "EUC-JP"},
	{"iso-2022-jp", "ISO-2022-JP"}, {"csiso2022jp", "ISO-2022-JP"},
	{"euc-kr", "UHC"}, {"cseuckr", "UHC"}, {"csksc56011987", "UHC"}, {"iso-ir-149", "UHC"},
	{"korean", "UHC"}, {"ks_c_5601-1987", "UHC"}, {"ks_c_5601-1989", "UHC"}, {"ksc5601", "UHC"},
	{"ksc_5601", "UHC"}, {"windows-949", "UHC"}, {"cp949", "UHC"},
	{"utf-16", "UTF-16LE"}, {"utf-16le", "UTF-16LE"}, {"unicode", "UTF-16LE"},
	{"ucs-2", "UTF-16LE"}, {"csunicode", "UTF-16LE"}, {"iso-10646-ucs-2", "UTF-16LE"},
	{"unicodefeff", "UTF-16LE"}, {"utf-16be", "UTF-16BE"}, {"unicodefffe", "UTF-16BE"},
	{"ascii", "WINDOWS-1252"}, {"us-ascii", "WINDOWS-1252"}, {"ansi_x3.4-1968", "WINDOWS-1252"},
	{"cp1252", "WINDOWS-1252"}, {"cp819", "WINDOWS-1252"}, {"csisolatin1", "WINDOWS-1252"},
	{"ibm819", "WINDOWS-1252"}, {"iso-8859-1", "WINDOWS-1252"}, {"iso-ir-100", "WINDOWS-1252"},
	{"iso8859-1", "WINDOWS-1252"}, {"iso88591", "WINDOWS-1252"}, {"iso_8859-1", "WINDOWS-1252"},
	{"iso_8859-1:1987", "WINDOWS-1252"}, {"l1", "WINDOWS-1252"}, {"latin1", "WINDOWS-1252"},
	{"windows-1252", "WINDOWS-1252"}, {"x-cp1252", "WINDOWS-1252"}, {"x-user-defined", "WINDOWS-1252"},
	{"iso-8859-2", "ISO-8859-2"}, {"latin2", "ISO-8859-2"}, {"l2", "ISO-8859-2"},
	{"iso-8859-3", "ISO-8859-3"}, {"iso-8859-4", "ISO-8859-4"}, {"iso-8859-5", "ISO-8859-5"},
	{"cyrillic", "ISO-8859-5"}, {"iso-8859-6", "ISO-8859-6"}, {"arabic", "ISO-8859-6"},
	{"iso-8859-7", "ISO-8859-7"}, {"greek", "ISO-8859-7"}, {"iso-8859-8", "ISO-8859-8"},
	{"hebrew", "ISO-8859-8"}, {"iso-8859-8-i", "ISO-8859-8"}, {"iso-8859-10", "ISO-8859-10"},
	{"iso-8859-13", "ISO-8859-13"}, {"iso-8859-14", "ISO-8859-14"}, {"iso-8859-15", "ISO-8859-15"},
	{"latin9", "ISO-8859-15"}, {"l9", "ISO-8859-15"}, {"iso-8859-16", "ISO-8859-16"},
	{"koi8-r", "KOI8-R"}, {"koi8", "KOI8-R"}, {"koi", "KOI8-R"}, {"cskoi8r", "KOI8-R"},
	{"koi8-u", "KOI8-U"}, {"koi8-ru", "KOI8-U"}, {"ibm866", "IBM866"}, {"866", "IBM866"},
	{"cp866", "IBM866"}, {"macintosh", "MACINTOSH"}, {"mac", "MACINTOSH"},
	{"x-mac-roman", "MACINTOSH"}, {"csmacintosh", "MACINTOSH"}, {"x-mac-cyrillic", "MAC-CYRILLIC"},
	{"windows-874", "WINDOWS-874"}, {"tis-620", "WINDOWS-874"}, {"iso-8859-11", "WINDOWS-874"},
	{"windows-1250", "WINDOWS-1250"}, {"cp1250", "WINDOWS-1250"}, {"windows-1251", "WINDOWS-1251"},
	{"cp1251", "WINDOWS-1251"}, {"windows-1253", "WINDOWS-1253"}, {"windows-1254", "WINDOWS-1254"},
	{"latin5", "WINDOWS-1254"}, {"iso-8859-9", "WINDOWS-1254"}, {"windows-1255", "WINDOWS-1255"},
	{"windows-1256", "WINDOWS-1256"}, {"windows-1257", "WINDOWS-1257"},
	{"windows-1258", "WINDOWS-1258"},
};

const char *decode_label(const char *label)
{
	if (!label)
		return NULL;
	char norm[64];
	size_t n = 0;
	while (*label == ' ' || *label == '\t' || *label == '\n' || *label == '\r' || *label == '\f' ||
	       *label == '"' || *label == '\'')
		label++;
	for (; *label && n + 1 < sizeof norm; label++) {
		char c = *label;
		if (c >= 'A' && c <= 'Z')
			c += 32;
		norm[n++] = c;
	}
	if (*label)
		return NULL; /* too long to be a label */
	while (n && strchr(" \t\n\r\f\"';", norm[n - 1]))
		n--;
	norm[n] = '\0';
	for (size_t i = 0; i < ARRAY_LEN(decode_labels); i++)
		if (strcmp(norm, decode_labels[i].label) == 0)
			return decode_labels[i].name;
	return NULL;
}

int decode_content_type_charset(const char *ct, char *out, size_t outlen)
{
	if (!ct || !outlen)
		return 0;
	for (const char *p = ct; (p = strchr(p, ';')); ) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!has_iprefix(p, "charset"))
			continue;
		const char *v = p + 7;
		while (*v == ' ' || *v == '\t')
			v++;
		if (*v != '=')
			continue;
		v++;
		while (*v == ' ' || *v == '\t')
			v++;
		char q = 0;
		if (*v == '"' || *v == '\'')
			q = *v++;
		size_t n = 0;
		while (v[n] && (q ? v[n] != q : (v[n] != ';' && v[n] != ' ' && v[n] != '\t' && v[n] != ',')))
			n++;
		if (!n || n >= outlen)
			return 0;
		memcpy(out, v, n);
		out[n] = '\0';
		return 1;
	}
	return 0;
}

/* ---- UTF-8 repair ---- */

/* Length of the valid UTF-8 sequence at p (at most n bytes), or 0 when invalid. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
	unsigned c = p[0];
	if (c < 0x80)
		return 1;
	size_t len;
	unsigned lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		if (c == 0xE0) lo = 0xA0;
		if (c == 0xED) hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		if (c == 0xF0) lo = 0x90;
		if (c == 0xF4) hi = 0x8F;
	} else
		return 0;
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
	return len;
}

/* 1 when p starts with one of CJK's three-byte sequences: a lead E1..EF but ED and two
 * continuation bytes, never overlong, never a surrogate. Reads p[0..3] as one word. */
static inline int cjk3(const unsigned char *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap32(v);
#endif
	unsigned lead = v & 0xFFu;
	return (v & 0xC0C0F0u) == 0x8080E0u && lead != 0xE0 && lead != 0xED;
}

/* Length of the longest prefix of s that is valid UTF-8 without NUL. */
static size_t utf8_clean_len(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	const uint64_t lo = 0x0101010101010101ull, hi = 0x8080808080808080ull;
	size_t i = 0, lim4 = n > 3 ? n - 3 : 0; /* i < lim4: four bytes left */
	while (i < n) {
		/* hot: ASCII other than NUL, eight bytes at a time: no high bit, and then a byte
		 * is zero exactly when subtracting one from each borrows into a high bit */
		uint64_t w;
		while (n - i >= 8 && (memcpy(&w, p + i, 8), !(w & hi) && !((w - lo) & hi)))
			i += 8;
		if (i >= n)
			break;
		if (p[i] - 1u < 0x7Fu) {
			i++;
			continue;
		}
		/* hot: runs of CJK's three-byte sequences */
		size_t run = i;
		while (i < lim4 && cjk3(p + i))
			i += 3;
		if (i != run)
			continue;
		size_t l = p[i] ? utf8_len(p + i, n - i) : 0;
		if (!l)
			break;
		i += l;
	}
	return i;
}

/* Copy UTF-8, one U+FFFD for each maximal invalid subpart, NUL as U+FFFD. */
static void utf8_repair(struct buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = 0;
	while ((i += utf8_clean_len(s + i, n - i)) < n) {
		buf_add(out, s + start, i - start);
		buf_adds(out, REPLACEMENT);
		/* skip the maximal subpart: the lead byte and the continuation bytes that fit */
		size_t skip = 1;
		if (p[i] >= 0xC2 && p[i] <= 0xF4) {
			size_t want = p[i] >= 0xF0 ? 4 : p[i] >= 0xE0 ? 3 : 2;
			while (skip < want && i + skip < n && (p[i + skip] & 0xC0) == 0x80 &&
			       !(skip == 1 && ((p[i] == 0xE0 && p[i + 1] < 0xA0) || (p[i] == 0xED && p[i + 1] > 0x9F) ||
					       (p[i] == 0xF0 && p[i + 1] < 0x90) || (p[i] == 0xF4 && p[i + 1] > 0x8F))))
				skip++;
		}
		i += skip;
		start = i;
	}
	buf_add(out, s + start, n - start);
}

/* Count of multi-byte sequences when s is valid UTF-8 (with no NUL), else -1. */
static long utf8_check(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	long multi = 0;
	for (size_t i = 0; i < n;) {
		if (p[i] < 0x80) {
			if (!p[i])
				return -1;
			i++;
			continue;
		}
		size_t l = utf8_len(p + i, n - i);
		if (!l)
			return -1;
		multi++;
		i += l;
	}
	return multi;
}

/* ---- iconv ---- */

/* Convert s from charset cs to UTF-8, appending to out (may be NULL to only count).
 * Returns the number of invalid sequences (each became U+FFFD), or -1 when iconv does
 * not know cs. */
static long iconv_convert(const char *cs, const char *s, size_t n, struct buf *out)
{
	iconv_t cd = iconv_open("UTF-8", cs);
	if (cd == (iconv_t)-1)
		return -1;
	char chunk[16384];
	/* UTF-16 resynchronises on a whole code unit: skipping one byte of a lone
	 * surrogate would misalign, and garble, the rest of the document */
	size_t unit = strncmp(cs, "UTF-16", 6) == 0 ? 2 : 1;
	char *in = (char *)s;
	size_t inleft = n;
	long errors = 0;
	while (inleft) {
		char *o = chunk;
		size_t oleft = sizeof chunk;
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		int e = errno;
		if (out)
			buf_add(out, chunk, (size_t)(o - chunk));
		if (r != (size_t)-1)
			break;
		if (e == E2BIG)
			continue;
		/* EILSEQ or EINVAL (truncated at the end): replace one byte (unit) and go on */
		errors++;
		if (out)
			buf_adds(out, REPLACEMENT);
		size_t skip = unit < inleft ? unit : inleft;
		in += skip;
		inleft -= skip;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	return errors;
}

/* ---- prescan: XML declaration and <meta> ---- */

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Read one attribute at *pp (within end) into name/value; 0 at the end of the tag. */
static int prescan_attr(const char **pp, const char *end, char *name, size_t nl, char *val, size_t vl)
{
	const char *p = *pp;
	size_t n = 0, v = 0;
	while (p < end && (is_space(*p) || *p == '/'))
		p++;
	if (p >= end || *p == '>')
		return 0;
	while (p < end && !is_space(*p) && *p != '=' && *p != '>' && *p != '/') {
		if (n + 1 < nl)
			name[n++] = (*p >= 'A' && *p <= 'Z') ? (char)(*p + 32) : *p;
		p++;
	}
	name[n] = '\0';
	while (p < end && is_space(*p))
		p++;
	if (p < end && *p == '=') {
		p++;
		while (p < end && is_space(*p))
			p++;
		if (p < end && (*p == '"' || *p == '\'')) {
			char q = *p++;
			while (p < end && *p != q) {
				if (v + 1 < vl)
					val[v++] = *p;
				p++;
			}
			if (p < end)
				p++;
		} else {
			while (p < end && !is_space(*p) && *p != '>') {
				if (v + 1 < vl)
					val[v++] = *p;
				p++;
			}
		}
	}
	val[v] = '\0';
	*pp = p;
	return 1;
}

/* Charset named by content="text/html; charset=X". */
static const char *meta_content_charset(const char *content)
{
	/* WHATWG: find "charset" anywhere, skip spaces, '=', optional quotes */
	for (const char *p = content; *p; p++) {
		if (!has_iprefix(p, "charset"))
			continue;
		const char *v = p + 7;
		while (is_space(*v))
			v++;
		if (*v != '=')
			continue;
		v++;
		while (is_space(*v))
			v++;
		char lab[64];
		size_t n = 0;
		char q = (*v == '"' || *v == '\'') ? *v++ : 0;
		while (*v && (q ? *v != q : (!is_space(*v) && *v != ';')) && n + 1 < sizeof lab)
			lab[n++] = *v++;
		lab[n] = '\0';
		return decode_label(lab);
	}
	return NULL;
}

/* The charset an XML declaration or a <meta> in the first bytes names, or NULL. */
static const char *prescan(const char *s, size_t n)
{
	const char *end = s + (n < PRESCAN_BYTES ? n : PRESCAN_BYTES);
	const char *p = s;
	while (p < end && is_space(*p))
		p++;
	if (end - p > 5 && memcmp(p, "<?xml", 5) == 0) {
		const char *q = memchr(p, '>', (size_t)(end - p));
		if (q) {
			const char *e = p;
			while (e < q && !has_prefix(e, "encoding"))
				e++;
			if (e < q) {
				char name[16], val[64];
				const char *a = e;
				if (prescan_attr(&a, q, name, sizeof name, val, sizeof val) && val[0])
					return decode_label(val);
			}
		}
	}
	for (; p < end; p++) {
		if (*p != '<')
			continue;
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			const char *q = p + 4;
			while (q + 3 <= end && memcmp(q, "-->", 3) != 0)
				q++;
			p = q + 2;
			continue;
		}
		if (end - p < 6 || ascii_ncasecmp(p, "<meta", 5) != 0 || !(is_space(p[5]) || p[5] == '/'))
			continue;
		const char *a = p + 5;
		char name[32], val[256], content[256] = "";
		const char *cs = NULL;
		int http_ct = 0, got_cs = 0;
		while (prescan_attr(&a, end, name, sizeof name, val, sizeof val)) {
			if (strcmp(name, "charset") == 0 && !got_cs) {
				got_cs = 1;
				cs = decode_label(val);
			} else if (strcmp(name, "http-equiv") == 0)
				http_ct = ascii_casecmp(val, "content-type") == 0;
			else if (strcmp(name, "content") == 0)
				snprintf(content, sizeof content, "%s", val);
		}
		if (!got_cs && http_ct && content[0])
			cs = meta_content_charset(content);
		if (cs) {
			/* a document that a UTF-16 meta could be read in is not UTF-16 (WHATWG) */
			if (strncmp(cs, "UTF-16", 6) == 0)
				cs = "UTF-8";
			return cs;
		}
		p = a < end ? a : end;
	}
	return NULL;
}

/* ---- guessing ---- */

/* Frequent Chinese characters, simplified and traditional. A correct decode of Chinese
 * text is full of them; a decode in the wrong charset rarely hits them. */
static const char common_han[] =
	"的一是不了在人有我他这個个们們中来來上大为為和国國地到以说說时時要就出会會可也你对對"
	"生能而子那得于於着下自之年过過发發后後作里裡用道行所然家种種事成方多经經么麼去法学學"
	"如都同现現当當没沒动動面起看定天分还還进進好小部其些主样樣理心她本前开開但因只从從想"
	"实實日军軍者意无無力它与與长長把机機十民第公此已工使情明性知全三又关關点點正业業外将"
	"將两兩高间間由问問很最重并物手应應战戰向头頭文体體政美相见見被利什二等产產或新己制身"
	"果加西月话話合回特代内內信表化老给給世位次度门門任常先海通教儿兒原东東声聲提立及比员"
	"員解水名真论論处處走义義各入几幾口认認条條平系气氣题題活更别別打女变變四神总總何电電"
	"数數安少报報才结結反受目太量再感建务務做接必场場件计計管期市直资資金指区區保至队隊形"
	"社决決展科司五书書非则則白界达達放强強即像难難且权權思王记記南品据據程北边邊该該交规"
	"規万萬取格望术術领領共确確传傳师師观觀清今切院让讓候带帶导導争爭运運改收根干造言联聯"
	"持组組每济濟车車亲親极極服快办辦议議往元英证證近失转轉令准布始台单單影具字流备備调調"
	"深商算质質团團集百需价價党黨华華城级級整府况況请請技际際示复復息线線官火断斷满滿支视"
	"視消越器容照增研企包片史委查易早除农農装裝广廣显顯图圖首局专專费費号號另周较較注语語"
	"仅僅考落随隨选選推势勢参參希众眾房投某案维維划劃致陈陳律态態营營站严嚴例防供效续續施"
	"留型料终終项項按境客纪紀采举舉低朝友止细細千值钱錢网網热熱职職速刻率般普股微继繼送险"
	"險省初源食陆陸置居财財环環排福获獲模充负負云停游层層策演简簡判州静靜积積余差富协協配"
	"修降审審超银銀买買执執副宣航优優税稅左右份艺藝款评評版座释釋景顾顧货貨互付换換危核介"
	"讨討升监監临臨永域括减減编編测測败敗温溫移班智短固松销銷康均藏票损損端探录錄港板额額"
	"含顺順输輸招补補督材择擇博授载載健借禁园園抓荣榮跳镇鎮练練访訪店盘盤扩擴购購替途贸貿"
	"库庫促延震售析络絡夏页頁筑築尊混盛措培盟彩汇匯币幣丰豐献獻融享债債奖獎讯訊播季仪儀启"
	"啟泰估灾災码碼辑輯综綜旗耐幅键鍵宾賓频頻绩績跌逻邏储儲资源元亿億券涨漲股份公司企业";

static int is_common_han(unsigned cp)
{
	static unsigned char table[0x10000 / 8];
	static int ready;
	if (!ready) {
		const unsigned char *p = (const unsigned char *)common_han;
		while (*p) {
			unsigned c = ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
			table[c >> 3] |= (unsigned char)(1u << (c & 7));
			p += 3;
		}
		ready = 1;
	}
	return cp < 0x10000 && (table[cp >> 3] >> (cp & 7)) & 1;
}

/* Score of a candidate decode: hits on common Han characters, and the count of
 * non-ASCII characters. */
static void han_score(const char *s, size_t n, long *hits, long *nonascii)
{
	const unsigned char *p = (const unsigned char *)s;
	*hits = *nonascii = 0;
	for (size_t i = 0; i < n;) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		size_t l = utf8_len(p + i, n - i);
		if (!l) {
			i++;
			continue;
		}
		(*nonascii)++;
		if (l == 3) {
			unsigned c = ((p[i] & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
			*hits += is_common_han(c);
		}
		i += l;
	}
}

/* Guess among GB18030, Big5-HKSCS and windows-1252 for bytes that are not UTF-8. */
static const char *guess_charset(const char *s, size_t n)
{
	if (n > GUESS_BYTES) {
		/* do not cut in the middle of a double-byte character: back up to an ASCII byte */
		size_t m = GUESS_BYTES;
		while (m > GUESS_BYTES - 64 && (unsigned char)s[m - 1] >= 0x80)
			m--;
		n = m;
	}
	static const char *const cands[] = {"GB18030", "BIG5-HKSCS"};
	const char *best = NULL;
	long best_score = 0;
	for (size_t i = 0; i < ARRAY_LEN(cands); i++) {
		struct buf b;
		buf_init(&b);
		long errors = iconv_convert(cands[i], s, n, &b);
		long hits, nonascii;
		han_score(b.s ? b.s : "", b.len, &hits, &nonascii);
		buf_free(&b);
		if (errors < 0)
			continue;
		/* real Chinese text has well over 10% common characters; errors weigh heavily */
		long score = hits * 4 - errors * 8;
		if (hits * 10 < nonascii || score <= 0)
			continue;
		if (!best || score > best_score) {
			best = cands[i];
			best_score = score;
		}
	}
	return best ? best : "WINDOWS-1252";
}

/* ---- the decoder ---- */

/* decode_document; own, when not NULL, is the malloc'd, NUL-terminated input itself:
 * returned as the text when that is the input unchanged, else left to the caller. */
static char *decode(const char *bytes, size_t len, const char *http_charset, size_t *outlen,
		    const char **charset, char **own)
{
	const unsigned char *u = (const unsigned char *)bytes;
	const char *cs = NULL;
	size_t skip = 0;
	int from_bom = 0;
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		cs = "UTF-8", skip = 3;
	else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
		cs = "UTF-16LE", skip = 2;
	else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
		cs = "UTF-16BE", skip = 2;
	from_bom = cs != NULL;
	if (!cs && http_charset)
		cs = decode_label(http_charset);
	if (!cs)
		cs = prescan(bytes, len);
	/* A label met in the document (or a server default) that names a legacy charset,
	 * while the bytes are valid UTF-8 holding non-ASCII text, is stale: the page was
	 * converted to UTF-8 and kept its old <meta>. Legacy CJK text is practically never
	 * valid UTF-8 beyond a character or two. */
	long multi = -2;
	if (cs && !from_bom && strcmp(cs, "UTF-8") != 0 && strncmp(cs, "UTF-16", 6) != 0) {
		multi = utf8_check(bytes, len);
		if (multi >= 2)
			cs = "UTF-8";
	}
	if (!cs) {
		multi = multi == -2 ? utf8_check(bytes, len) : multi;
		cs = multi >= 0 ? "UTF-8" : guess_charset(bytes, len);
	}
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	if (strcmp(cs, "UTF-8") != 0 && iconv_convert(cs, bytes + skip, len - skip, &b) >= 0) {
		/* a NUL never reaches the string users (iconv passes U+0000 through) */
		if (memchr(b.s, '\0', b.len)) {
			struct buf c;
			buf_init(&c);
			buf_add(&c, "", 0);
			utf8_repair(&c, b.s, b.len);
			buf_free(&b);
			b = c;
		}
	} else {
		cs = "UTF-8";
		if (own && !skip && utf8_clean_len(bytes, len) == len) {
			/* the input is the text already (the common case): no copy of it */
			buf_free(&b);
			if (charset)
				*charset = cs;
			*outlen = len;
			char *t = *own;
			*own = NULL;
			return t;
		}
		b.len = 0;
		b.s[0] = '\0';
		utf8_repair(&b, bytes + skip, len - skip); /* makes no NUL */
	}
	if (charset)
		*charset = cs;
	*outlen = b.len;
	return buf_steal(&b);
}

char *decode_document(const char *bytes, size_t len, const char *http_charset, size_t *outlen,
		      const char **charset)
{
	return decode(bytes, len, http_charset, outlen, charset, NULL);
}

char *decode_document_owned(char **bytes, size_t len, const char *http_charset, size_t *outlen,
			    const char **charset)
{
	char *t = decode(*bytes, len, http_charset, outlen, charset, bytes);
	free(*bytes); /* NULL when it became t */
	*bytes = NULL;
	return t;
}

/* ---- HTML entities in XML ---- */

char *decode_fix_entities(const char *s, size_t len, size_t *outlen)
{
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	size_t i = 0, start = 0;
	while (i < len) {
		if (s[i] == '<' && len - i >= 9 && memcmp(s + i, "<![CDATA[", 9) == 0) {
			const char *e = memmem(s + i + 9, len - i - 9, "]]>", 3);
			i = e ? (size_t)(e - s) + 3 : len;
			continue;
		}
		if (s[i] == '<' && len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			const char *e = memmem(s + i + 4, len - i - 4, "-->", 3);
			i = e ? (size_t)(e - s) + 3 : len;
			continue;
		}
		if (s[i] != '&') {
			i++;
			continue;
		}
		/* &name; or &#...; */
		size_t j = i + 1;
		if (j < len && s[j] == '#') {
			j++;
			int hex = j < len && (s[j] == 'x' || s[j] == 'X');
			j += hex;
			size_t d = j; /* decimal references take digits only: "&#a;" is not one */
			while (j < len && j - d < 8 && ((s[j] >= '0' && s[j] <= '9') ||
							(hex && ((s[j] >= 'a' && s[j] <= 'f') || (s[j] >= 'A' && s[j] <= 'F')))))
				j++;
			if (j > d && j < len && s[j] == ';') {
				i = j + 1; /* a character reference: XML knows it */
				continue;
			}
		} else {
			while (j < len && j - i <= 32 &&
			       ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= '0' && s[j] <= '9')))
				j++;
			if (j > i + 1 && j < len && s[j] == ';') {
				char name[40];
				memcpy(name, s + i + 1, j - i - 1);
				name[j - i - 1] = '\0';
				if (!strcmp(name, "amp") || !strcmp(name, "lt") || !strcmp(name, "gt") ||
				    !strcmp(name, "quot") || !strcmp(name, "apos")) {
					i = j + 1;
					continue;
				}
				const htmlEntityDesc *ent = htmlEntityLookup((const xmlChar *)name);
				buf_add(&b, s + start, i - start);
				if (ent)
					buf_printf(&b, "&#%u;", ent->value);
				else
					buf_printf(&b, "&amp;%s;", name);
				i = start = j + 1;
				continue;
			}
		}
		/* a bare '&': escape it so the XML parser keeps the text */
		buf_add(&b, s + start, i - start);
		buf_adds(&b, "&amp;");
		i = start = i + 1;
	}
	buf_add(&b, s + start, len - start);
	*outlen = b.len;
	return buf_steal(&b);
}
