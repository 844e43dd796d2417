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

/* The colour facts of terminfo entry `term` without printing anything: *colors from `colors` (-1 when absent),
   *rgb = 1 when `RGB` is set (as a flag or a positive number: ncurses' direct colour), *tc = 1 when the entry has
   tmux's `Tc` flag (the terminal draws 24-bit colour from escape sequences). Returns 0 for an unknown
   entry. Only before curses starts: it sets up and drops a temporary terminal. */
static inline int sparsescape_terminfo_colors(const char *term, int *colors, int *rgb, int *tc) {
    int err = 0;
    if (setupterm(term, 1, &err) != OK) return 0;
    int n = tigetnum("colors");
    *colors = n >= 0 ? n : -1;
    *rgb = tigetflag("RGB") == 1 || tigetnum("RGB") > 0;
    *tc = tigetflag("Tc") == 1;
    del_curterm(cur_term);
    cur_term = NULL;
    return 1;
}

/* The current terminal's `CO` capability: how many low colour numbers a direct-colour entry keeps as indexed
   colours (-1 when absent). */
static inline int sparsescape_indexed_overlay(void) { return tigetnum("CO"); }

/* Colour pairs beyond short: init_extended_pair and setcchar's opts argument (ncurses >= 6.1) when available. */
#if defined(NCURSES_EXT_COLORS) && (NCURSES_VERSION_MAJOR > 6 || (NCURSES_VERSION_MAJOR == 6 && NCURSES_VERSION_MINOR >= 1))
#define SPARSESCAPE_EXTENDED_PAIRS 1
#else
#define SPARSESCAPE_EXTENDED_PAIRS 0
#endif
/* 1 when colour numbers and pair numbers may exceed 32767. */
static inline int sparsescape_extended_pairs(void) { return SPARSESCAPE_EXTENDED_PAIRS; }
static inline int sparsescape_init_pair(int pair, int fg, int bg) {
#if SPARSESCAPE_EXTENDED_PAIRS
    return init_extended_pair(pair, fg, bg);
#else
    if (pair > 32767 || fg > 32767 || bg > 32767) return ERR;
    return init_pair((short)pair, (short)fg, (short)bg);
#endif
}
static inline int sparsescape_setcchar(cchar_t *cc, const wchar_t *wch, attr_t attrs, int pair) {
#if SPARSESCAPE_EXTENDED_PAIRS
    return setcchar(cc, wch, attrs, (short)(pair > 32767 ? 0 : pair), &pair);
#else
    return setcchar(cc, wch, attrs, (short)pair, NULL);
#endif
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
