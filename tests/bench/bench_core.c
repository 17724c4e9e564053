/* SPDX-License-Identifier: MIT */
/*
 * Instructions per mediated message, counted by callgrind (run.sh).
 *
 * Each measurement runs one loop of N identical guest calls: the guest
 * writes its request into its channel and rings; then either
 *   mediated:  vscmi_domain_call() (snapshot, validation, policy,
 *              translation, forward to simfw, response), or
 *   baseline:  a pass-through forwarder that only copies the message in
 *              (snapshot), sends it to simfw with smt_xfer() and copies the
 *              answer back: no validation, policy or translation; the guest
 *              already writes the firmware's ids.
 * Firmware work and the guest's own writes are the same in both, so
 * mediated - baseline is the mediator's work.  Each loop is bracketed by
 * callgrind client requests and dumped under its label.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <valgrind/callgrind.h>

#include <vscmi/smt.h>
#include <vscmi/vscmi.h>
#include "os-host.h"
#include "simfw.h"

#define CHAN_SIZE   4096
#define WARMUP      64

struct guest {
    uint8_t chan[CHAN_SIZE] __attribute__((aligned(8)));
    uint16_t token;
};

/* One message kind: how the guest builds iteration i's payload. */
struct msg {
    const char *name;
    uint8_t proto, msg;
    size_t len;
    void (*build)(uint32_t *p, uint32_t id, unsigned int i);
};

static void build_rate_set(uint32_t *p, uint32_t id, unsigned int i)
{
    p[0] = 0;
    p[1] = id;
    p[2] = (i & 1) ? 48000000u : 24000000u;
    p[3] = 0;
}

static void build_range_rate_set(uint32_t *p, uint32_t id, unsigned int i)
{
    p[0] = 0;
    p[1] = id;
    p[2] = (i & 1) ? 50000000u : 25000000u;
    p[3] = 0;
}

static void build_config_set(uint32_t *p, uint32_t id, unsigned int i)
{
    p[0] = id;
    p[1] = i & 1;
}

static void build_list_protocols(uint32_t *p, uint32_t id, unsigned int i)
{
    p[0] = 0;
}

static void build_reading_get(uint32_t *p, uint32_t id, unsigned int i)
{
    p[0] = id;
    p[1] = 0;
}

static const struct msg msgs[] = {
    { "CLOCK_RATE_SET", SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_SET, 16, build_rate_set },
    { "CLOCK_CONFIG_SET", SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, 8, build_config_set },
    { "BASE_DISCOVER_LIST_PROTOCOLS", SCMI_PROTO_BASE,
      SCMI_BASE_DISCOVER_LIST_PROTOCOLS, 4, build_list_protocols },
    { "SENSOR_READING_GET", SCMI_PROTO_SENSOR, SCMI_SENSOR_READING_GET, 8,
      build_reading_get },
};
static const struct msg range_rate_set = {
    "CLOCK_RATE_SET", SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_SET, 16, build_range_rate_set,
};

static inline void guest_write(struct guest *g, const struct msg *m, uint32_t id,
                               unsigned int i)
{
    uint32_t p[4];

    m->build(p, id, i);
    smt_wr32(g->chan, SMT_OFF_STATUS, 0);
    smt_wr32(g->chan, SMT_OFF_FLAGS, 0);
    smt_wr32(g->chan, SMT_OFF_LENGTH, (uint32_t)(4 + m->len));
    smt_wr32(g->chan, SMT_OFF_HEADER, scmi_hdr(m->proto, m->msg, g->token));
    g->token = (g->token + 1) & SCMI_HDR_TOKEN_MASK;
    memcpy(g->chan + SMT_OFF_PAYLOAD, p, m->len);
}

static int check(struct guest *g, const char *what)
{
    int32_t st = (int32_t)smt_rd32(g->chan, SMT_OFF_PAYLOAD);

    if ( !(smt_rd32(g->chan, SMT_OFF_STATUS) & SMT_STATUS_FREE) || st != SCMI_SUCCESS )
    {
        fprintf(stderr, "bench: %s answered %d\n", what, st);
        return -1;
    }
    return 0;
}

/* The pass-through forwarder: copy in, transact, copy out. */
static void forward_plain(struct simfw *fw, volatile void *chan, size_t size)
{
    static uint32_t req[VSCMI_REQ_MAX / 4], rsp[VSCMI_RSP_MAX / 4];
    struct smt_head h;
    size_t len, rlen = 0;

    smt_read_head(chan, &h);
    len = VSCMI_MIN((size_t)h.length - 4, sizeof(req));
    smt_snapshot_payload(req, chan, len);
    simfw_xfer(fw, h.header, req, len, rsp, sizeof(rsp), &rlen);
    smt_respond(chan, size, h.header, rsp, rlen, false);
}

static __attribute__((noinline)) void loop_mediated(struct guest *g,
        struct vscmi_domain *d, const struct msg *m, uint32_t id, unsigned int n)
{
    unsigned int i;

    for ( i = 0; i < n; i++ )
    {
        guest_write(g, m, id, i);
        vscmi_domain_call(d, g->chan, CHAN_SIZE);
    }
}

static __attribute__((noinline)) void loop_baseline(struct guest *g,
        struct simfw *fw, const struct msg *m, uint32_t id, unsigned int n)
{
    unsigned int i;

    for ( i = 0; i < n; i++ )
    {
        guest_write(g, m, id, i);
        forward_plain(fw, g->chan, CHAN_SIZE);
    }
}

static int measure(const char *label, struct guest *g, struct vscmi_domain *d,
                   struct simfw *fw, const struct msg *m, uint32_t id,
                   unsigned int n)
{
    char dump[128];

    snprintf(dump, sizeof(dump), "vscmi-bench %s", label);
    /* warm up (lazy binding, first-touch paths), then count exactly n */
    if ( d )
        loop_mediated(g, d, m, id, WARMUP);
    else
        loop_baseline(g, fw, m, id, WARMUP);
    if ( check(g, label) )
        return -1;
    CALLGRIND_ZERO_STATS;
    CALLGRIND_TOGGLE_COLLECT;
    if ( d )
        loop_mediated(g, d, m, id, n);
    else
        loop_baseline(g, fw, m, id, n);
    CALLGRIND_TOGGLE_COLLECT;
    CALLGRIND_DUMP_STATS_AT(dump);
    return check(g, label);
}

struct setup {
    struct simfw *fw;
    struct vscmi_mediator *m;
    struct vscmi_domain **dom;
    unsigned int nr_dom;
    struct vscmi_grant_cfg *grants;
};

static void die(const char *what, const char *err)
{
    fprintf(stderr, "bench: %s: %s\n", what, err);
    exit(1);
}

/* The four messages: one domain, typical grants, FULL access. */
static void setup_typical(struct setup *s)
{
    static const struct vscmi_grant_cfg clk[] = {
        { .phys = 3, .mode = VSCMI_MODE_FULL },     /* uart1: rate list */
        { .phys = 5, .mode = VSCMI_MODE_FULL },     /* i2c1 */
    };
    static const struct vscmi_grant_cfg sen[] = { { .phys = 2, .mode = VSCMI_MODE_RO } };
    struct vscmi_domain_cfg cfg = { .domid = 1, .name = "bench" };
    struct vscmi_error err;

    cfg.res[VSCMI_PROTO_IDX(SCMI_PROTO_CLOCK)].nr = 2;
    cfg.res[VSCMI_PROTO_IDX(SCMI_PROTO_CLOCK)].grant = clk;
    cfg.res[VSCMI_PROTO_IDX(SCMI_PROTO_SENSOR)].nr = 1;
    cfg.res[VSCMI_PROTO_IDX(SCMI_PROTO_SENSOR)].grant = sen;
    s->fw = simfw_create();
    if ( !s->fw || vscmi_mediator_create(simfw_fw(s->fw), &s->m, &err) )
        die("mediator", err.line);
    s->nr_dom = 1;
    s->dom = calloc(1, sizeof(*s->dom));
    if ( vscmi_domain_create(s->m, &cfg, &s->dom[0], &err) )
        die("domain", err.line);
    simfw_log_enable(s->fw, false);
}

/*
 * Scaling: @nr_dom domains each granted all @nr_clk clocks SHARED, guest id
 * i -> firmware id (7 i + k) mod nr_clk for domain k (a permutation); the
 * last domain owns firmware clock @owned (so it may set its rate).
 */
static void setup_scaled(struct setup *s, unsigned int nr_dom, uint32_t nr_clk,
                         uint32_t owned)
{
    struct vscmi_error err;
    unsigned int k;
    uint32_t i;

    s->fw = simfw_create_sized(nr_clk);
    if ( !s->fw || vscmi_mediator_create(simfw_fw(s->fw), &s->m, &err) )
        die("mediator", err.line);
    s->nr_dom = nr_dom;
    s->dom = calloc(nr_dom, sizeof(*s->dom));
    s->grants = calloc(nr_clk, sizeof(*s->grants));
    for ( k = 0; k < nr_dom; k++ )
    {
        struct vscmi_domain_cfg cfg = { .domid = (uint16_t)(k + 1) };

        for ( i = 0; i < nr_clk; i++ )
        {
            s->grants[i].phys = (7 * i + k) % nr_clk;
            s->grants[i].mode = VSCMI_MODE_SHARED;
            s->grants[i].owner = k == nr_dom - 1 && s->grants[i].phys == owned;
        }
        cfg.res[VSCMI_PROTO_IDX(SCMI_PROTO_CLOCK)].nr = nr_clk;
        cfg.res[VSCMI_PROTO_IDX(SCMI_PROTO_CLOCK)].grant = s->grants;
        if ( vscmi_domain_create(s->m, &cfg, &s->dom[k], &err) )
            die("domain", err.line);
    }
    simfw_log_enable(s->fw, false);
}

/* Guest id of firmware clock @phys in the last domain of a scaled setup. */
static uint32_t scaled_virt(unsigned int nr_dom, uint32_t nr_clk, uint32_t phys)
{
    uint32_t i;

    for ( i = 0; i < nr_clk; i++ )
        if ( (7 * i + nr_dom - 1) % nr_clk == phys )
            return i;
    return 0;
}

static void teardown(struct setup *s)
{
    unsigned int k;

    for ( k = 0; k < s->nr_dom; k++ )
        vscmi_domain_destroy(s->dom[k]);
    vscmi_mediator_destroy(s->m);
    simfw_destroy(s->fw);
    free(s->dom);
    free(s->grants);
}

int main(int argc, char **argv)
{
    unsigned int n = argc > 1 ? (unsigned int)atoi(argv[1]) : 2000;
    /* guest ids: clock 0 = fw 3, sensor 0 = fw 2 */
    static const uint32_t virt[] = { 0, 0, 0, 0 }, phys[] = { 3, 3, 0, 2 };
    static struct guest g;
    struct setup s;
    char label[96];
    unsigned int k;
    int rc = 0;

    if ( !RUNNING_ON_VALGRIND )
        fprintf(stderr, "bench: not under callgrind, nothing is counted (use make bench)\n");

    memset(&s, 0, sizeof(s));
    setup_typical(&s);
    for ( k = 0; k < VSCMI_ARRAY_SIZE(msgs); k++ )
    {
        snprintf(label, sizeof(label), "%s mediated", msgs[k].name);
        rc |= measure(label, &g, s.dom[0], s.fw, &msgs[k], virt[k], n);
        snprintf(label, sizeof(label), "%s baseline", msgs[k].name);
        rc |= measure(label, &g, NULL, s.fw, &msgs[k], phys[k], n);
    }
    teardown(&s);

    /* scaling: firmware clock 7 and 1015 are both "spi1"-like ranges */
    {
        static const struct { unsigned int dom; uint32_t clk, phys; } sc[] = {
            { 1, 16, 7 }, { 256, 1024, 1015 },
        };

        for ( k = 0; k < VSCMI_ARRAY_SIZE(sc); k++ )
        {
            uint32_t v = scaled_virt(sc[k].dom, sc[k].clk, sc[k].phys);

            memset(&s, 0, sizeof(s));
            setup_scaled(&s, sc[k].dom, sc[k].clk, sc[k].phys);
            snprintf(label, sizeof(label), "scale %ux%u mediated", sc[k].dom, sc[k].clk);
            rc |= measure(label, &g, s.dom[sc[k].dom - 1], s.fw, &range_rate_set, v, n);
            snprintf(label, sizeof(label), "scale %ux%u baseline", sc[k].dom, sc[k].clk);
            rc |= measure(label, &g, NULL, s.fw, &range_rate_set, sc[k].phys, n);
            teardown(&s);
        }
    }
    return rc ? 1 : 0;
}
