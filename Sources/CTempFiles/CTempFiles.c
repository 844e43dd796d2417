// Async-signal-safe registry of temporary files (see include/CTempFiles.h).
#include "CTempFiles.h"

#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#define SLOTS 64

static char paths[SLOTS][PATH_MAX];
static atomic_int used[SLOTS];          // 0 free, 1 being filled, 2 registered
static atomic_int state;                // n ≥ 0: commits under way (threads may commit at once); -1: cleaning up for a signal
static atomic_int pendingSignal;        // a signal that arrived while commits were under way
static atomic_int installed;

// Every signal whose default action ends the process and that is not a fault of the program itself: SIGINT,
// SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGXFSZ, SIGXCPU, SIGALRM, SIGVTALRM, SIGPROF, SIGUSR1, SIGUSR2, SIGPOLL and
// SIGPWR (faults such as SIGSEGV stay with the runtime's crash reporter).
static const int cleanupSignals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGXFSZ, SIGXCPU, SIGALRM, SIGVTALRM,
                                      SIGPROF, SIGUSR1, SIGUSR2, SIGPOLL, SIGPWR };

// Unlinks every registered path (only async-signal-safe calls).
static void unlinkAll(void) {
    for (int i = 0; i < SLOTS; i++) {
        if (atomic_load(&used[i]) == 2) unlink(paths[i]);
    }
}

// Restores the default action of `sig` and delivers it again (the process ends as it would have without us).
static void reraise(int sig) {
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
}

// Acts on a deferred signal once no commit is under way: removes the files and re-raises it, unless another thread
// already took it, or a new commit started (whose end then acts on it).
static void actOnPending(void) {
    int sig = atomic_exchange(&pendingSignal, 0);
    if (sig == 0) return;
    int idle = 0;
    if (atomic_compare_exchange_strong(&state, &idle, -1)) {
        unlinkAll();
        reraise(sig);
    } else {
        int none = 0;
        atomic_compare_exchange_strong(&pendingSignal, &none, sig);
    }
}

static void handler(int sig) {
    for (;;) {
        int s = atomic_load(&state);
        // Another thread is removing the files and will end the process with its signal; ending it now could cut
        // that short.
        if (s < 0) return;
        if (s == 0) {
            int idle = 0;
            if (!atomic_compare_exchange_strong(&state, &idle, -1)) continue;
            unlinkAll();
            reraise(sig);
            return;
        }
        // Commits under way: the last one to end acts on the signal.
        int none = 0;
        atomic_compare_exchange_strong(&pendingSignal, &none, sig);
        if (atomic_load(&state) == 0) actOnPending();   // they all ended meanwhile
        return;
    }
}

void ctempfiles_install_handlers(void) {
    int expected = 0;
    if (!atomic_compare_exchange_strong(&installed, &expected, 1)) return;
    sigset_t taken;
    sigemptyset(&taken);
    for (size_t i = 0; i < sizeof cleanupSignals / sizeof cleanupSignals[0]; i++) {
        struct sigaction old;
        if (sigaction(cleanupSignals[i], NULL, &old) != 0) continue;
        int ignored = !(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_IGN;
        // SIGQUIT: the Swift runtime's crash reporter installs itself for it before main (and would print a
        // backtrace and let the program go on); SIGQUIT is a request to quit, so it is taken over unless ignored.
        // Any other signal someone already handles is left alone.
        if (ignored) continue;
        int handled = (old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL;
        if (handled && cleanupSignals[i] != SIGQUIT) continue;
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = handler;
        sigemptyset(&sa.sa_mask);
        for (size_t j = 0; j < sizeof cleanupSignals / sizeof cleanupSignals[0]; j++) sigaddset(&sa.sa_mask, cleanupSignals[j]);
        sa.sa_flags = SA_RESTART;
        if (sigaction(cleanupSignals[i], &sa, NULL) == 0) sigaddset(&taken, cleanupSignals[i]);
    }
    // A mask inherited from the launcher (posix_spawn from a thread that blocks signals, as Dispatch threads do)
    // would keep these signals pending forever: unblock the ones taken, before other threads copy the mask.
    pthread_sigmask(SIG_UNBLOCK, &taken, NULL);
}

int ctempfiles_register(const char *path) {
    size_t n = strlen(path);
    if (n >= PATH_MAX) return -1;
    for (int i = 0; i < SLOTS; i++) {
        int expected = 0;
        if (atomic_compare_exchange_strong(&used[i], &expected, 1)) {
            memcpy(paths[i], path, n + 1);
            atomic_store(&used[i], 2);
            return i;
        }
    }
    return -1;
}

void ctempfiles_unregister(int slot) {
    if (slot >= 0 && slot < SLOTS) atomic_store(&used[slot], 0);
}

int ctempfiles_begin_commit(void) {
    for (;;) {
        int s = atomic_load(&state);
        if (s < 0) return -1;
        if (atomic_compare_exchange_strong(&state, &s, s + 1)) return 0;
    }
}

void ctempfiles_end_commit(void) {
    if (atomic_fetch_sub(&state, 1) == 1) actOnPending();
}

int ctempfiles_count(void) {
    int n = 0;
    for (int i = 0; i < SLOTS; i++) if (atomic_load(&used[i]) == 2) n++;
    return n;
}

void ctempfiles_end_with_signal(int sig) {
    int idle = 0;
    while (!atomic_compare_exchange_strong(&state, &idle, -1)) {
        if (idle < 0) break;   // another thread is already ending the process
        idle = 0;
    }
    unlinkAll();
    reraise(sig);
    _exit(128 + sig);   // a signal whose default action does not end the process
}

int ctempfiles_limit_malloc_arenas(int n) {
    return mallopt(M_ARENA_MAX, n);
}

int ctempfiles_create(char *template_path, int *slot) {
    // The cleanup signals are blocked from mkstemp until the path is registered: a signal in between would end the
    // process with the new file unknown to the handler, and so left behind.
    sigset_t block, old;
    sigemptyset(&block);
    for (size_t i = 0; i < sizeof cleanupSignals / sizeof cleanupSignals[0]; i++) sigaddset(&block, cleanupSignals[i]);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    int fd = mkstemp(template_path);
    *slot = fd >= 0 ? ctempfiles_register(template_path) : -1;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return fd;
}
