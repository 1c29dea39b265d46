/* decode.h - bytes in any charset -> valid UTF-8, with the WHATWG order of evidence. */
#ifndef NEWSREAD_DECODE_H
#define NEWSREAD_DECODE_H

#include <stddef.h>

/* Decode a document to UTF-8. Evidence in order: BOM; http_charset (from Content-Type,
 * may be NULL); an XML declaration or <meta charset>/<meta http-equiv> in the first
 * bytes; valid UTF-8; else a guess among GB18030, Big5-HKSCS and windows-1252.
 * Invalid bytes become U+FFFD; decoding never stops early. Returns a malloc'd
 * NUL-terminated UTF-8 string (length in *outlen) and, when charset is not NULL, the
 * canonical name used (static string). Never fails. */
char *decode_document(const char *bytes, size_t len, const char *http_charset, size_t *outlen,
		      const char **charset);
/* decode_document on a malloc'd buffer with a NUL after its len bytes (as read_file
 * returns it), which it takes (*bytes = NULL): when the bytes are valid UTF-8 already
 * (no BOM, no NUL), that buffer is the result, without a copy. */
char *decode_document_owned(char **bytes, size_t len, const char *http_charset, size_t *outlen,
			    const char **charset);

/* Canonical iconv name for a WHATWG label ("gb2312" -> "GB18030", "utf8" -> "UTF-8"),
 * or NULL when unknown. */
const char *decode_label(const char *label);

/* Charset parameter of a Content-Type value, copied into out; 0 when absent. */
int decode_content_type_charset(const char *content_type, char *out, size_t outlen);

/* For XML feeds: replace HTML named entities that XML does not predefine (&nbsp;,
 * &eacute;, &mdash; ...) with numeric character references, outside CDATA sections, so
 * libxml2 keeps them. Returns a malloc'd string (length in *outlen). */
char *decode_fix_entities(const char *s, size_t len, size_t *outlen);

#endif
