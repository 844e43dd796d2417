#ifndef CTEMPFILES_H
#define CTEMPFILES_H

/// Temporary files that must not outlive the process: a fixed registry of paths that an async-signal-safe
/// handler unlinks on every signal whose default action ends the process (SIGINT, SIGTERM, SIGHUP, SIGQUIT,
/// SIGPIPE, SIGXFSZ, SIGXCPU, SIGALRM, SIGVTALRM, SIGPROF, SIGUSR1, SIGUSR2, SIGPOLL, SIGPWR) before re-raising the
/// signal with its default action, and a commit section during which those signals are held back.

/// Installs the cleanup handler for each of the signals above whose disposition is still the default one
/// (an ignored signal, e.g. SIGHUP under nohup, or another handler is left alone), and for SIGQUIT unless it is
/// ignored (replacing the Swift runtime's crash reporter, which would otherwise take it), and unblocks those
/// signals in the calling thread (a mask inherited from the launcher would hold them back forever). Call it from
/// the main thread before other threads start. Idempotent.
void ctempfiles_install_handlers(void);

/// Registers a temporary path; returns its slot (>= 0), or -1 when the registry is full or the path too long.
int ctempfiles_register(const char *path);

/// mkstemp(template_path) and ctempfiles_register of the path it made, with the cleanup signals blocked in between
/// (so no signal can end the process while the new file is unregistered). Returns the descriptor (or -1, errno
/// set) and the slot in *slot (-1 when not registered).
int ctempfiles_create(char *template_path, int *slot);

/// Forgets the slot (the file was renamed into place or removed).
void ctempfiles_unregister(int slot);

/// Enters the commit section: until ctempfiles_end_commit, a cleanup signal is recorded instead of acted on.
/// Several threads may be in the section at once; the last one to leave acts on a recorded signal.
/// Returns 0, or -1 when a signal's cleanup is already running (the process is about to end: do not commit).
int ctempfiles_begin_commit(void);

/// Leaves the commit section; the last thread to leave acts on a signal recorded meanwhile (cleanup, then the
/// default action).
void ctempfiles_end_commit(void);

/// The number of registered paths (for tests).
int ctempfiles_count(void);

/// Ends the process as `sig` would with its default action (after unlinking the registered paths): the status a
/// shell shows is 128 + sig. For a program that handled the signal itself first (the explorer's clean shutdown).
void ctempfiles_end_with_signal(int sig);

/// Limits glibc's malloc to `n` arenas (mallopt M_ARENA_MAX): under an address-space limit every extra arena
/// reserves 64 MiB of address space. Returns 1 on success.
int ctempfiles_limit_malloc_arenas(int n);

#endif
