#ifndef TAPP_CURSES_H
#define TAPP_CURSES_H

#include <stdint.h>

/// A thin C face over ncursesw, so that Swift never touches its globals (stdscr, COLS, LINES) directly.

/// What `tc_read_key` got.
typedef enum {
    TC_NONE = 0,      // nothing within the time-out
    TC_CHAR = 1,      // a Unicode scalar in `code`
    TC_SPECIAL = 2,   // one of the TC_KEY_ values in `code`
} tc_key_kind;

enum {
    TC_KEY_UP = 1, TC_KEY_DOWN, TC_KEY_LEFT, TC_KEY_RIGHT, TC_KEY_HOME, TC_KEY_END, TC_KEY_PAGE_UP, TC_KEY_PAGE_DOWN,
    TC_KEY_BACKSPACE, TC_KEY_DELETE, TC_KEY_ENTER, TC_KEY_BACK_TAB, TC_KEY_RESIZE, TC_KEY_INSERT,
    TC_KEY_F0 = 100  // F1 is TC_KEY_F0 + 1 … F12 is TC_KEY_F0 + 12
};

/// Styles a cell may take; `tc_put` maps them to colours, or to attributes alone on a monochrome terminal.
enum {
    TC_STYLE_NORMAL = 0, TC_STYLE_BOLD = 1, TC_STYLE_DIM = 2, TC_STYLE_REVERSE = 3, TC_STYLE_TITLE = 4,
    TC_STYLE_SELECTED = 5, TC_STYLE_ERROR = 6, TC_STYLE_WARNING = 7, TC_STYLE_OK = 8, TC_STYLE_ACCENT = 9,
    TC_STYLE_STATUS = 10, TC_STYLE_INPUT = 11,
};

/// Sets the locale from the environment, enters curses mode. `colour` 0 keeps to attributes (NO_COLOR, vt100).
/// Returns 1 when colours are in use.
int tc_start(int colour);
void tc_stop(void);
/// Terminal size in cells.
void tc_size(int *rows, int *cols);
/// Writes one cell: a grapheme as UTF-32 scalars (`count` of them) at row `y`, column `x`.
void tc_put(int y, int x, const uint32_t *scalars, int count, int style);
/// Sends what changed to the terminal.
void tc_flush(void);
/// Forgets what the terminal shows so that the next flush repaints everything (after a resize).
void tc_invalidate(void);
/// Reads one key, waiting at most `timeout_ms` (negative: forever). Returns a tc_key_kind.
int tc_read_key(int timeout_ms, uint32_t *code);
/// Shows the cursor at a cell, or hides it when `visible` is 0.
void tc_cursor(int y, int x, int visible);

#endif
