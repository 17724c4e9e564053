/* SPDX-License-Identifier: MIT */
/*
 * The TAP suite: conformance (what a friendly agent needs), policy (what the
 * grants forbid) and attacks (what a hostile guest can throw at the
 * backend), one file per family (suite.h).  This file: TAP output, the
 * shared helpers and the run.  In baseline mode (dom0 of upstream Xen,
 * unfiltered forwarding) the policy and attack parts are skipped with the
 * reason.
 */
#include "suite.h"

static unsigned int tno, npass, nfail, nskip;

void tap(bool ok, const char *fmt, ...)
{
    char d[200];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf_(d, sizeof(d), fmt, ap);
    va_end(ap);
    tno++;
    if ( ok )
        npass++;
    else
        nfail++;
    con_printf("%s %u - %s\n", ok ? "ok" : "not ok", tno, d);
}

void skip(const char *why, const char *fmt, ...)
{
    char d[160];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf_(d, sizeof(d), fmt, ap);
    va_end(ap);
    tno++;
    nskip++;
    con_printf("ok %u - %s # SKIP %s\n", tno, d, why);
}

int tap_done(const char *mode)
{
    con_printf("1..%u\n", tno);
    con_printf("VSCMI-AGENT: %u passed, %u failed, %u skipped (name=%s mode=%s binding=%s)\n",
               npass, nfail, nskip, cfg.name, mode, cfg.binding);
    return nfail ? 1 : 0;
}

/* ---------------------------------------------------------------- helpers */

int first_mode(const struct grants *g, const char *modes)
{
    unsigned int i;

    for ( i = 0; i < g->n; i++ )
        if ( strchr(modes, g->mode[i]) )
            return (int)i;
    return -1;
}

/* A 16-byte SCMI name, cut at NUL, non-printables replaced. */
void name16(char *dst, const uint32_t *w)
{
    unsigned int i;

    memcpy(dst, w, 16);
    dst[16] = '\0';
    for ( i = 0; dst[i]; i++ )
        if ( dst[i] < 0x21 || dst[i] > 0x7e )
            dst[i] = '?';
}

bool clk_rate(uint32_t id, uint64_t *rate)
{
    uint32_t o[2];

    if ( CMDV(P_CLOCK, 6, o, 2, id) != 0 )
        return false;
    *rate = o[0] | (uint64_t)o[1] << 32;
    return true;
}

int clk_enabled(uint32_t id)
{
    uint32_t o[8];

    return CMDV(P_CLOCK, 3, o, 8, id) == 0 ? (int)(o[0] & 1) : -1;
}

/* Another valid rate for @id (from DESCRIBE_RATES), 0 if none. */
uint64_t clk_other_rate(uint32_t id, uint64_t cur)
{
    uint32_t o[MSG_WORDS];
    unsigned int n, i;

    if ( CMDV(P_CLOCK, 4, o, MSG_WORDS, id, 0) != 0 )
        return 0;
    n = o[0] & 0xfff;
    if ( o[0] & (1u << 12) )
    {
        /* range: min, max, step */
        uint64_t min = o[1] | (uint64_t)o[2] << 32;
        uint64_t max = o[3] | (uint64_t)o[4] << 32;
        uint64_t step = o[5] | (uint64_t)o[6] << 32;

        if ( cur != min )
            return min;
        return min + step <= max && step ? min + step : 0;
    }
    for ( i = 0; i < n && 1 + 2 * i + 1 < MSG_WORDS - 1; i++ )
    {
        uint64_t r = o[1 + 2 * i] | (uint64_t)o[2 + 2 * i] << 32;

        if ( r != cur )
            return r;
    }
    return 0;
}

/*
 * Phase markers: the hostile scenario checks that another guest's SCMI
 * calls completed between a phase's begin and end lines.
 */
void phase(const char *name, const char *what)
{
    con_printf("VSCMI-AGENT-PHASE: name=%s phase=%s %s t_ms=%lu\n", cfg.name, name, what,
               ticks() * 1000 / tick_freq());
}

/*
 * vscmi.sync=<clock>: wait (bounded, yielding the pCPU) until the read-only
 * clock, which another guest switches on and off, has been seen on and then
 * off: that guest's SCMI calls are under way before the attacks start.
 */
static void sync_wait(void)
{
    uint64_t t0 = ticks(), end = t0 + cfg.sync_ms * tick_freq() / 1000, next;
    unsigned int polls = 0, seen_on = 0, seen_off_after = 0;
    int e;

    while ( ticks() < end && !seen_off_after )
    {
        e = clk_enabled((uint32_t)cfg.sync);
        polls++;
        if ( e == 1 )
            seen_on++;
        else if ( e == 0 && seen_on )
            seen_off_after++;
        next = ticks() + tick_freq() / 10;
        while ( ticks() < next )
            xen_yield();
    }
    con_printf("VSCMI-AGENT-SYNC: name=%s clock=%d %s polls=%u ms=%lu\n", cfg.name, cfg.sync,
               seen_off_after ? "toggling" : "timeout", polls,
               (ticks() - t0) * 1000 / tick_freq());
}

/* ------------------------------------------------------------------- run */

#define NOT_IN_BASELINE "baseline: upstream Xen forwards dom0's calls unfiltered"

int suite_run(void)
{
    bool base = cfg.mode == MODE_BASELINE;

    con_printf("TAP version 13\n");
    suite_conformance();
    if ( base )
    {
        skip(NOT_IN_BASELINE, "policy: ungranted ids, read-only, SYSTEM_POWER, BASE permissions");
        skip(NOT_IN_BASELINE, "attack: malformed lengths");
        skip(NOT_IN_BASELINE, "attack: reserved header bits, message types, unknown ids");
        skip(NOT_IN_BASELINE, "attack: second vCPU rewrites the channel during calls");
        skip(NOT_IN_BASELINE, "attack: flood");
    }
    else
    {
        suite_policy();
        suite_malformed();
        if ( cfg.sync >= 0 )
            sync_wait();
        suite_race();
        suite_flood();
    }
    suite_conduit();
    {
        int32_t s = CMD0(P_BASE, 0, NULL, 0);

        tap(s == 0, "channel still answers at the end (%s)", st(s));
    }
    return tap_done(base ? "baseline" : "suite");
}
