/* SPDX-License-Identifier: MIT */
/*
 * Simulated SCMI platform: a test double serving one SMT channel the way
 * TF-A's drivers/scmi-msg does.  On a doorbell it reads length, header and
 * payload from its page into a private buffer, runs the command from a
 * per-protocol table (exact request length, else PROTOCOL_ERROR), writes
 * the answer in place and sets FREE.  Wire layouts follow Linux's
 * drivers/firmware/arm_scmi/{base,clock,...}.c.  Deterministic; allocates only in create.
 *
 * This file: the channel, dispatch, the oracle log, fault injection and
 * lifetime; one file per protocol beside it (base.c ... voltage.c).
 */
#include <stdlib.h>

#include "simfw-priv.h"

/* ------------------------------------------------------- common commands */

#define NAME_EXT_ATTR   (1u << 29)

void sim_put_name(void *dst, const char *src, size_t len)
{
    char *d = dst;
    size_t i;

    for ( i = 0; i + 1 < len && src[i]; i++ )
        d[i] = src[i];
    memset(d + i, 0, len - i);
}

/* short name (15 chars + NUL) and whether the full name needs NAME_GET */
uint32_t sim_short_name(void *dst, const char *name)
{
    sim_put_name(dst, name, SCMI_SHORT_NAME_LEN);
    return strlen(name) >= SCMI_SHORT_NAME_LEN ? NAME_EXT_ATTR : 0;
}

int32_t sim_ext_name(struct ctx *c, const char *name)
{
    c->out[1] = 0;      /* flags */
    sim_put_name(&c->out[2], name, SCMI_EXT_NAME_LEN);
    return ok(c, 1 + SCMI_EXT_NAME_LEN / 4);
}

int32_t sim_cmd_version(struct ctx *c)
{
    c->out[1] = c->proto->version;
    return ok(c, 1);
}

int32_t sim_cmd_negotiate(struct ctx *c)
{
    return c->in[0] == c->proto->version ? ok(c, 0) : SCMI_NOT_SUPPORTED;
}

int32_t sim_cmd_msg_attributes(struct ctx *c)
{
    uint32_t msg = c->in[0];

    if ( msg >= c->proto->nr_cmds || !c->proto->cmds[msg].fn )
        return SCMI_NOT_FOUND;
    c->out[1] = 0;
    return ok(c, 1);
}

/* ------------------------------------------------------------ protocols */

static const struct sim_proto *const protos[] = {
    &simfw_proto_base, &simfw_proto_power, &simfw_proto_system,
    &simfw_proto_perf, &simfw_proto_clock, &simfw_proto_sensor,
    &simfw_proto_reset, &simfw_proto_voltage,
};

static const struct sim_proto *find_proto(uint8_t id)
{
    if ( id < SCMI_PROTO_BASE || id > SCMI_PROTO_VOLTAGE )
        return NULL;
    return protos[id - SCMI_PROTO_BASE];
}

bool simfw_msg_resource(uint8_t proto, uint8_t msg, unsigned int *word)
{
    const struct sim_proto *p = find_proto(proto);

    if ( !p || proto == SCMI_PROTO_BASE || proto == SCMI_PROTO_SYSTEM )
        return false;
    if ( msg < 3 || msg > p->max_msg || msg == SCMI_NEGOTIATE_PROTOCOL_VERSION )
        return false;
    if ( proto == SCMI_PROTO_SENSOR && msg == SCMI_SENSOR_DESCRIPTION_GET )
        return false;       /* an index, not a sensor id */
    *word = (proto == SCMI_PROTO_POWER && msg == SCMI_POWER_STATE_SET) ||
            (proto == SCMI_PROTO_CLOCK && msg == SCMI_CLOCK_RATE_SET) ? 1 : 0;
    return true;
}

/* ---------------------------------------------------------- the channel */

static void log_add(struct simfw *fw, const struct simfw_rec *r)
{
    if ( !fw->log_on )
        return;
    fw->log[(fw->log_head + fw->log_count) % SIMFW_LOG_SIZE] = *r;
    if ( fw->log_count < SIMFW_LOG_SIZE )
        fw->log_count++;
    else
        fw->log_head = (fw->log_head + 1) % SIMFW_LOG_SIZE;
}

static bool fault_take(struct simfw *fw)
{
    if ( fw->fault == SIMFW_FAULT_NONE )
        return false;
    if ( fw->fault_left && --fw->fault_left == 0 )
        fw->fault = SIMFW_FAULT_NONE;   /* this message is the last one */
    return true;
}

/* An agent's view: its id in the message becomes the platform's. */
static bool view_to_platform(struct simfw *fw, const struct simfw_rec *rec,
                             uint32_t *in, size_t in_len)
{
    unsigned int idx = rec->proto - SCMI_PROTO_BASE, w;

    if ( idx >= 8 || !fw->view_nr[idx] || !rec->has_id ||
         !simfw_msg_resource(rec->proto, rec->msg, &w) || in_len < 4 * (w + 1) )
        return true;
    if ( in[w] >= fw->view_nr[idx] )
        return false;
    in[w] = fw->view[idx][in[w]];
    return true;
}

void simfw_hide_protocol(struct simfw *fw, uint8_t proto)
{
    if ( proto > SCMI_PROTO_BASE && proto - SCMI_PROTO_BASE < 32 )
        fw->hidden |= 1u << (proto - SCMI_PROTO_BASE);
}

bool simfw_set_view(struct simfw *fw, uint8_t proto, const uint32_t *ids,
                    uint32_t nr)
{
    unsigned int idx = proto - SCMI_PROTO_BASE;

    if ( (proto != SCMI_PROTO_CLOCK && proto != SCMI_PROTO_POWER &&
          proto != SCMI_PROTO_RESET) || nr > SIMFW_VIEW_MAX )
        return false;
    fw->view_nr[idx] = nr;
    if ( nr )
        memcpy(fw->view[idx], ids, nr * sizeof(*ids));
    return true;
}

/* Serve the message in the page: what TF-A's scmi_process_smt() does. */
static void simfw_serve(struct simfw *fw)
{
    volatile uint8_t *page = fw->chan;
    uint32_t in[WORDS_MAX], out[WORDS_MAX + 1];
    uint32_t status = smt_rd32(page, SMT_OFF_STATUS);
    uint32_t length = smt_rd32(page, SMT_OFF_LENGTH);
    uint32_t hdr = smt_rd32(page, SMT_OFF_HEADER);
    enum simfw_fault fault = fw->fault;
    struct simfw_rec rec = { 0 };
    struct ctx c = { .fw = fw, .in = in, .out = out };
    const struct sim_proto *p;
    uint32_t rsp_hdr = hdr, rsp_len;
    bool smt_err = false;
    size_t i;
    int32_t st;

    if ( status & SMT_STATUS_FREE )
        return;                     /* spurious doorbell: nothing posted */

    if ( !fault_take(fw) )
        fault = SIMFW_FAULT_NONE;
    fw->msgs++;

    rec.proto = scmi_hdr_proto(hdr);
    rec.msg = scmi_hdr_msg(hdr);
    memset(in, 0, sizeof(in));
    memset(out, 0, sizeof(out));
    c.out_len = 4;

    if ( length < 4 || length - 4 > PAYLOAD_MAX )
    {
        /* unusable length: answer the status alone, flag the channel */
        smt_err = true;
        st = SCMI_PROTOCOL_ERROR;
        goto answer;
    }
    c.in_len = length - 4;
    rec.tx_len = c.in_len;
    for ( i = 0; i < (c.in_len + 3) / 4; i++ )
        in[i] = smt_rd32(page, SMT_OFF_PAYLOAD + 4 * i);
    if ( c.in_len & 3 )
        in[c.in_len / 4] &= (1u << (8 * (c.in_len & 3))) - 1;

    {
        unsigned int w;

        if ( simfw_msg_resource(rec.proto, rec.msg, &w) && c.in_len >= 4 * (w + 1) )
        {
            rec.has_id = true;
            rec.id = in[w];
        }
    }

    p = find_proto(rec.proto);
    if ( hdr & SCMI_HDR_RESERVED_MASK )
        st = SCMI_PROTOCOL_ERROR;
    else if ( !p || scmi_hdr_type(hdr) != SCMI_MSG_TYPE_COMMAND ||
              rec.msg >= p->nr_cmds || !p->cmds[rec.msg].fn )
        st = SCMI_NOT_SUPPORTED;
    else if ( p->cmds[rec.msg].len != LEN_VAR && p->cmds[rec.msg].len != c.in_len )
        st = SCMI_PROTOCOL_ERROR;
    else if ( fault != SIMFW_FAULT_NONE && fault != SIMFW_FAULT_GARBAGE )
        st = SCMI_GENERIC_ERROR;    /* a failing platform does not execute */
    else if ( rec.proto >= SCMI_PROTO_BASE &&
              rec.proto - SCMI_PROTO_BASE < 32 &&
              (fw->hidden & (1u << (rec.proto - SCMI_PROTO_BASE))) )
        st = SCMI_NOT_SUPPORTED;
    else if ( !view_to_platform(fw, &rec, in, c.in_len) )
        st = SCMI_NOT_FOUND;        /* an id beyond the agent's view */
    else
    {
        c.proto = p;
        st = p->cmds[rec.msg].fn(&c);
        if ( st != SCMI_SUCCESS )
            c.out_len = 4;
        else if ( rec.msg == SCMI_PROTOCOL_ATTRIBUTES &&
                  fw->view_nr[rec.proto - SCMI_PROTO_BASE] )
            out[1] = (out[1] & ~0xffffu) |
                     fw->view_nr[rec.proto - SCMI_PROTO_BASE];
    }

 answer:
    out[0] = (uint32_t)st;
    switch ( fault )
    {
    case SIMFW_FAULT_SILENT:
        fw->stuck = true;
        rec.status = st;
        log_add(fw, &rec);
        return;                     /* channel stays busy */
    case SIMFW_FAULT_GARBAGE:
        out[0] = SCMI_SUCCESS;
        c.out_len = 4;
        break;
    case SIMFW_FAULT_BAD_HEADER:
        rsp_hdr = scmi_hdr(rec.proto, rec.msg ^ 1, scmi_hdr_token(hdr) ^ 0x155);
        break;
    case SIMFW_FAULT_BAD_STATUS:
        out[0] = (uint32_t)-42;
        break;
    default:
        break;
    }
    rec.status = (int32_t)out[0];
    log_add(fw, &rec);

    for ( i = 0; i < c.out_len / 4; i++ )
        smt_wr32(page, SMT_OFF_PAYLOAD + 4 * i, out[i]);
    rsp_len = 4 + (uint32_t)c.out_len;
    if ( fault == SIMFW_FAULT_OVERLONG )
        rsp_len = SIMFW_CHAN_SIZE;  /* beyond the page */
    smt_wr32(page, SMT_OFF_LENGTH, rsp_len);
    smt_wr32(page, SMT_OFF_HEADER, rsp_hdr);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    smt_wr32(page, SMT_OFF_STATUS, SMT_STATUS_FREE | (smt_err ? SMT_STATUS_ERROR : 0));
}

/* The doorbell: serve the posted message, between the test's hooks. */
static int simfw_ring(void *priv)
{
    struct simfw *fw = priv;

    if ( fw->hooks.before )
        fw->hooks.before(fw->hooks.priv);
    simfw_serve(fw);
    /* a well-formed answer only: a transport fault reaches the mediator as is */
    if ( fw->hooks.after &&
         smt_rd32(fw->chan, SMT_OFF_STATUS) == SMT_STATUS_FREE &&
         smt_rd32(fw->chan, SMT_OFF_LENGTH) >= 8 &&
         smt_rd32(fw->chan, SMT_OFF_LENGTH) - 4 <= smt_payload_max(SIMFW_CHAN_SIZE) )
    {
        uint32_t rx[SIMFW_CHAN_SIZE / 4];
        size_t max = smt_payload_max(SIMFW_CHAN_SIZE), i;
        size_t len = smt_rd32(fw->chan, SMT_OFF_LENGTH) - 4;

        for ( i = 0; i < len / 4; i++ )
            rx[i] = smt_rd32(fw->chan, SMT_OFF_PAYLOAD + 4 * i);
        fw->hooks.after(fw->hooks.priv, smt_rd32(fw->chan, SMT_OFF_HEADER),
                        rx, &len, max);
        for ( i = 0; i < len / 4; i++ )
            smt_wr32(fw->chan, SMT_OFF_PAYLOAD + 4 * i, rx[i]);
        smt_wr32(fw->chan, SMT_OFF_LENGTH, 4 + (uint32_t)len);
    }
    return 0;
}

const struct vscmi_fw_chan *simfw_fw(struct simfw *fw)
{
    return &fw->fw_chan;
}

void simfw_set_hooks(struct simfw *fw, const struct simfw_hooks *hooks)
{
    fw->hooks = hooks ? *hooks : (struct simfw_hooks){ 0 };
}

int simfw_xfer(struct simfw *fw, uint32_t hdr, const void *tx, size_t tx_len,
               void *rx, size_t rx_max, size_t *rx_len)
{
    /* A silently dropped message: the platform frees the channel once the
     * fault is over, as a watchdog would. */
    if ( fw->stuck && fw->fault != SIMFW_FAULT_SILENT )
    {
        fw->stuck = false;
        smt_wr32(fw->chan, SMT_OFF_STATUS, SMT_STATUS_FREE);
    }
    return smt_xfer(&fw->fw_chan, SIMFW_TIMEOUT_NS, hdr, tx, tx_len, rx,
                    rx_max, rx_len);
}

int simfw_raw_doorbell(struct simfw *fw)
{
    return simfw_ring(fw);
}

volatile void *simfw_chan(struct simfw *fw)
{
    return fw->chan;
}

/* ------------------------------------------------------------- lifetime */

static void init_state(struct simfw *fw)
{
    size_t i;

    for ( i = 0; i < sizeof(protos) / sizeof(protos[0]); i++ )
        if ( protos[i]->init )
            protos[i]->init(fw);
    fw->msgs = 0;
    fw->fault = SIMFW_FAULT_NONE;
    fw->fault_left = 0;
    fw->stuck = false;
    fw->log_on = true;
    fw->log_head = fw->log_count = 0;
    memset(fw->chan, 0, sizeof(fw->chan));
    smt_wr32(fw->chan, SMT_OFF_STATUS, SMT_STATUS_FREE);
}

struct simfw *simfw_create_sized(uint32_t nr_clocks)
{
    struct simfw *fw;

    if ( nr_clocks == 0 || nr_clocks > 0xffff )
        return NULL;
    fw = calloc(1, sizeof(*fw));
    if ( !fw )
        return NULL;
    fw->fw_chan = (struct vscmi_fw_chan){
        .shm = fw->chan, .size = SIMFW_CHAN_SIZE, .ring = simfw_ring, .priv = fw,
    };
    fw->clk = calloc(nr_clocks, sizeof(*fw->clk));
    if ( !fw->clk )
    {
        free(fw);
        return NULL;
    }
    fw->nr_clocks = nr_clocks;
    init_state(fw);
    return fw;
}

struct simfw *simfw_create(void)
{
    return simfw_create_sized(SIMFW_NR_CLOCKS);
}

void simfw_destroy(struct simfw *fw)
{
    if ( !fw )
        return;
    free(fw->clk);
    free(fw);
}

void simfw_reset(struct simfw *fw)
{
    init_state(fw);
}

/* ---------------------------------------------------------------- oracle */

size_t simfw_log_count(const struct simfw *fw)
{
    return fw->log_count;
}

const struct simfw_rec *simfw_log_at(const struct simfw *fw, size_t i)
{
    if ( i >= fw->log_count )
        return NULL;
    return &fw->log[(fw->log_head + i) % SIMFW_LOG_SIZE];
}

void simfw_log_clear(struct simfw *fw)
{
    fw->log_head = fw->log_count = 0;
}

void simfw_log_enable(struct simfw *fw, bool on)
{
    fw->log_on = on;
}

void simfw_set_fault(struct simfw *fw, enum simfw_fault fault, unsigned int count)
{
    fw->fault = fault;
    fw->fault_left = fault == SIMFW_FAULT_NONE ? 0 : count;
}

uint32_t simfw_msg_count(const struct simfw *fw)
{
    return fw->msgs;
}

