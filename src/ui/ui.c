/* ui.c - placeholder. */
#include "newsread/ui.h"

int ui_run(struct articles *l, const char *title, int single, struct nr_error *err)
{
	(void)l; (void)title; (void)single;
	return nr_fail(err, "the interface is not built yet");
}
