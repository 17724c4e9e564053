/* SPDX-License-Identifier: MIT */
/*
 * SCMI over an SMT channel with an SMC/HVC doorbell, as Linux's shmem.c +
 * smc.c transports do it, but with every field under the caller's control
 * so the suite can also post malformed requests.  Answers are read with
 * bounds: nothing the other side writes can make the agent read outside
 * its channel.
 */
#include <string.h>

#include "agent.h"

const char *scmi_last_why;

uint32_t chan_r32(struct chan *c, uint32_t off)
{
    return *(volatile uint32_t *)(c->shm + off);
}

void chan_w32(struct chan *c, uint32_t off, uint32_t v)
{
    *(volatile uint32_t *)(c->shm + off) = v;
}

uint32_t chan_payload_max(const struct chan *c)
{
    return c->size - SMT_PAYLOAD;
}

bool chan_wait_free(struct chan *c, uint64_t us)
{
    uint64_t end = ticks() + us * tick_freq() / 1000000;

    while ( !(chan_r32(c, SMT_STATUS) & SMT_FREE) )
        if ( ticks() > end )
            return false;
    return true;
}

/* Write the request into the channel (nothing else). */
void chan_post(struct chan *c, struct msg *m)
{
    unsigned int i, n = MIN(m->req_words, chan_payload_max(c) / 4);

    n = MIN(n, (unsigned int)MSG_WORDS);
    chan_w32(c, SMT_FLAGS, 0);                  /* polled, no completion irq */
    chan_w32(c, SMT_LENGTH, m->length);
    chan_w32(c, SMT_HEADER, m->header);
    for ( i = 0; i < n; i++ )
        chan_w32(c, SMT_PAYLOAD + 4 * i, m->req[i]);
    asm volatile("dmb sy" ::: "memory");
    chan_w32(c, SMT_STATUS, m->status_in);
    asm volatile("dsb sy" ::: "memory");
}

void chan_ring(struct chan *c, struct msg *m)
{
    struct smccc_res r;
    uint64_t t0, t1;

    t0 = ticks();
    smccc_call(m->use_smc, m->fid, m->args[0], m->args[1], m->args[2],
               m->args[3], m->args[4], m->args[5], m->args[6], &r);
    t1 = ticks();
    m->x0 = r.a0;
    m->ticks = t1 - t0;
}

/* Read the answer and judge its form; @expect_hdr: the header to echo. */
void chan_collect(struct chan *c, struct msg *m, uint32_t expect_hdr)
{
    unsigned int i, n;

    asm volatile("dsb sy" ::: "memory");
    m->status_out = chan_r32(c, SMT_STATUS);
    m->length_out = chan_r32(c, SMT_LENGTH);
    m->header_out = chan_r32(c, SMT_HEADER);
    m->why = NULL;
    m->rsp_words = 0;

    if ( !(m->status_out & SMT_FREE) )
        m->why = "channel not free after the call";
    else if ( m->status_out & SMT_ERROR )
        m->why = "channel error flag set";
    else if ( m->length_out < 8 )
        m->why = "answer shorter than header + status";
    else if ( m->length_out - 4 > chan_payload_max(c) )
        m->why = "answer length beyond the channel";
    else if ( m->length_out & 3 )
        m->why = "answer length not a multiple of 4";
    else if ( m->header_out != expect_hdr )
        m->why = "header/token not echoed";

    /* bounded read whatever the length says */
    n = m->length_out >= 4 ? (m->length_out - 4) / 4 : 0;
    n = MIN(n, chan_payload_max(c) / 4);
    n = MIN(n, (unsigned int)MSG_WORDS);
    for ( i = 0; i < n; i++ )
        m->rsp[i] = chan_r32(c, SMT_PAYLOAD + 4 * i);
    m->rsp_words = n;
}

void chan_xfer(struct chan *c, struct msg *m)
{
    if ( !chan_wait_free(c, 200000) )
    {
        /* a previous fault left it busy: take it back, as Linux does on timeout */
        chan_w32(c, SMT_STATUS, SMT_FREE);
    }
    chan_post(c, m);
    chan_ring(c, m);
    chan_collect(c, m, m->header & 0x0fffffffu);
}

void msg_init(struct chan *c, struct msg *m, unsigned int proto, unsigned int msgid,
              unsigned int type, const uint32_t *a, unsigned int n)
{
    unsigned int i;

    memset(m, 0, sizeof(*m));
    c->token = (c->token + 1) & 0x3ff;
    m->header = scmi_hdr(proto, msgid, type, c->token);
    m->length = 4 + 4 * n;
    n = MIN(n, (unsigned int)MSG_WORDS);
    for ( i = 0; i < n; i++ )
        m->req[i] = a[i];
    m->req_words = n;
    m->fid = c->fid;
    m->use_smc = c->smc;
}

int32_t msg_status(const struct msg *m)
{
    if ( m->x0 )
        return XFER_X0;
    if ( m->why || !m->rsp_words )
        return XFER_MALFORMED;
    return (int32_t)m->rsp[0];
}

int32_t scmi_cmd(struct chan *c, unsigned int proto, unsigned int msgid,
                 const uint32_t *args, unsigned int nargs,
                 uint32_t *out, unsigned int outmax, unsigned int *outn)
{
    struct msg m;
    unsigned int i;

    msg_init(c, &m, proto, msgid, 0, args, nargs);
    chan_xfer(c, &m);

    if ( outn )
        *outn = 0;
    if ( m.x0 )
    {
        scmi_last_why = "doorbell returned non-zero x0";
        return XFER_X0;
    }
    if ( m.why )
    {
        scmi_last_why = m.why;
        return XFER_MALFORMED;
    }
    scmi_last_why = NULL;
    if ( out )
    {
        unsigned int n = MIN(m.rsp_words - 1, outmax);

        for ( i = 0; i < n; i++ )
            out[i] = m.rsp[1 + i];
        if ( outn )
            *outn = n;
    }
    return (int32_t)m.rsp[0];
}

const char *scmi_status_name(int32_t s)
{
    static const char *const names[] = {
        "SUCCESS", "NOT_SUPPORTED", "INVALID_PARAMETERS", "DENIED",
        "NOT_FOUND", "OUT_OF_RANGE", "BUSY", "COMMS_ERROR", "GENERIC_ERROR",
        "HARDWARE_ERROR", "PROTOCOL_ERROR", "IN_USE",
    };

    if ( s <= 0 && s >= -11 )
        return names[-s];
    if ( s == XFER_X0 )
        return "x0!=0";
    if ( s == XFER_MALFORMED )
        return "MALFORMED";
    if ( s == XFER_TIMEOUT )
        return "TIMEOUT";
    return "?";
}
