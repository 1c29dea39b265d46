/* ui_probe.c - ask the terminal how wide it draws an ambiguous-width character (CJK.md W3).
 * newsread lays text out with the C library's wcwidth, which counts “ … · as one cell in
 * every UTF-8 locale; a terminal set to draw them two cells wide misaligns every line
 * that holds one. We cannot fix that from here, but we can tell the user. */
#include "ui/ui_view.h"

#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

/* Read the answer to ESC[6n ("ESC[row;colR") within ms milliseconds; the column, or -1. */
static int read_cursor_column(int fd, int ms)
{
	char buf[64];
	size_t n = 0;
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (n < sizeof buf - 1) {
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		long spent = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
		if (spent >= ms)
			return -1;
		struct pollfd p = {fd, POLLIN, 0};
		if (poll(&p, 1, (int)(ms - spent)) <= 0)
			return -1;
		ssize_t r = read(fd, buf + n, 1);
		if (r <= 0)
			return -1;
		n++;
		if (buf[n - 1] == 'R')
			break;
	}
	buf[n] = '\0';
	const char *esc = strrchr(buf, '\033');
	int row, col;
	if (!esc || sscanf(esc, "\033[%d;%dR", &row, &col) != 2)
		return -1;
	return col;
}

int ui_probe_ambiguous(int in_fd, int out_fd)
{
	if (!isatty(in_fd) || !isatty(out_fd))
		return -1;
	/* nothing to warn about when the C library itself counts them wide */
	if (wcwidth(0x201C) == 2)
		return 0;
	struct termios old, raw;
	if (tcgetattr(in_fd, &old) != 0)
		return -1;
	raw = old;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(in_fd, TCSANOW, &raw) != 0)
		return -1;
	/* at column 1: print U+201C, ask where the cursor is, then wipe the line */
	static const char probe[] = "\r\xE2\x80\x9C\033[6n";
	int col = -1;
	if (write(out_fd, probe, sizeof probe - 1) == (ssize_t)(sizeof probe - 1))
		col = read_cursor_column(in_fd, 300);
	static const char wipe[] = "\r\033[K";
	if (write(out_fd, wipe, sizeof wipe - 1) < 0)
		col = -1;
	tcsetattr(in_fd, TCSANOW, &old);
	if (col < 0)
		return -1;
	return col >= 3 ? 1 : 0;
}
