/* keys.c: curses keys as the codes of the key table (view/keys.h). */
#include "config.h"

#include <curses.h>

#include "tui/tui-int.h"
#include "view/keys.h"

int
keys_from_curses(int r, unsigned long c)
{
	if (r == KEY_CODE_YES) {
		switch (c) {
		case KEY_UP:
			return KEYC_UP;
		case KEY_DOWN:
			return KEYC_DOWN;
		case KEY_LEFT:
			return KEYC_LEFT;
		case KEY_RIGHT:
			return KEYC_RIGHT;
		case KEY_PPAGE:
			return KEYC_PPAGE;
		case KEY_NPAGE:
			return KEYC_NPAGE;
		case KEY_HOME:
			return KEYC_HOME;
		case KEY_END:
			return KEYC_END;
		case KEY_ENTER:
			return KEYC_ENTER;
		case KEY_BTAB:
			return KEYC_BTAB;
		case KEY_BACKSPACE:
			return KEYC_BACKSPACE;
		case KEY_DC:
			return KEYC_DELETE;
		case KEY_F(1):
			return KEYC_F1;
		case KEY_F(5):
			return KEYC_F5;
		case KEY_RESIZE:
			return KEYC_RESIZE;
		default:
			return KEYC_NONE;
		}
	}
	switch (c) {
	case '\r':
	case '\n':
		return KEYC_ENTER;
	case '\t':
		return KEYC_TAB;
	case 27:
		return KEYC_ESC;
	case 127:
	case 8:
		return KEYC_BACKSPACE;
	default:
		if (c > 0x10ffff)
			return KEYC_NONE;
		return (int)c;
	}
}
