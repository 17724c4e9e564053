/* SPDX-License-Identifier: MIT */
/*
 * Race: vCPU1 (race.c) rewrites the posted request while vCPU0 rings the
 * doorbell: the resource id and rate (variant 1), or the header and
 * length (variant 2).  Every answer must be well-formed, the read-only
 * clock unchanged and the channel usable afterwards.
 */
#include "suite.h"

static uint32_t race_good, race_ro, race_nx;
static uint64_t race_rate_a, race_rate_b;

/* One rewrite by vCPU1 (race_start()): the @k-th of round @variant. */
static void race_flip(uint32_t variant, uint64_t k)
{
    if ( variant == 1 )
    {
        static const unsigned int sel[] = { 0, 1, 2, 3 };
        uint32_t id = 0;

        switch ( sel[k & 3] )
        {
        case 0: id = race_ro; break;
        case 1: id = race_nx; break;
        case 2: id = 0xffffffffu; break;
        default: id = race_good; break;
        }
        chan_w32(ch, SMT_PAYLOAD + 4, id);
        chan_w32(ch, SMT_PAYLOAD + 8, (uint32_t)((k & 4) ? race_rate_b : race_rate_a));
    }
    else
    {
        switch ( k & 3 )
        {
        case 0:
            chan_w32(ch, SMT_LENGTH, 0xfffffff0u);
            chan_w32(ch, SMT_HEADER, scmi_hdr(P_SYSTEM, 3, 0, 0x3ff));
            break;
        case 1:
            chan_w32(ch, SMT_LENGTH, 3);
            chan_w32(ch, SMT_HEADER, scmi_hdr(P_CLOCK, 5, 0, 0x3ff) | 0xf0000000u);
            break;
        case 2:
            chan_w32(ch, SMT_LENGTH, 12);
            chan_w32(ch, SMT_HEADER, scmi_hdr(P_BASE, 9, 0, 0x3ff));
            break;
        default:
            chan_w32(ch, SMT_LENGTH, 20);
            chan_w32(ch, SMT_HEADER, scmi_hdr(P_CLOCK, 5, 1, 0x3ff));
            break;
        }
    }
}

void suite_race(void)
{
    struct msg m;
    unsigned int i, v, bad, missed, busy, seen_ok;
    uint64_t ro_before = 0, ro_after = 0, flips;
    int g = first_mode(&cfg.clk, "F"), r = first_mode(&cfg.clk, "R");
    int32_t s;

    if ( !cfg.clk.present || g < 0 )
    {
        skip("needs a fully granted clock", "attack: second vCPU rewrites the channel during calls");
        return;
    }
    if ( !race_start(race_flip) )
    {
        tap(false, "attack: race: vCPU1 did not come up (PSCI CPU_ON)");
        return;
    }
    race_good = g;
    race_ro = r >= 0 ? (uint32_t)r : (uint32_t)g;
    race_nx = cfg.clk.n + 3;
    clk_rate(g, &race_rate_a);
    race_rate_b = clk_other_rate(g, race_rate_a);
    if ( r >= 0 )
    {
        clk_rate(r, &ro_before);
        race_rate_b = clk_other_rate(r, ro_before) ? clk_other_rate(r, ro_before) : race_rate_b;
    }

    phase("race", "begin");
    for ( v = 1; v <= 2; v++ )
    {
        uint64_t end = ticks() + cfg.phase_ms * tick_freq() / 2000;

        bad = missed = busy = seen_ok = 0;
        flips = race_rewrites();
        for ( i = 1; i <= cfg.race || ticks() < end; i++ )
        {
            uint32_t round = v * 0x100000u + i;

            raw(&m, P_CLOCK, 5, 0, (const uint32_t[]){ 0, (uint32_t)g, (uint32_t)race_rate_a,
                                                      (uint32_t)(race_rate_a >> 32) }, 4);
            chan_post(ch, &m);
            if ( !race_round(ch, &m, v, round) )
                missed++;
            /* vCPU1 is quiet now: judge what the backend left in the channel */
            m.status_out = chan_r32(ch, SMT_STATUS);
            s = (int32_t)chan_r32(ch, SMT_PAYLOAD);
            if ( m.x0 == (uint64_t)(int64_t)-4 )       /* backend busy (documented) */
            {
                busy++;
                chan_w32(ch, SMT_STATUS, SMT_FREE);
                continue;
            }
            if ( m.x0 || !(m.status_out & SMT_FREE) || (m.status_out & SMT_ERROR) ||
                 s > 0 || s < SCMI_PROTOCOL_ERROR )
            {
                if ( bad++ < 4 )
                    diag("race %u.%u: x0=0x%lx status=0x%x scmi=%d\n", v, i, m.x0,
                         m.status_out, s);
            }
            seen_ok += s == 0;
        }
        i--;
        tap(!bad && missed < i,
            "attack: vCPU1 rewrites %s during %u calls: every answer well-formed (%u bad, %u BUSY, %u ok, %lu rewrites, %u rounds without overlap)",
            v == 1 ? "resource id and rate" : "header and length", i, bad, busy, seen_ok,
            race_rewrites() - flips, missed);
    }
    phase("race", "end");
    /* vCPU1 must be quiet before anything else uses the channel */
    tap(race_stop(2000000), "attack: race: vCPU1 stopped (PSCI CPU_OFF)");
    if ( r >= 0 )
    {
        clk_rate(r, &ro_after);
        tap(ro_before == ro_after,
            "attack: race: read-only clock %d rate unchanged (%lu -> %lu)", r, ro_before, ro_after);
    }
    s = CMDV(P_CLOCK, 5, NULL, 0, 0, g, (uint32_t)race_rate_a, (uint32_t)(race_rate_a >> 32));
    tap(s == 0, "attack: race: channel usable afterwards, clock %d restored (%s)", g, st(s));
}
