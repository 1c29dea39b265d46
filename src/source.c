/* source.c - placeholder dispatch: files, folders, URLs. */
#include "newsread/source.h"
#include "newsread/decode.h"
#include "newsread/feed.h"
#include "newsread/fetch.h"
#include "newsread/page.h"
#include "newsread/post.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int source_parse(const char *bytes, size_t len, const char *content_type, const char *name, const char *url,
		 const struct source_spec *spec, struct articles *out, struct nr_error *err)
{
	(void)content_type; (void)spec;
	size_t ulen;
	char *u = decode_document(bytes, len, NULL, &ulen, NULL);
	int rc;
	if (post_sniff(u, ulen))
		rc = post_parse(u, ulen, url, url, NULL, out, err);
	else if (feed_sniff(u, ulen) != FEED_NONE)
		rc = feed_parse(u, ulen, name, url, out, err);
	else
		rc = page_extract(u, ulen, url, out, err);
	free(u);
	return rc;
}

int source_load(const char *src, const struct source_spec *spec, struct articles *out, struct nr_error *err)
{
	char *data;
	size_t len;
	if (fetch_is_url(src)) {
		struct fetch_result r;
		if (fetch_url(src, SOURCE_MAX_BYTES, &r, err))
			return -1;
		int rc = source_parse(r.data, r.len, r.content_type, src, r.final_url, spec, out, err);
		fetch_result_free(&r);
		return rc;
	}
	if (strcmp(src, "-") == 0) {
		if (read_stream(0, "-", SOURCE_MAX_BYTES, &data, &len, err))
			return -1;
	} else {
		struct stat st;
		if (stat(src, &st) == 0 && S_ISDIR(st.st_mode))
			return post_load_dir(src, out, err);
		if (read_file(src, SOURCE_MAX_BYTES, &data, &len, err))
			return -1;
	}
	int rc = source_parse(data, len, NULL, src, src, spec, out, err);
	free(data);
	return rc;
}

