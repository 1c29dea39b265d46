/* decode.c - placeholder: passes valid UTF-8 through, replaces invalid bytes. */
#include "newsread/decode.h"
#include "newsread/util.h"

#include <string.h>

char *decode_document(const char *bytes, size_t len, const char *http_charset, size_t *outlen,
		      const char **charset)
{
	(void)http_charset;
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	text_sanitize(&b, bytes, len, 0);
	if (charset)
		*charset = "UTF-8";
	*outlen = b.len;
	return buf_steal(&b);
}

const char *decode_label(const char *label)
{
	(void)label;
	return "UTF-8";
}

int decode_content_type_charset(const char *ct, char *out, size_t outlen)
{
	(void)ct; (void)out; (void)outlen;
	return 0;
}

char *decode_fix_entities(const char *s, size_t len, size_t *outlen)
{
	*outlen = len;
	return xstrndup(s, len);
}
