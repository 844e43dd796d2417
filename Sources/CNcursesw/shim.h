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
#include <ncursesw/term.h>
#include <ncursesw/term.h>

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

/* 1 when the terminfo database knows `term`, without printing anything; 0 otherwise. */
static inline int sparsescape_terminal_known(const char *term) {
    int err = 0;
    if (setupterm(term, 1, &err) != OK) return 0;
    del_curterm(cur_term);
    cur_term = NULL;
    return 1;
}

/* Mouse event fields (MEVENT) flattened for Swift. */
static inline int sparsescape_get_mouse(int *x, int *y, unsigned long *bstate) {
    MEVENT ev;
    if (getmouse(&ev) != OK) return 0;
    *x = ev.x; *y = ev.y; *bstate = (unsigned long)ev.bstate;
    return 1;
}
static inline unsigned long sparsescape_button1_events(void) {
    return (unsigned long)(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON1_DOUBLE_CLICKED);
}
static inline int sparsescape_key_code_yes(void) { return KEY_CODE_YES; }
static inline int sparsescape_key_up(void) { return KEY_UP; }
static inline int sparsescape_key_down(void) { return KEY_DOWN; }
static inline int sparsescape_key_left(void) { return KEY_LEFT; }
static inline int sparsescape_key_right(void) { return KEY_RIGHT; }
static inline int sparsescape_key_enter(void) { return KEY_ENTER; }
static inline int sparsescape_key_btab(void) { return KEY_BTAB; }
#endif
