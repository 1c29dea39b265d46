/* theme_list.c - --list-colors: the theme elements with their built-in defaults. */
#include "newsread/theme.h"

void theme_list_colors(FILE *f)
{
	for (int i = 0; i < THEME_NELEM; i++)
		fprintf(f, "%s\t%s\t%s\n", theme_elements[i].name, theme_elements[i].def, theme_elements[i].help);
}
