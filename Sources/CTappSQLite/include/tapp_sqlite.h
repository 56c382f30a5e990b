#ifndef TAPP_SQLITE_H
#define TAPP_SQLITE_H

/// SQLite's process-wide settings, which only C can make (`sqlite3_config` takes variable arguments).

/// Turns off SQLite's memory statistics, which take a process-wide lock at every allocation SQLite makes (a bulk
/// import makes millions). Takes effect only before SQLite is first used in the process: returns 0 (SQLITE_OK),
/// or SQLite's error code when it is too late (nothing changes then).
int tapp_sqlite_stop_memory_statistics(void);

#endif
