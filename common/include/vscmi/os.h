/* SPDX-License-Identifier: MIT */
/*
 * vscmi OS shim: the only environment-specific part of common/.
 * Xen provides it through its own headers; the host build (tests, fuzzing,
 * benchmarks, demo) through tests/host/os-host.c.
 */
#ifndef VSCMI_OS_H
#define VSCMI_OS_H

#ifdef __XEN__
#include <xen/lib.h>
#include <xen/nospec.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <xen/time.h>
#include <xen/types.h>
#include <xen/xmalloc.h>

typedef spinlock_t vscmi_lock_t;
#define vscmi_lock_init(l)      spin_lock_init(l)
#define vscmi_lock(l)           spin_lock(l)
#define vscmi_unlock(l)         spin_unlock(l)
#define vscmi_memcpy(d, s, n)   memcpy(d, s, n)
#define vscmi_memset(d, c, n)   memset(d, c, n)
#define vscmi_zalloc(n)         xzalloc_bytes(n)
#define vscmi_free(p)           xfree(p)
#define vscmi_now_ns()          ((uint64_t)NOW())
#define vscmi_wmb()             smp_wmb()
#define vscmi_rmb()             smp_rmb()
#define vscmi_log(fmt, ...)     printk(XENLOG_G_INFO "vscmi: " fmt "\n", ##__VA_ARGS__)
#define vscmi_snprintf          snprintf
#define vscmi_index_nospec(i, n) array_index_nospec(i, n)
#define vscmi_relax()           cpu_relax()
/* "vscmi-trace" on the command line (arch/arm/vscmi-os.c) */
extern bool vscmi_trace_enabled;
#define vscmi_trace_on()        unlikely(vscmi_trace_enabled)
/* a guest-level message: printed and rate-limited as guest_loglvl says */
#define vscmi_trace(fmt, ...)   printk(XENLOG_G_INFO "vscmi-trace: " fmt "\n", \
                                       ##__VA_ARGS__)

#else /* host */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct { int locked; } vscmi_lock_t;
#define vscmi_lock_init(l)      ((l)->locked = 0)
#define vscmi_lock(l) \
    do { while ( __atomic_exchange_n(&(l)->locked, 1, __ATOMIC_ACQUIRE) ) ; } while ( 0 )
#define vscmi_unlock(l)         __atomic_store_n(&(l)->locked, 0, __ATOMIC_RELEASE)
#define vscmi_memcpy(d, s, n)   __builtin_memcpy(d, s, n)
#define vscmi_memset(d, c, n)   __builtin_memset(d, c, n)
#define vscmi_wmb()             __atomic_thread_fence(__ATOMIC_RELEASE)
#define vscmi_rmb()             __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define vscmi_index_nospec(i, n) (i)

void *vscmi_zalloc(size_t size);
void vscmi_free(void *p);
uint64_t vscmi_now_ns(void);
void vscmi_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* one busy-wait step; the host's manual clock moves on (os-host.h) */
void vscmi_relax(void);
extern bool vscmi_host_trace;
#define vscmi_trace_on()        vscmi_host_trace
void vscmi_trace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vscmi_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
#endif

/*
 * vscmi_index_nospec(i, n): an index that passed its bounds check (< n),
 * clamped under speculation too (Xen's array_index_nospec).  Every
 * guest-chosen index goes through it before it reaches an array.
 */
#define VSCMI_STATIC_ASSERT(cond, why) _Static_assert(cond, why)
/* a cold path kept out of its caller (no register pressure on the hot one) */
#define vscmi_cold              __attribute__((__noinline__, __cold__))
#define VSCMI_ARRAY_SIZE(a)     (sizeof(a) / sizeof((a)[0]))
#define VSCMI_MIN(a, b)         ((a) < (b) ? (a) : (b))

#endif /* VSCMI_OS_H */
