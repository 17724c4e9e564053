/* SPDX-License-Identifier: MIT */
/*
 * Host SCMI agent: the guest side of a virtual channel, written like
 * Linux's shmem transport (drivers/firmware/arm_scmi/shmem.c):
 * tx_prepare clears channel_status (FREE cleared), sets flags 0 (polled),
 * length 4 + payload, header and payload; fetch_response reads the length,
 * the status word and the payload after it.
 */
#include <string.h>

#include "agent.h"

void agent_init(struct agent *a, struct vscmi_domain *d)
{
    memset(a, 0, sizeof(*a));
    a->d = d;
    smt_wr32(a->chan, SMT_OFF_STATUS, SMT_STATUS_FREE);
}

/* Ring the mediator and read the answer back; @hdr is what was posted. */
static int32_t agent_ring(struct agent *a, uint32_t hdr, bool check_hdr)
{
    size_t max = smt_payload_max(AGENT_CHAN_SIZE), i;
    uint32_t len;
    int rc;

    a->rsp_len = 0;
    a->rsp[0] = 0;
    rc = vscmi_domain_call(a->d, a->chan, AGENT_CHAN_SIZE);
    a->chan_status = smt_rd32(a->chan, SMT_OFF_STATUS);
    a->rsp_hdr = smt_rd32(a->chan, SMT_OFF_HEADER);
    if ( rc != VSCMI_OK )
        return AGENT_TRANSPORT(rc);

    len = smt_rd32(a->chan, SMT_OFF_LENGTH);
    a->rsp_len = len < 4 ? 0 : (len - 4 > max ? max : len - 4);
    for ( i = 0; i < (a->rsp_len + 3) / 4; i++ )
        a->rsp[i] = smt_rd32(a->chan, SMT_OFF_PAYLOAD + 4 * i);

    if ( !(a->chan_status & SMT_STATUS_FREE) )
        return AGENT_TRANSPORT(VSCMI_ETIMEDOUT);
    if ( len < 8 || len - 4 > max )
        return AGENT_TRANSPORT(VSCMI_EPROTO);
    if ( check_hdr && a->rsp_hdr != hdr )
        return AGENT_TRANSPORT(VSCMI_EPROTO);
    return (int32_t)a->rsp[0];
}

int32_t agent_call(struct agent *a, uint8_t proto, uint8_t msg,
                   const uint32_t *payload, size_t len)
{
    uint32_t hdr = scmi_hdr(proto, msg, a->token);

    a->token = (a->token + 1) & SCMI_HDR_TOKEN_MASK;
    if ( len > smt_payload_max(AGENT_CHAN_SIZE) )
        len = smt_payload_max(AGENT_CHAN_SIZE);
    /* shmem_tx_prepare() */
    smt_wr32(a->chan, SMT_OFF_STATUS, 0);
    smt_wr32(a->chan, SMT_OFF_FLAGS, 0);
    smt_wr32(a->chan, SMT_OFF_LENGTH, (uint32_t)(4 + len));
    smt_wr32(a->chan, SMT_OFF_HEADER, hdr);
    if ( len )
        memcpy(a->chan + SMT_OFF_PAYLOAD, payload, len);
    return agent_ring(a, hdr, true);
}

int32_t agent_call0(struct agent *a, uint8_t proto, uint8_t msg)
{
    return agent_call(a, proto, msg, NULL, 0);
}

int32_t agent_call1(struct agent *a, uint8_t proto, uint8_t msg, uint32_t a0)
{
    return agent_call(a, proto, msg, &a0, 4);
}

int32_t agent_call2(struct agent *a, uint8_t proto, uint8_t msg, uint32_t a0,
                    uint32_t a1)
{
    uint32_t p[2] = { a0, a1 };

    return agent_call(a, proto, msg, p, sizeof(p));
}

int32_t agent_call3(struct agent *a, uint8_t proto, uint8_t msg, uint32_t a0,
                    uint32_t a1, uint32_t a2)
{
    uint32_t p[3] = { a0, a1, a2 };

    return agent_call(a, proto, msg, p, sizeof(p));
}

int32_t agent_raw(struct agent *a, uint32_t status, uint32_t length,
                  uint32_t hdr, const void *payload, size_t payload_len)
{
    size_t max = smt_payload_max(AGENT_CHAN_SIZE);

    smt_wr32(a->chan, SMT_OFF_STATUS, status);
    smt_wr32(a->chan, SMT_OFF_FLAGS, 0);
    smt_wr32(a->chan, SMT_OFF_LENGTH, length);
    smt_wr32(a->chan, SMT_OFF_HEADER, hdr);
    if ( payload && payload_len )
        memcpy(a->chan + SMT_OFF_PAYLOAD, payload, VSCMI_MIN(payload_len, max));
    return agent_ring(a, hdr, false);
}
