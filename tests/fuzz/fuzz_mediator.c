/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness over the mediator and the simulated platform.
 *
 * Input: one config byte (which set of domains), then a sequence of ops:
 * structured calls, raw channel writes, doorbells on a stale channel,
 * domain teardown / re-creation, firmware fault injection, time steps and
 * a guest rewriting its channel in the middle of a call.
 *
 * Oracle (abort on violation), checked after every op:
 *  - every message that reached firmware names only resources the calling
 *    domain was granted (virtual -> physical by the config; the "all"
 *    domain: any resource not held FULL by another live domain), and only
 *    protocols the domain may use; never BASE permission commands, never
 *    a SYSTEM_POWER state command from an unprivileged domain;
 *  - vscmi_domain_call() returns VSCMI_OK, the channel is FREE, the length
 *    field is 8..channel and within VSCMI_RSP_MAX, and the header echoes
 *    the request's (reserved bits cleared);
 *  - votes: the harness keeps a shadow of every enable / on the mediator
 *    acknowledged; each domain's vote counter equals it, and a shared clock
 *    or power domain is on at firmware iff some domain votes for it;
 *  - a SUCCESS to a control command names a granted resource;
 *  - no firmware fast channel address ever reaches a guest.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vscmi/smt.h>
#include <vscmi/vscmi.h>
#include "os-host.h"
#include "simfw.h"

#define CHAN_SIZE   4096
#define MAX_SLOTS   3
#define MAX_OPS     256

#define FAIL(...) \
    do { fprintf(stderr, "ORACLE: " __VA_ARGS__); fputc('\n', stderr); abort(); } while ( 0 )

#define G(p, m)         { .phys = (p), .mode = VSCMI_MODE_##m }
#define GO(p)           { .phys = (p), .mode = VSCMI_MODE_SHARED, .owner = true }
#define NR(a)           ((uint32_t)(sizeof(a) / sizeof((a)[0])))
#define RES(proto, a)   [VSCMI_PROTO_IDX(proto)] = { NR(a), a }

#define P(x)            VSCMI_PROTO_BIT(SCMI_PROTO_##x)

/* ---- configurations ---- */

static const struct vscmi_grant_cfg a1_clk[] = { G(2, FULL), GO(12), G(6, RO), G(13, SHARED) };
static const struct vscmi_grant_cfg a1_pwr[] = { G(3, FULL), G(5, SHARED) };
static const struct vscmi_grant_cfg a1_sen[] = { G(1, RO) };
static const struct vscmi_grant_cfg a1_rst[] = { G(2, FULL) };
static const struct vscmi_grant_cfg a1_perf[] = { G(1, FULL) };
static const struct vscmi_grant_cfg a1_volt[] = { G(2, RO) };

/* guest clock 2 is a hole: firmware clock 9 must never be reached through it */
static const struct vscmi_grant_cfg a2_clk[] = { G(3, FULL), G(12, SHARED), G(9, NONE), GO(13), G(14, RO) };
static const struct vscmi_grant_cfg a2_pwr[] = { G(5, SHARED), G(6, FULL), G(4, SHARED) };
static const struct vscmi_grant_cfg a2_sen[] = { G(1, RO), G(3, FULL) };
static const struct vscmi_grant_cfg a2_rst[] = { G(4, FULL) };
static const struct vscmi_grant_cfg a2_perf[] = { GO(2) };
static const struct vscmi_grant_cfg a2_volt[] = { G(0, FULL) };

static const struct vscmi_grant_cfg c1_clk[] = { G(12, SHARED), G(7, RO), G(13, RO) };
static const struct vscmi_grant_cfg c1_pwr[] = { G(4, SHARED) };
static const struct vscmi_grant_cfg c1_sen[] = { G(0, RO) };

struct hcfg {
    const char *name;
    unsigned int nr;
    struct vscmi_domain_cfg dom[MAX_SLOTS];
};

static const struct hcfg configs[] = {
    {
        "all+two", 3, {
            { .domid = 0, .name = "dom0", .all = true, .privileged = true },
            { .domid = 1, .name = "domA",
              .res = { RES(SCMI_PROTO_CLOCK, a1_clk), RES(SCMI_PROTO_POWER, a1_pwr),
                       RES(SCMI_PROTO_SENSOR, a1_sen), RES(SCMI_PROTO_RESET, a1_rst),
                       RES(SCMI_PROTO_PERF, a1_perf), RES(SCMI_PROTO_VOLTAGE, a1_volt) } },
            { .domid = 2, .name = "domB", .rate = 100, .burst = 5,
              .res = { RES(SCMI_PROTO_CLOCK, a2_clk), RES(SCMI_PROTO_POWER, a2_pwr),
                       RES(SCMI_PROTO_SENSOR, a2_sen), RES(SCMI_PROTO_RESET, a2_rst),
                       RES(SCMI_PROTO_PERF, a2_perf), RES(SCMI_PROTO_VOLTAGE, a2_volt) } },
        },
    },
    {
        "two", 2, {
            { .domid = 1, .name = "domA", .protocols = P(SYSTEM),
              .res = { RES(SCMI_PROTO_CLOCK, a1_clk), RES(SCMI_PROTO_POWER, a1_pwr),
                       RES(SCMI_PROTO_SENSOR, a1_sen), RES(SCMI_PROTO_RESET, a1_rst),
                       RES(SCMI_PROTO_PERF, a1_perf), RES(SCMI_PROTO_VOLTAGE, a1_volt) } },
            { .domid = 2, .name = "domB", .privileged = true, .rate = 50,
              .res = { RES(SCMI_PROTO_CLOCK, a2_clk), RES(SCMI_PROTO_POWER, a2_pwr),
                       RES(SCMI_PROTO_SENSOR, a2_sen), RES(SCMI_PROTO_RESET, a2_rst),
                       RES(SCMI_PROTO_PERF, a2_perf), RES(SCMI_PROTO_VOLTAGE, a2_volt) } },
        },
    },
    {
        "all-limited+ro", 2, {
            { .domid = 0, .name = "dom0", .all = true,
              .protocols = P(CLOCK) | P(POWER) | P(SENSOR) | P(SYSTEM), .rate = 20 },
            { .domid = 3, .name = "domC",
              .res = { RES(SCMI_PROTO_CLOCK, c1_clk), RES(SCMI_PROTO_POWER, c1_pwr),
                       RES(SCMI_PROTO_SENSOR, c1_sen) } },
        },
    },
};

/* ---- harness state ---- */

static struct simfw *fw;
static struct vscmi_mediator *med;
static const struct hcfg *cfg;
static struct vscmi_domain *dom[MAX_SLOTS];
static uint8_t chan[MAX_SLOTS][CHAN_SIZE] __attribute__((aligned(8)));
static uint16_t token;
/* shadow votes: bit s set if slot s holds an enable / on */
static uint8_t votes[VSCMI_NR_PROTOS][SIMFW_NR_CLOCKS];
/* mid-call rewrite of a channel, armed by an op */
static volatile uint8_t *rewrite_chan;
static uint32_t rewrite_seed;

static const uint32_t consts[] = {
    SCMI_POWER_STATE_OFF, 0xffffffffu, 24000000, 48000000, 100000, 400000000,
    1200000000, 1, 0x10000, 0x20000, 0x30000, 700000, 900000, 1800000,
    3300000, 0x80000000u, 0x7fffffffu, 0xfffffffeu, 14745600, 500000,
    0x40000001u, 16, 0xffff, 3686400,
};

struct in {
    const uint8_t *p;
    size_t n;
};

static uint8_t rd8(struct in *in)
{
    if ( !in->n )
        return 0;
    in->n--;
    return *in->p++;
}

static uint32_t rd32(struct in *in)
{
    uint32_t v = rd8(in);

    v |= (uint32_t)rd8(in) << 8;
    v |= (uint32_t)rd8(in) << 16;
    return v | (uint32_t)rd8(in) << 24;
}

static uint32_t rd_word(struct in *in)
{
    uint8_t t = rd8(in);

    if ( t < 0x80 )
        return t;
    if ( t < 0xc0 )
        return consts[(t & 0x3f) % NR(consts)];
    return rd32(in);
}

/* ---- policy model ---- */

static const struct vscmi_grant_cfg *grants(unsigned int s, uint8_t proto,
                                            uint32_t *nr)
{
    unsigned int idx = VSCMI_PROTO_IDX(proto);

    *nr = cfg->dom[s].res[idx].nr;
    return cfg->dom[s].res[idx].grant;
}

static bool held_full_by_other(unsigned int s, uint8_t proto, uint32_t phys)
{
    unsigned int o;
    uint32_t i, nr;

    for ( o = 0; o < cfg->nr; o++ )
    {
        const struct vscmi_grant_cfg *g;

        if ( o == s || !dom[o] || cfg->dom[o].all )
            continue;
        g = grants(o, proto, &nr);
        for ( i = 0; i < nr; i++ )
            if ( g[i].phys == phys && g[i].mode == VSCMI_MODE_FULL )
                return true;
    }
    return false;
}

static bool is_shared(uint8_t proto, uint32_t phys)
{
    unsigned int o;
    uint32_t i, nr;

    for ( o = 0; o < cfg->nr; o++ )
    {
        const struct vscmi_grant_cfg *g;

        if ( !dom[o] || cfg->dom[o].all )
            continue;
        g = grants(o, proto, &nr);
        for ( i = 0; i < nr; i++ )
            if ( g[i].phys == phys && g[i].mode != VSCMI_MODE_FULL &&
                 g[i].mode != VSCMI_MODE_NONE )
                return true;
    }
    return false;
}

/* Firmware id of guest id @virt of slot @s, or -1. */
static int64_t to_phys(unsigned int s, uint8_t proto, uint32_t virt)
{
    const struct vscmi_grant_cfg *g;
    uint32_t nr;

    if ( cfg->dom[s].all )
    {
        if ( virt >= vscmi_fw_count(med, proto) || held_full_by_other(s, proto, virt) )
            return -1;
        return virt;
    }
    g = grants(s, proto, &nr);
    return virt < nr && g[virt].mode != VSCMI_MODE_NONE ? g[virt].phys : -1;
}

static bool phys_allowed(unsigned int s, uint8_t proto, uint32_t phys)
{
    const struct vscmi_grant_cfg *g;
    uint32_t i, nr;

    if ( cfg->dom[s].all )
        return phys < vscmi_fw_count(med, proto) &&
               !held_full_by_other(s, proto, phys);
    g = grants(s, proto, &nr);
    for ( i = 0; i < nr; i++ )
        if ( g[i].phys == phys && g[i].mode != VSCMI_MODE_NONE )
            return true;
    return false;
}

static bool proto_allowed(unsigned int s, uint8_t proto)
{
    const struct vscmi_domain_cfg *c = &cfg->dom[s];
    unsigned int idx = VSCMI_PROTO_IDX(proto);

    if ( proto == SCMI_PROTO_BASE )
        return true;
    if ( idx >= VSCMI_NR_PROTOS )
        return false;
    if ( c->all && !c->protocols )
        return true;
    return (c->protocols & (1u << idx)) || c->res[idx].nr;
}

/* Every message firmware received since the log was cleared, for slot @s. */
static void check_log(unsigned int s, const char *what)
{
    size_t i, n = simfw_log_count(fw);

    for ( i = 0; i < n; i++ )
    {
        const struct simfw_rec *r = simfw_log_at(fw, i);

        if ( !proto_allowed(s, r->proto) )
            FAIL("%s: slot %u (dom%u) reached firmware protocol 0x%x msg 0x%x",
                 what, s, cfg->dom[s].domid, r->proto, r->msg);
        if ( r->proto == SCMI_PROTO_BASE && r->msg >= SCMI_BASE_SET_DEVICE_PERMISSIONS )
            FAIL("%s: slot %u: BASE permission command 0x%x reached firmware",
                 what, s, r->msg);
        if ( r->proto == SCMI_PROTO_SYSTEM && r->msg >= SCMI_SYSTEM_POWER_STATE_SET &&
             r->msg != SCMI_NEGOTIATE_PROTOCOL_VERSION && !cfg->dom[s].privileged )
            FAIL("%s: slot %u (dom%u, unprivileged): SYSTEM_POWER msg 0x%x reached firmware",
                 what, s, cfg->dom[s].domid, r->msg);
        if ( r->has_id && !phys_allowed(s, r->proto, r->id) )
            FAIL("%s: slot %u (dom%u): protocol 0x%x msg 0x%x named firmware id %u, not granted",
                 what, s, cfg->dom[s].domid, r->proto, r->msg, r->id);
    }
}

static unsigned int vote_count(unsigned int s)
{
    unsigned int n = 0, p, i;

    for ( p = 0; p < VSCMI_NR_PROTOS; p++ )
        for ( i = 0; i < SIMFW_NR_CLOCKS; i++ )
            n += (votes[p][i] >> s) & 1;
    return n;
}

static bool fw_on(uint8_t proto, uint32_t phys)
{
    if ( proto == SCMI_PROTO_CLOCK )
        return simfw_clock_enabled(fw, phys);
    if ( proto == SCMI_PROTO_RESET )
        return simfw_reset_asserted(fw, phys);
    return simfw_power_state(fw, phys) == SCMI_POWER_STATE_ON;
}

static const char *vote_name(uint8_t proto)
{
    return proto == SCMI_PROTO_CLOCK ? "clock" :
           proto == SCMI_PROTO_RESET ? "reset" : "power domain";
}

static void check_votes(const char *what)
{
    static const uint8_t vp[] = { SCMI_PROTO_CLOCK, SCMI_PROTO_POWER,
                                  SCMI_PROTO_RESET };
    unsigned int s, k;
    uint32_t phys;

    for ( s = 0; s < cfg->nr; s++ )
    {
        struct vscmi_counters c;

        if ( !dom[s] )
            continue;
        vscmi_domain_counters(dom[s], &c);
        if ( c.votes != vote_count(s) )
            FAIL("%s: slot %u (dom%u) holds %u votes, shadow says %u", what, s,
                 cfg->dom[s].domid, c.votes, vote_count(s));
    }
    for ( k = 0; k < sizeof(vp); k++ )
    {
        uint32_t nr = vscmi_fw_count(med, vp[k]);

        for ( phys = 0; phys < nr && phys < SIMFW_NR_CLOCKS; phys++ )
        {
            uint8_t v = votes[VSCMI_PROTO_IDX(vp[k])][phys];

            if ( is_shared(vp[k], phys) && fw_on(vp[k], phys) != (v != 0) )
                FAIL("%s: shared %s %u is %s at firmware with vote mask 0x%x", what,
                     vote_name(vp[k]), phys,
                     fw_on(vp[k], phys) ? "on" : "off", v);
        }
    }
}

/* ---- domains ---- */

static void slot_create(unsigned int s)
{
    struct vscmi_error err;
    int rc = vscmi_domain_create(med, &cfg->dom[s], &dom[s], &err);

    if ( rc )
        dom[s] = NULL;      /* e.g. FULL grant while the all domain holds it */
    memset(chan[s], 0, CHAN_SIZE);
    smt_wr32(chan[s], SMT_OFF_STATUS, SMT_STATUS_FREE);
}

static void slot_destroy(unsigned int s)
{
    unsigned int p, i;

    if ( !dom[s] )
        return;
    simfw_set_fault(fw, SIMFW_FAULT_NONE, 0);
    simfw_log_clear(fw);
    vscmi_domain_destroy(dom[s]);
    check_log(s, "teardown");
    dom[s] = NULL;
    for ( p = 0; p < VSCMI_NR_PROTOS; p++ )
        for ( i = 0; i < SIMFW_NR_CLOCKS; i++ )
            votes[p][i] &= ~(1u << s);
    check_votes("teardown");
}

/* ---- a call ---- */

static void rewrite_hook(void)
{
    volatile uint8_t *c = rewrite_chan;
    size_t i;

    if ( !c )
        return;
    rewrite_chan = NULL;
    for ( i = SMT_OFF_LENGTH; i < SMT_OFF_PAYLOAD + 64; i++ )
    {
        rewrite_seed = rewrite_seed * 1103515245u + 12345u;
        c[i] = (uint8_t)(rewrite_seed >> 16);
    }
}

static void shadow_vote(unsigned int s, uint8_t proto, uint32_t virt, bool on)
{
    int64_t phys = to_phys(s, proto, virt);

    if ( phys < 0 )
        FAIL("slot %u: SUCCESS to a control of ungranted %s %u", s,
             vote_name(proto), virt);
    if ( phys >= SIMFW_NR_CLOCKS )
        return;
    if ( on )
        votes[VSCMI_PROTO_IDX(proto)][phys] |= 1u << s;
    else
        votes[VSCMI_PROTO_IDX(proto)][phys] &= ~(1u << s);
}

/* Ring slot @s with the request already in its channel (as written). */
static void ring(unsigned int s, uint32_t status, uint32_t length,
                 uint32_t hdr, const uint32_t *w, size_t nw)
{
    volatile uint8_t *c = chan[s];
    uint32_t rsp_len, rsp_hdr, rsp_status, st, i;
    int rc;

    simfw_log_clear(fw);
    rc = vscmi_domain_call(dom[s], c, CHAN_SIZE);
    rewrite_chan = NULL;
    if ( rc != VSCMI_OK )
        FAIL("slot %u: vscmi_domain_call returned %d", s, rc);
    check_log(s, "call");

    rsp_status = smt_rd32(c, SMT_OFF_STATUS);
    rsp_len = smt_rd32(c, SMT_OFF_LENGTH);
    rsp_hdr = smt_rd32(c, SMT_OFF_HEADER);
    if ( !(rsp_status & SMT_STATUS_FREE) )
        FAIL("slot %u: channel not FREE after the call (status 0x%x)", s, rsp_status);
    if ( rsp_len < 8 || rsp_len > CHAN_SIZE - SMT_OFF_HEADER ||
         rsp_len > 4 + VSCMI_RSP_MAX )
        FAIL("slot %u: response length %u", s, rsp_len);
    if ( rsp_hdr != (hdr & ~SCMI_HDR_RESERVED_MASK) )
        FAIL("slot %u: response header 0x%08x does not echo 0x%08x", s, rsp_hdr, hdr);

    for ( i = 4; i + 4 <= rsp_len; i += 4 )
        if ( smt_rd32(c, SMT_OFF_HEADER + i) - SIMFW_FC_BASE < SIMFW_FC_SPAN )
            FAIL("slot %u: a firmware fast channel address reached the guest", s);

    /* Shadow: an acknowledged enable / disable of a well-formed request. */
    st = smt_rd32(c, SMT_OFF_PAYLOAD);
    if ( st != SCMI_SUCCESS || (status & SMT_STATUS_FREE) ||
         (hdr & (SCMI_HDR_RESERVED_MASK | (SCMI_HDR_TYPE_MASK << SCMI_HDR_TYPE_SHIFT))) )
        return;
    if ( scmi_hdr_proto(hdr) == SCMI_PROTO_CLOCK &&
         scmi_hdr_msg(hdr) == SCMI_CLOCK_CONFIG_SET && length >= 12 && nw >= 2 )
        shadow_vote(s, SCMI_PROTO_CLOCK, w[0], w[1] & 1);
    else if ( scmi_hdr_proto(hdr) == SCMI_PROTO_POWER &&
              scmi_hdr_msg(hdr) == SCMI_POWER_STATE_SET && length == 16 && nw >= 3 )
        shadow_vote(s, SCMI_PROTO_POWER, w[1], !(w[2] & SCMI_POWER_STATE_OFF));
    /* a reset held asserted (explicit, not autonomous) is a vote too */
    else if ( scmi_hdr_proto(hdr) == SCMI_PROTO_RESET &&
              scmi_hdr_msg(hdr) == SCMI_RESET && length == 16 && nw >= 2 )
        shadow_vote(s, SCMI_PROTO_RESET, w[0], (w[1] & 3) == 2);
}

static void write_req(unsigned int s, uint32_t status, uint32_t length,
                      uint32_t hdr, const void *payload, size_t len)
{
    volatile uint8_t *c = chan[s];
    const uint8_t *b = payload;
    size_t i;

    smt_wr32(c, SMT_OFF_STATUS, status);
    smt_wr32(c, SMT_OFF_FLAGS, 0);
    smt_wr32(c, SMT_OFF_LENGTH, length);
    smt_wr32(c, SMT_OFF_HEADER, hdr);
    for ( i = 0; i < len && SMT_OFF_PAYLOAD + i < CHAN_SIZE; i++ )
        c[SMT_OFF_PAYLOAD + i] = b[i];
}

static unsigned int pick_slot(struct in *in)
{
    return rd8(in) % cfg->nr;
}

static void op_call(struct in *in)
{
    unsigned int s = pick_slot(in);
    uint8_t p = rd8(in), msg = rd8(in), proto;
    uint32_t w[8], hdr;
    size_t nw = rd8(in) % 9, i;

    proto = p < 0xf0 ? SCMI_PROTO_BASE + p % 8 : rd8(in);
    for ( i = 0; i < nw; i++ )
        w[i] = rd_word(in);
    if ( !dom[s] )
        return;
    hdr = scmi_hdr(proto, msg, token++);
    write_req(s, 0, (uint32_t)(4 + 4 * nw), hdr, w, 4 * nw);
    ring(s, 0, (uint32_t)(4 + 4 * nw), hdr, w, nw);
}

static void op_raw(struct in *in)
{
    unsigned int s = pick_slot(in);
    uint32_t status = rd32(in), length = rd32(in), hdr = rd32(in);
    uint8_t buf[64];
    uint32_t w[16];
    size_t n = rd8(in) % sizeof(buf), i;

    for ( i = 0; i < n; i++ )
        buf[i] = rd8(in);
    if ( !dom[s] )
        return;
    write_req(s, status, length, hdr, buf, n);
    /* what the mediator may snapshot: the channel's first payload words */
    for ( i = 0; i < 16; i++ )
        w[i] = smt_rd32(chan[s], SMT_OFF_PAYLOAD + 4 * i);
    ring(s, status, length, hdr, w, length >= 4 && length - 4 <= 64 ? (length - 4) / 4 : 0);
}

/* Doorbell again without writing: the channel holds the last answer. */
static void op_stale(struct in *in)
{
    unsigned int s = pick_slot(in);

    if ( !dom[s] )
        return;
    ring(s, smt_rd32(chan[s], SMT_OFF_STATUS), smt_rd32(chan[s], SMT_OFF_LENGTH),
         smt_rd32(chan[s], SMT_OFF_HEADER), NULL, 0);
}

static void op_recreate(struct in *in)
{
    unsigned int s = pick_slot(in);

    slot_destroy(s);
    slot_create(s);
    check_votes("recreate");
}

static void op_fault(struct in *in)
{
    uint8_t kind = rd8(in) % (SIMFW_FAULT_OVERLONG + 1), count = rd8(in) % 4;

    simfw_set_fault(fw, (enum simfw_fault)kind, count);
}

static void op_rewrite(struct in *in)
{
    unsigned int s = pick_slot(in);

    rewrite_seed = rd32(in);
    rewrite_chan = chan[s];
    op_call(in);
    rewrite_chan = NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fw = simfw_create();
    if ( !fw )
        abort();
    vscmi_host_clock_hook(rewrite_hook);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct in in = { data, size };
    struct vscmi_error err;
    unsigned int s, ops;

    simfw_reset(fw);
    vscmi_host_clock_set(1000000000ull);
    if ( vscmi_mediator_create(simfw_fw(fw), &med, &err) )
        FAIL("mediator create: %s", err.line);
    cfg = &configs[rd8(&in) % NR(configs)];
    memset(votes, 0, sizeof(votes));
    token = 0;
    for ( s = 0; s < cfg->nr; s++ )
    {
        slot_create(s);
        if ( !dom[s] )
            FAIL("config %s: slot %u not created", cfg->name, s);
    }
    simfw_log_clear(fw);

    for ( ops = 0; in.n && ops < MAX_OPS; ops++ )
    {
        switch ( rd8(&in) % 10 )
        {
        case 0: case 1: case 2: case 3:
            op_call(&in);
            break;
        case 4:
            op_raw(&in);
            break;
        case 5:
            op_stale(&in);
            break;
        case 6:
            op_recreate(&in);
            break;
        case 7:
            op_fault(&in);
            break;
        case 8:
            vscmi_host_clock_advance((uint64_t)rd8(&in) * 10000000ull);
            break;
        case 9:
            op_rewrite(&in);
            break;
        }
        check_votes("op");
    }

    for ( s = 0; s < cfg->nr; s++ )
        slot_destroy(s);
    vscmi_mediator_destroy(med);
    med = NULL;
    return 0;
}
