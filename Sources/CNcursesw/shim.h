#ifndef SPARSESCAPE_CNCURSESW_SHIM_H
#define SPARSESCAPE_CNCURSESW_SHIM_H
/* Wide-character ncurses. NCURSES_WIDECHAR must be set before the header is read. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Curses macros that Swift cannot import, wrapped as functions. */
static inline int sparsescape_color_pair(int n) { return COLOR_PAIR(n); }
static inline int sparsescape_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int sparsescape_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline WINDOW *sparsescape_stdscr(void) { return stdscr; }
static inline int sparsescape_lines(void) { return LINES; }
static inline int sparsescape_cols(void) { return COLS; }
static inline int sparsescape_colors(void) { return COLORS; }
static inline int sparsescape_color_pairs(void) { return COLOR_PAIRS; }
static inline chtype sparsescape_a_bold(void) { return A_BOLD; }
static inline chtype sparsescape_a_dim(void) { return A_DIM; }
static inline chtype sparsescape_a_reverse(void) { return A_REVERSE; }
static inline chtype sparsescape_a_underline(void) { return A_UNDERLINE; }
static inline int sparsescape_key_resize(void) { return KEY_RESIZE; }
static inline int sparsescape_key_mouse(void) { return KEY_MOUSE; }
static inline int sparsescape_err(void) { return ERR; }
#endif
