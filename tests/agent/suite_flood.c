/* SPDX-License-Identifier: MIT */
/*
 * Flood: back-to-back calls (vscmi.flood, at least vscmi.phase_ms) are all
 * answered, BUSY at worst, and a call succeeds again afterwards.
 */
#include "suite.h"

void suite_flood(void)
{
    struct msg m;
    unsigned int i, ok = 0, busy = 0, other = 0, bad = 0;
    uint64_t t0 = ticks(), t, end;
    int32_t s = XFER_TIMEOUT;

    phase("flood", "begin");
    end = t0 + cfg.phase_ms * tick_freq() / 1000;
    for ( i = 0; i < cfg.flood || ticks() < end; i++ )
    {
        raw(&m, P_BASE, 0, 0, NULL, 0);
        chan_xfer(ch, &m);
        s = msg_status(&m);
        if ( s == SCMI_SUCCESS )
            ok++;
        else if ( s == SCMI_BUSY )
            busy++;
        else if ( s <= XFER_X0 )
        {
            if ( !bad++ )
                diag("flood call %u: %s (x0=0x%lx status=0x%x length=%u header=0x%x sent 0x%x)\n",
                     i, m.why ? m.why : st(s), m.x0, m.status_out, m.length_out,
                     m.header_out, m.header);
        }
        else
            other++;
    }
    t = ticks() - t0;
    phase("flood", "end");
    con_printf("VSCMI-AGENT-FLOOD: name=%s calls=%u ok=%u busy=%u other=%u malformed=%u ticks=%lu\n",
               cfg.name, i, ok, busy, other, bad, t);
    tap(!bad && !other && ok > 0,
        "attack: flood of %u calls: all answered (%u ok, %u BUSY) in %lu ms", i, ok, busy,
        t * 1000 / tick_freq());
    end = ticks() + 3 * tick_freq();
    do {
        s = CMD0(P_BASE, 0, NULL, 0);
    } while ( s == SCMI_BUSY && ticks() < end && (delay_us(10000), true) );
    tap(s == 0, "attack: after the flood a call succeeds again (%s)", st(s));
}
