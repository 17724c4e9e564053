/* SPDX-License-Identifier: MIT */
/*
 * Host side of the vscmi OS shim (tests, fuzzing, benchmarks, demo).
 * Time is a manual clock unless vscmi_host_clock_real() is called.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <vscmi/os.h>
#include "os-host.h"

bool vscmi_host_trace;

static uint64_t fake_now;
static bool real_clock;
static vscmi_host_log_fn log_hook;
static void (*clock_hook)(void);

void *vscmi_zalloc(size_t size)
{
    return calloc(1, size ? size : 1);
}

void vscmi_free(void *p)
{
    free(p);
}

uint64_t vscmi_now_ns(void)
{
    struct timespec ts;

    if ( clock_hook )
        clock_hook();
    if ( !real_clock )
        return fake_now;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void vscmi_log(const char *fmt, ...)
{
    char buf[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if ( log_hook )
        log_hook(buf);
}

void vscmi_trace(const char *fmt, ...)
{
    char buf[256];
    int n = snprintf(buf, sizeof(buf), "vscmi-trace: ");
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
    va_end(ap);
    if ( log_hook )
        log_hook(buf);
}

/* A busy-wait step: on the manual clock, 100 us pass (a 30 ms firmware
 * timeout is 300 steps, cheap enough for the fuzzer). */
void vscmi_relax(void)
{
    if ( !real_clock )
        fake_now += VSCMI_HOST_RELAX_NS;
}

int vscmi_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

void vscmi_host_clock_set(uint64_t ns)
{
    fake_now = ns;
}

void vscmi_host_clock_advance(uint64_t ns)
{
    fake_now += ns;
}

void vscmi_host_clock_real(bool on)
{
    real_clock = on;
}

void vscmi_host_log_hook(vscmi_host_log_fn fn)
{
    log_hook = fn;
}

void vscmi_host_clock_hook(void (*fn)(void))
{
    clock_hook = fn;
}
