/* SPDX-License-Identifier: MIT */
/*
 * Bench and flood modes.
 *
 * Bench: round-trip counter ticks (CNTVCT_EL0 around the doorbell) of
 * CLOCK_RATE_GET and CLOCK_CONFIG_SET on clock vscmi.bclk, N calls each
 * (CONFIG_SET alternates enable / disable so every call reaches firmware).
 * Under QEMU -icount the virtual counter follows the instruction count, so
 * the figures are deterministic.  One parseable line per operation:
 *   VSCMI-BENCH: name=<n> op=<op> n=<N> min=<t> median=<t> p99=<t> max=<t> freq=<Hz> errors=<k>
 *
 * With vscmi.signal=<id> the CLOCK_RATE_GET samples are a window: clock
 * <id> is switched on as it starts (another guest, waiting for it, then
 * crashes holding its votes: the teardown bench), and VSCMI-AGENT-PHASE
 * lines (phase=window) mark its begin and end.  The same number of samples
 * taken just before (op=clock_rate_get_before) is the idle figure of the
 * same run.
 *
 * Flood: back-to-back calls for vscmi.flood_ms ms (to load the backend
 * while another domain benches).
 */
#include "agent.h"
#include "suite.h"

static uint64_t samples[4096];

static void sort(uint64_t *a, unsigned int n)
{
    unsigned int gap, i, j;

    for ( gap = n / 2; gap; gap /= 2 )
        for ( i = gap; i < n; i++ )
        {
            uint64_t v = a[i];

            for ( j = i; j >= gap && a[j - gap] > v; j -= gap )
                a[j] = a[j - gap];
            a[j] = v;
        }
}

/* One clock command; 1 unless answered SUCCESS. */
static unsigned int one(unsigned int msgid, const uint32_t *a, unsigned int n,
                        uint64_t *t)
{
    struct msg m;

    msg_init(&cfg.ch, &m, P_CLOCK, msgid, 0, a, n);
    chan_xfer(&cfg.ch, &m);
    *t = m.ticks;
    return msg_status(&m) ? 1 : 0;
}

/*
 * After errors=: slow=<calls over twice the median> max_at=<index of the
 * slowest call>, for windows where something else happens (the teardown
 * bench): how many calls it delayed, and when.
 */
static void report(const char *op, unsigned int n, unsigned int errors)
{
    unsigned int i, max_at = 0, slow = 0;

    for ( i = 1; i < n; i++ )
        if ( samples[i] > samples[max_at] )
            max_at = i;
    sort(samples, n);
    for ( i = 0; i < n; i++ )
        slow += samples[i] > 2 * samples[n / 2];
    con_printf("VSCMI-BENCH: name=%s op=%s n=%u min=%lu median=%lu p99=%lu max=%lu freq=%lu errors=%u slow=%u max_at=%u\n",
               cfg.name, op, n, samples[0], samples[n / 2], samples[(n * 99) / 100],
               samples[n - 1], tick_freq(), errors, slow, max_at);
}

/* @n CLOCK_RATE_GETs of clock @id into samples[]; the calls that failed. */
static unsigned int rate_get_samples(uint32_t id, unsigned int n)
{
    unsigned int i, err = 0;

    for ( i = 0; i < n; i++ )
        err += one(6, &id, 1, &samples[i]);
    return err;
}

int bench_run(void)
{
    unsigned int i, n = cfg.bench_n ? cfg.bench_n : 1, err = 0, total = 0;
    uint32_t id = cfg.bclk;
    uint64_t t;

    for ( i = 0; i < 16; i++ )      /* warm up */
        one(6, &id, 1, &t);
    if ( cfg.signal >= 0 )
    {
        uint32_t on[2] = { (uint32_t)cfg.signal, 1 };

        /* the same window before the signal: the idle figure of this run */
        err = rate_get_samples(id, n);
        report("clock_rate_get_before", n, err);
        total += err;
        phase("window", "begin");
        err = one(7, on, 2, &t);
    }
    err += rate_get_samples(id, n);
    if ( cfg.signal >= 0 )
        phase("window", "end");
    report("clock_rate_get", n, err);
    total += err;
    err = 0;
    for ( i = 0; i < n; i++ )
    {
        uint32_t a[2] = { id, (i & 1) ? 0 : 1 };

        err += one(7, a, 2, &samples[i]);
    }
    {
        uint32_t a[2] = { id, 0 };

        one(7, a, 2, &t);
    }
    report("clock_config_set", n, err);
    total += err;
    con_printf("VSCMI-AGENT: %u passed, %u failed, 0 skipped (name=%s mode=bench binding=%s)\n",
               total ? 0 : 2, total ? 1 : 0, cfg.name, cfg.binding);
    return total ? 1 : 0;
}

int flood_run(void)
{
    uint64_t end = ticks() + cfg.flood_ms * tick_freq() / 1000, t;
    unsigned int calls = 0, err = 0;
    uint32_t id = cfg.bclk;

    while ( ticks() < end )
    {
        err += one(6, &id, 1, &t);
        calls++;
    }
    con_printf("VSCMI-FLOOD: name=%s calls=%u not_success=%u ms=%lu\n", cfg.name, calls, err,
               cfg.flood_ms);
    con_printf("VSCMI-AGENT: 1 passed, 0 failed, 0 skipped (name=%s mode=flood binding=%s)\n",
               cfg.name, cfg.binding);
    return 0;
}
