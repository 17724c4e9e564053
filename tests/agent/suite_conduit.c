/* SPDX-License-Identifier: MIT */
/*
 * Doorbells that are not ours: foreign SiP function ids and the other
 * conduit (SMC vs HVC).
 */
#include "suite.h"

/* Function ids that are not ours (the real firmware's channels among them). */
static void t_fids(void)
{
    struct msg m;
    unsigned int i, bad = 0;

    for ( i = 0; i < cfg.nfids; i++ )
    {
        uint32_t sentinel = scmi_hdr(P_BASE, 0, 0, 0x155);

        /* a well-formed request sits in our channel: nobody may consume it */
        raw(&m, P_BASE, 0, 0, NULL, 0);
        m.header = sentinel;
        m.fid = cfg.fids[i];
        chan_post(ch, &m);
        chan_ring(ch, &m);
        if ( (uint32_t)m.x0 != 0xffffffffu || chan_r32(ch, SMT_STATUS) != 0 ||
             chan_r32(ch, SMT_HEADER) != sentinel )
        {
            bad++;
            diag("fid 0x%x: x0=0x%lx status=0x%x\n", cfg.fids[i], m.x0, chan_r32(ch, SMT_STATUS));
        }
        chan_w32(ch, SMT_STATUS, SMT_FREE);
    }
    tap(!bad, "attack: %u foreign SiP function ids (firmware channels 0x%x..) -> SMCCC NOT_SUPPORTED, channel untouched (%u wrong)",
        cfg.nfids, cfg.nfids ? cfg.fids[0] : 0, bad);
}

static void t_conduit(void)
{
    struct msg m;

    raw(&m, P_BASE, 0, 0, NULL, 0);
    m.use_smc = !ch->smc;
    if ( cfg.smc_accept )
    {
        chan_xfer(ch, &m);
        tap(msg_status(&m) == SCMI_SUCCESS, "attack: the other conduit (%s) reaches the same channel (%s)",
            m.use_smc ? "smc" : "hvc", st(msg_status(&m)));
    }
    else
    {
        chan_post(ch, &m);
        chan_ring(ch, &m);
        tap((uint32_t)m.x0 == 0xffffffffu && chan_r32(ch, SMT_STATUS) == 0,
            "attack: the other conduit (%s) is refused, channel untouched (x0=0x%lx)",
            m.use_smc ? "smc" : "hvc", m.x0);
        chan_w32(ch, SMT_STATUS, SMT_FREE);
    }
}

void suite_conduit(void)
{
    t_fids();
    t_conduit();
}
