#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <curses.h>
#include <wchar.h>
#include "tapp_curses.h"

static int use_colour = 0;

/// A terminated or hung-up `tapp` gives the terminal back in its normal mode before it goes.
static void leave_on_signal(int signal_number) {
    endwin();
    _exit(128 + signal_number);
}

int tc_start(int colour) {
    signal(SIGTERM, leave_on_signal);
    signal(SIGHUP, leave_on_signal);
    setlocale(LC_ALL, "");
    // The screens are UTF-8 whatever the session says (a bare SSH session often has LANG unset, i.e. "C").
    if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0) setlocale(LC_CTYPE, "C.UTF-8");
    initscr();
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    use_colour = 0;
    if (colour && has_colors()) {
        start_color();
        use_default_colors();
        init_pair(1, COLOR_CYAN, -1);     // title
        init_pair(2, COLOR_BLACK, COLOR_CYAN);  // selected
        init_pair(3, COLOR_RED, -1);      // error
        init_pair(4, COLOR_YELLOW, -1);   // warning
        init_pair(5, COLOR_GREEN, -1);    // ok
        init_pair(6, COLOR_MAGENTA, -1);  // accent
        init_pair(7, COLOR_WHITE, COLOR_BLUE);  // status bar
        use_colour = 1;
    }
    return use_colour;
}

void tc_stop(void) {
    curs_set(1);
    endwin();
}

void tc_size(int *rows, int *cols) {
    int r, c;
    getmaxyx(stdscr, r, c);
    *rows = r;
    *cols = c;
}

static attr_t attributes(int style, short *pair) {
    *pair = 0;
    if (use_colour) {
        switch (style) {
        case TC_STYLE_BOLD: return A_BOLD;
        case TC_STYLE_DIM: return A_DIM;
        case TC_STYLE_REVERSE: return A_REVERSE;
        case TC_STYLE_TITLE: *pair = 1; return A_BOLD;
        case TC_STYLE_SELECTED: *pair = 2; return A_NORMAL;
        case TC_STYLE_ERROR: *pair = 3; return A_BOLD;
        case TC_STYLE_WARNING: *pair = 4; return A_NORMAL;
        case TC_STYLE_OK: *pair = 5; return A_NORMAL;
        case TC_STYLE_ACCENT: *pair = 6; return A_NORMAL;
        case TC_STYLE_STATUS: *pair = 7; return A_NORMAL;
        case TC_STYLE_INPUT: return A_UNDERLINE;
        default: return A_NORMAL;
        }
    }
    switch (style) {
    case TC_STYLE_BOLD: case TC_STYLE_TITLE: case TC_STYLE_ERROR: return A_BOLD;
    case TC_STYLE_DIM: return A_DIM;
    case TC_STYLE_REVERSE: case TC_STYLE_SELECTED: case TC_STYLE_STATUS: return A_REVERSE;
    case TC_STYLE_WARNING: case TC_STYLE_INPUT: return A_UNDERLINE;
    default: return A_NORMAL;
    }
}

void tc_put(int y, int x, const uint32_t *scalars, int count, int style) {
    wchar_t text[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 0; i < n; i++) text[i] = (wchar_t)scalars[i];
    text[n] = 0;
    short pair;
    attr_t attr = attributes(style, &pair);
    cchar_t cell;
    if (setcchar(&cell, text, attr, pair, NULL) == OK) mvadd_wch(y, x, &cell);
}

void tc_flush(void) { refresh(); }

void tc_invalidate(void) { clearok(curscr, TRUE); }

int tc_read_key(int timeout_ms, uint32_t *code) {
    timeout(timeout_ms);
    wint_t key;
    int got = get_wch(&key);
    if (got == ERR) return TC_NONE;
    if (got == KEY_CODE_YES) {
        switch (key) {
        case KEY_UP: *code = TC_KEY_UP; break;
        case KEY_DOWN: *code = TC_KEY_DOWN; break;
        case KEY_LEFT: *code = TC_KEY_LEFT; break;
        case KEY_RIGHT: *code = TC_KEY_RIGHT; break;
        case KEY_HOME: *code = TC_KEY_HOME; break;
        case KEY_END: *code = TC_KEY_END; break;
        case KEY_PPAGE: *code = TC_KEY_PAGE_UP; break;
        case KEY_NPAGE: *code = TC_KEY_PAGE_DOWN; break;
        case KEY_BACKSPACE: *code = TC_KEY_BACKSPACE; break;
        case KEY_DC: *code = TC_KEY_DELETE; break;
        case KEY_IC: *code = TC_KEY_INSERT; break;
        case KEY_ENTER: *code = TC_KEY_ENTER; break;
        case KEY_BTAB: *code = TC_KEY_BACK_TAB; break;
        case KEY_RESIZE: *code = TC_KEY_RESIZE; break;
        default:
            if (key >= KEY_F(1) && key <= KEY_F(12)) { *code = TC_KEY_F0 + (key - KEY_F0); break; }
            return TC_NONE;
        }
        return TC_SPECIAL;
    }
    *code = (uint32_t)key;
    return TC_CHAR;
}

void tc_cursor(int y, int x, int visible) {
    if (visible) { move(y, x); curs_set(1); } else { curs_set(0); }
}
