/* SPDX-License-Identifier: MIT */
/*
 * Faults mode: the test firmware's misbehaving resources, granted to this
 * agent by the scenario: vscmi.fclk (rate set answered late), vscmi.fsns
 * (reading with a garbage SMT length), vscmi.frst (reset that leaves the
 * firmware channel busy), vscmi.fpd (power domain answering
 * HARDWARE_ERROR).  Every call must be answered, well-formed, within
 * vscmi.bound_ms; afterwards the good resources work again.
 */
#include "suite.h"

static bool bounded(uint64_t t, uint64_t ms)
{
    return t * 1000 / tick_freq() <= ms;
}

static void t_recovers(const char *after, int good, uint64_t ms)
{
    uint64_t end = ticks() + ms * tick_freq() / 1000, t0 = ticks();
    uint32_t o[2];
    int32_t s;

    for ( ; ; )
    {
        s = CMDV(P_CLOCK, 6, o, 2, good);
        if ( s == 0 || ticks() > end )
            break;
        delay_us(5000);
    }
    tap(s == 0, "faults: after %s, clock %d answers again in %lu ms (%s)", after, good,
        (ticks() - t0) * 1000 / tick_freq(), st(s));
}

int faults_run(void)
{
    struct msg m;
    uint64_t bound = cfg.bound_ms;
    int good = first_mode(&cfg.clk, "F");
    int32_t s;

    con_printf("TAP version 13\n");
    if ( good < 0 )
    {
        tap(false, "faults: needs a fully granted good clock (vscmi.clk)");
        goto out;
    }
    t_recovers("boot", good, bound);

    if ( cfg.fclk >= 0 )
    {
        raw(&m, P_CLOCK, 5, 0, (const uint32_t[]){ 0, (uint32_t)cfg.fclk, 2000000, 0 }, 4);
        chan_xfer(ch, &m);
        s = msg_status(&m);
        tap(!m.why && !m.x0 && bounded(m.ticks, bound),
            "faults: late-answering clock %d: RATE_SET answered (%s) in %lu ms (bound %lu)",
            cfg.fclk, st(s), m.ticks * 1000 / tick_freq(), bound);
        t_recovers("the late answer", good, bound);
    }
    if ( cfg.fsns >= 0 )
    {
        raw(&m, P_SENSOR, 6, 0, (const uint32_t[]){ (uint32_t)cfg.fsns, 0 }, 2);
        chan_xfer(ch, &m);
        s = msg_status(&m);
        tap(!m.why && !m.x0 && s != 0 && s > XFER_X0 && bounded(m.ticks, bound),
            "faults: garbage-answering sensor %d: error status %s, answer well-formed (length %u) in %lu ms",
            cfg.fsns, st(s), m.length_out, m.ticks * 1000 / tick_freq());
        t_recovers("the garbage answer", good, bound);
    }
    if ( cfg.fpd >= 0 )
    {
        s = CMDV(P_POWER, 4, NULL, 0, 0, cfg.fpd, 0);
        tap(s == SCMI_HARDWARE_ERROR || (s < 0 && s > XFER_X0),
            "faults: failing power domain %d: STATE_SET -> %s", cfg.fpd, st(s));
        t_recovers("the hardware error", good, bound);
    }
    if ( cfg.frst >= 0 )
    {
        raw(&m, P_RESET, 4, 0, (const uint32_t[]){ (uint32_t)cfg.frst, 1, 0 }, 3);
        chan_xfer(ch, &m);
        s = msg_status(&m);
        tap(!m.why && !m.x0 && bounded(m.ticks, bound),
            "faults: reset %d leaving the firmware channel busy: answered (%s) in %lu ms",
            cfg.frst, st(s), m.ticks * 1000 / tick_freq());
        t_recovers("the busy channel", good, 3 * bound);
    }
out:
    return tap_done("faults");
}
