/* SPDX-License-Identifier: MIT */
/*
 * Policy: what the grants forbid.  Ids beyond the grants are NOT_FOUND,
 * read-only and shared resources refuse what they must, SYSTEM_POWER and
 * the BASE permission commands are refused.
 */
#include "suite.h"

void suite_policy(void)
{
    uint32_t o[8], ids[4];
    unsigned int i, bad;
    int r;
    int32_t s, s2;

    if ( cfg.clk.present )
    {
        ids[0] = cfg.clk.n; ids[1] = cfg.clk.n + 7; ids[2] = 0xffff; ids[3] = 0xffffffff;
        bad = 0;
        for ( i = 0; i < 4; i++ )
        {
            bad += CMDV(P_CLOCK, 3, o, 8, ids[i]) != SCMI_NOT_FOUND;
            bad += CMDV(P_CLOCK, 6, o, 2, ids[i]) != SCMI_NOT_FOUND;
            bad += CMDV(P_CLOCK, 5, o, 1, 0, ids[i], 24000000, 0) != SCMI_NOT_FOUND;
            bad += CMDV(P_CLOCK, 7, o, 1, ids[i], 1) != SCMI_NOT_FOUND;
        }
        tap(!bad, "policy: clock ids %u.. / 0xffff / ~0 -> NOT_FOUND on attributes, rate get/set, config (%u wrong)",
            cfg.clk.n, bad);
        r = first_mode(&cfg.clk, "R");
        if ( r >= 0 )
        {
            uint64_t before = 0, after = 1, other;

            clk_rate(r, &before);
            other = clk_other_rate(r, before);
            s = CMDV(P_CLOCK, 5, o, 1, 0, r, (uint32_t)(other ? other : before),
                     (uint32_t)((other ? other : before) >> 32));
            s2 = CMDV(P_CLOCK, 7, o, 1, r, 1);
            clk_rate(r, &after);
            tap(s == SCMI_DENIED && s2 == SCMI_DENIED && before == after,
                "policy: read-only clock %d: RATE_SET %s, CONFIG_SET %s, rate unchanged", r,
                st(s), st(s2));
        }
        else
            skip("no read-only clock granted", "policy: read-only clock");
        r = first_mode(&cfg.clk, "s");
        if ( r >= 0 )
        {
            uint64_t cur = 0;

            clk_rate(r, &cur);
            s = CMDV(P_CLOCK, 5, o, 1, 0, r, (uint32_t)cur, (uint32_t)(cur >> 32));
            s2 = CMDV(P_CLOCK, 7, o, 1, r, 1);
            i = CMDV(P_CLOCK, 7, o, 1, r, 0);
            tap(s == SCMI_DENIED && s2 == 0 && (int32_t)i == 0,
                "policy: shared clock %d (not owner): RATE_SET %s, enable vote %s, release %s",
                r, st(s), st(s2), st((int32_t)i));
        }
    }
    if ( cfg.pd.present )
    {
        s = CMDV(P_POWER, 4, o, 1, 0, cfg.pd.n, 0);
        s2 = CMDV(P_POWER, 5, o, 1, 0xffffffffu);
        tap(s == SCMI_NOT_FOUND && s2 == SCMI_NOT_FOUND,
            "policy: power domain %u / ~0 -> NOT_FOUND (%s, %s)", cfg.pd.n, st(s), st(s2));
        r = first_mode(&cfg.pd, "R");
        if ( r >= 0 )
        {
            s = CMDV(P_POWER, 4, o, 1, 0, r, 0);
            tap(s == SCMI_DENIED, "policy: read-only power domain %d: STATE_SET %s", r, st(s));
        }
    }
    if ( cfg.rst.present )
    {
        s = CMDV(P_RESET, 4, o, 1, cfg.rst.n, 1, 0);
        tap(s == SCMI_NOT_FOUND, "policy: reset domain %u -> NOT_FOUND (%s)", cfg.rst.n, st(s));
        r = first_mode(&cfg.rst, "R");
        if ( r >= 0 )
        {
            s = CMDV(P_RESET, 4, o, 1, r, 1, 0);
            tap(s == SCMI_DENIED, "policy: read-only reset domain %d: RESET %s", r, st(s));
        }
    }
    if ( cfg.sns.present )
    {
        s = CMDV(P_SENSOR, 6, o, 4, cfg.sns.n, 0);
        tap(s == SCMI_NOT_FOUND, "policy: sensor %u -> NOT_FOUND (%s)", cfg.sns.n, st(s));
    }
    s = CMDV(P_SYSTEM, 3, o, 1, 0, 0);                  /* shutdown */
    s2 = CMDV(P_SYSTEM, 3, o, 1, 1, 1);                 /* graceful cold reset */
    tap((s == SCMI_DENIED || s == SCMI_NOT_SUPPORTED) &&
        (s2 == SCMI_DENIED || s2 == SCMI_NOT_SUPPORTED),
        "policy: SYSTEM_POWER_STATE_SET shutdown / reset refused (%s, %s)", st(s), st(s2));
    s = CMDV(P_BASE, 9, o, 1, 0, 0, 1);
    s2 = CMDV(P_BASE, 10, o, 1, 0, 0, P_CLOCK, 1);
    i = CMDV(P_BASE, 11, o, 1, 0, 1);
    tap(s == SCMI_DENIED && s2 == SCMI_DENIED && (int32_t)i == SCMI_DENIED,
        "policy: BASE SET_DEVICE/SET_PROTOCOL_PERMISSIONS, RESET_AGENT_CONFIGURATION -> DENIED (%s, %s, %s)",
        st(s), st(s2), st((int32_t)i));
}
