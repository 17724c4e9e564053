/* SPDX-License-Identifier: MIT */
/*
 * CLOCK protocol mediation: id translation both ways, counts, pagination,
 * permissions, shared votes, teardown, refused commands and lengths.
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

/* simfw clocks used here (firmware ids) */
#define CLK_CPU_PLL     0       /* range */
#define CLK_DDR         1       /* on at power-on */
#define CLK_UART0       2
#define CLK_UART1       3
#define CLK_GPU         12      /* 16 rates */
#define CLK_AUDIO       14      /* 24 rates */
#define CLK_ETH         15      /* name longer than 15 characters */

#define PERM_STATE      (1u << 31)
#define PERM_PARENT     (1u << 30)
#define PERM_RATE       (1u << 29)

/* guest 0: gpu FULL, 1: uart0 RO, 2: uart1 SHARED, 3: audio FULL, 4: cpu_pll FULL */
static struct agent *guest(struct fixture *f, unsigned int slot)
{
    static const struct vscmi_grant_cfg clocks[] = {
        GRANT(CLK_GPU, FULL), GRANT(CLK_UART0, RO), GRANT(CLK_UART1, SHARED),
        GRANT(CLK_AUDIO, FULL), GRANT(CLK_CPU_PLL, FULL),
    };
    struct vscmi_domain_cfg cfg = { .domid = 1 + slot, .name = "guest" };

    GRANTS(cfg, SCMI_PROTO_CLOCK, clocks);
    return fixture_domain(f, slot, &cfg);
}

/* A domain with clock @phys in SHARED mode (owner if @owner) at guest id 0. */
static struct agent *sharer(struct fixture *f, unsigned int slot, uint32_t phys,
                            bool owner)
{
    struct vscmi_grant_cfg clocks[1] = { GRANT(phys, SHARED) };
    struct vscmi_domain_cfg cfg = { .domid = 10 + slot, .name = "sharer" };

    clocks[0].owner = owner;
    GRANTS(cfg, SCMI_PROTO_CLOCK, clocks);
    return fixture_domain(f, slot, &cfg);
}

static struct vscmi_counters cnt(const struct agent *a)
{
    struct vscmi_counters c;

    vscmi_domain_counters(a->d, &c);
    return c;
}

static uint64_t rate_of(const struct agent *a, unsigned int word)
{
    return a->rsp[word] | ((uint64_t)a->rsp[word + 1] << 32);
}

static int32_t rate_set(struct agent *a, uint32_t flags, uint32_t id, uint64_t r)
{
    uint32_t p[4] = { flags, id, (uint32_t)r, (uint32_t)(r >> 32) };

    return agent_call(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_SET, p, sizeof(p));
}

static int32_t enable(struct agent *a, uint32_t id, bool on)
{
    return agent_call2(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, id, on);
}

/* ---- a firmware that advertises what the mediator must hide ---- */

struct wrapfw {
    struct simfw *fw;
    uint32_t clock_version;     /* 0: simfw's own */
    bool extras;                /* notification / async / parent bits */
    uint32_t perms;             /* answer GET_PERMISSIONS with this if non-0 */
};

static void wrap_answer(void *priv, uint32_t hdr, uint32_t *r, size_t *rx_len,
                        size_t rx_max)
{
    struct wrapfw *w = priv;

    if ( scmi_hdr_proto(hdr) != SCMI_PROTO_CLOCK || *rx_len < 4 )
        return;
    switch ( scmi_hdr_msg(hdr) )
    {
    case SCMI_PROTOCOL_VERSION:
        if ( w->clock_version )
            r[1] = w->clock_version;
        break;
    case SCMI_PROTOCOL_ATTRIBUTES:
        if ( w->extras )
            r[1] |= 4u << 16 | 0xab000000u;     /* async depth, reserved */
        break;
    case SCMI_CLOCK_ATTRIBUTES:
        if ( w->extras && r[0] == SCMI_SUCCESS )
            r[1] |= 0xf8000002u;                /* bits 31..27, 1 */
        break;
    case SCMI_CLOCK_GET_PERMISSIONS:
        if ( w->perms && rx_max >= 8 )
        {
            r[0] = SCMI_SUCCESS;
            r[1] = w->perms;
            *rx_len = 8;
        }
        break;
    }
}


struct wrapped {
    struct wrapfw w;
    struct simfw_hooks hooks;
    struct vscmi_mediator *m;
    struct vscmi_domain *d;
    struct agent a;
};

static struct wrapped *wrapped_guest(struct fixture *f, uint32_t version,
                                     bool extras, uint32_t perms)
{
    static const struct vscmi_grant_cfg clocks[] = {
        GRANT(CLK_GPU, FULL), GRANT(CLK_UART0, RO), GRANT(CLK_UART1, SHARED),
    };
    struct vscmi_domain_cfg cfg = { .domid = 7, .name = "wrapped" };
    struct wrapped *x = calloc(1, sizeof(*x));
    struct vscmi_error err;

    assert_non_null(x);
    x->w.fw = f->fw;
    x->w.clock_version = version;
    x->w.extras = extras;
    x->w.perms = perms;
    x->hooks = (struct simfw_hooks){ .after = wrap_answer, .priv = &x->w };
    simfw_set_hooks(f->fw, &x->hooks);
    assert_int_equal(vscmi_mediator_create(simfw_fw(f->fw), &x->m, &err), VSCMI_OK);
    GRANTS(cfg, SCMI_PROTO_CLOCK, clocks);
    assert_int_equal(vscmi_domain_create(x->m, &cfg, &x->d, &err),
                     VSCMI_OK);
    agent_init(&x->a, x->d);
    simfw_log_clear(f->fw);
    return x;
}

static void wrapped_free(struct wrapped *x)
{
    vscmi_domain_destroy(x->d);
    vscmi_mediator_destroy(x->m);
    free(x);
}

/* ---- a guest channel smaller than the firmware's answers ---- */

struct small {
    uint32_t rsp[64];
    size_t rsp_len;
};

/* ---- tests ---- */

static void test_version_and_protocol_attributes(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);

    assert_int_equal(agent_call0(a, SCMI_PROTO_CLOCK, SCMI_PROTOCOL_VERSION),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp[1], SIMFW_CLOCK_VERSION);
    assert_int_equal(agent_call1(a, SCMI_PROTO_CLOCK,
                                 SCMI_NEGOTIATE_PROTOCOL_VERSION,
                                 SIMFW_CLOCK_VERSION), SCMI_SUCCESS);

    /* firmware has 16 clocks; the domain sees its 5 */
    assert_int_equal(agent_call0(a, SCMI_PROTO_CLOCK, SCMI_PROTOCOL_ATTRIBUTES),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 8);
    assert_int_equal(a->rsp[1], 5);
}

static void test_protocol_attributes_hide_async(void **state)
{
    struct fixture *f = *state;
    struct wrapped *x = wrapped_guest(f, 0, true, 0);

    assert_int_equal(agent_call0(&x->a, SCMI_PROTO_CLOCK,
                                 SCMI_PROTOCOL_ATTRIBUTES), SCMI_SUCCESS);
    /* firmware said 16 clocks, 4 async requests: guest gets 3, no async */
    assert_int_equal(x->a.rsp[1], 3);
    wrapped_free(x);
}

static void test_clock_attributes_translated(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);

    assert_int_equal(agent_call1(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES, 0),
                     SCMI_SUCCESS);
    assert_string_equal((const char *)&a->rsp[2], "gpu");
    assert_int_equal(fw_last(f)->id, CLK_GPU);
    assert_int_equal(fw_last(f)->msg, SCMI_CLOCK_ATTRIBUTES);

    assert_int_equal(agent_call1(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES, 4),
                     SCMI_SUCCESS);
    assert_string_equal((const char *)&a->rsp[2], "cpu_pll");
    assert_int_equal(fw_last(f)->id, CLK_CPU_PLL);
    /* cpu_pll is on at power-on and this is an exclusive grant */
    assert_int_equal(a->rsp[1] & 1, 1);
    /* v2.0 answer: attributes, name, latency */
    assert_int_equal(a->rsp_len, 28);
}

static void test_clock_attributes_hide_bits(void **state)
{
    struct fixture *f = *state;
    struct wrapped *x = wrapped_guest(f, 0, true, 0);

    assert_int_equal(agent_call1(&x->a, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES,
                                 0), SCMI_SUCCESS);
    /* notify (31, 30), parent (28), extended config (27) hidden; 29 kept */
    assert_int_equal(x->a.rsp[1] & 0xf8000000u, 1u << 29);
    assert_int_equal(x->a.rsp[1] & (1u << 1), 0);   /* v2.0: bit 1 reserved */
    wrapped_free(x);
}

static void test_v3_restricted_bit(void **state)
{
    struct fixture *f = *state;
    struct wrapped *x = wrapped_guest(f, 0x30000, false, 0);

    /* full grant: unrestricted */
    assert_int_equal(agent_call1(&x->a, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES,
                                 0), SCMI_SUCCESS);
    assert_int_equal(x->a.rsp[1] & (1u << 1), 0);
    /* read-only and shared non-owner: ask CLOCK_GET_PERMISSIONS */
    assert_int_equal(agent_call1(&x->a, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES,
                                 1), SCMI_SUCCESS);
    assert_int_equal(x->a.rsp[1] & (1u << 1), 1u << 1);
    assert_int_equal(agent_call1(&x->a, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES,
                                 2), SCMI_SUCCESS);
    assert_int_equal(x->a.rsp[1] & (1u << 1), 1u << 1);
    wrapped_free(x);
}

static void test_not_granted(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);
    static const uint8_t one_id[] = {
        SCMI_CLOCK_ATTRIBUTES, SCMI_CLOCK_RATE_GET, SCMI_CLOCK_NAME_GET,
        SCMI_CLOCK_GET_PERMISSIONS,
    };
    static const uint32_t ids[] = { 5, 6, 15, 0x10000, 0xffffffffu };
    unsigned int i, j;

    for ( j = 0; j < VSCMI_ARRAY_SIZE(ids); j++ )
    {
        for ( i = 0; i < VSCMI_ARRAY_SIZE(one_id); i++ )
            assert_int_equal(agent_call1(a, SCMI_PROTO_CLOCK, one_id[i], ids[j]),
                             SCMI_NOT_FOUND);
        assert_int_equal(agent_call2(a, SCMI_PROTO_CLOCK,
                                     SCMI_CLOCK_DESCRIBE_RATES, ids[j], 0),
                         SCMI_NOT_FOUND);
        assert_int_equal(agent_call2(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_GET,
                                     ids[j], 0), SCMI_NOT_FOUND);
        assert_int_equal(enable(a, ids[j], true), SCMI_NOT_FOUND);
        assert_int_equal(rate_set(a, 0, ids[j], 100000000), SCMI_NOT_FOUND);
    }
    assert_int_equal(fw_count(f), 0);
    assert_int_equal(cnt(f->ag[0]).denied, 8 * VSCMI_ARRAY_SIZE(ids));
}

static void test_not_supported(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);
    static const uint8_t msgs[] = {
        SCMI_CLOCK_RATE_NOTIFY, SCMI_CLOCK_RATE_CHANGE_REQUESTED_NOTIFY,
        SCMI_CLOCK_POSSIBLE_PARENTS_GET, SCMI_CLOCK_PARENT_SET,
        SCMI_CLOCK_PARENT_GET, 0x11, 0x12, 0xff,
    };
    uint32_t p[2] = { 0, 1 };
    unsigned int i;

    for ( i = 0; i < VSCMI_ARRAY_SIZE(msgs); i++ )
    {
        assert_int_equal(agent_call(a, SCMI_PROTO_CLOCK, msgs[i], p, 8),
                         SCMI_NOT_SUPPORTED);
        assert_int_equal(agent_call(a, SCMI_PROTO_CLOCK, msgs[i], p, 4),
                         SCMI_NOT_SUPPORTED);
    }
    assert_int_equal(fw_count(f), 0);
}

static void test_message_attributes(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);
    static const uint8_t mediated[] = {
        SCMI_PROTOCOL_VERSION, SCMI_PROTOCOL_ATTRIBUTES,
        SCMI_CLOCK_ATTRIBUTES, SCMI_CLOCK_DESCRIBE_RATES, SCMI_CLOCK_RATE_SET,
        SCMI_CLOCK_RATE_GET, SCMI_CLOCK_CONFIG_SET, SCMI_CLOCK_NAME_GET,
        SCMI_CLOCK_CONFIG_GET,
    };
    static const uint8_t refused[] = {
        SCMI_CLOCK_RATE_NOTIFY, SCMI_CLOCK_RATE_CHANGE_REQUESTED_NOTIFY,
        SCMI_CLOCK_POSSIBLE_PARENTS_GET, SCMI_CLOCK_PARENT_SET,
        SCMI_CLOCK_PARENT_GET, 0x20,
    };
    unsigned int i;

    for ( i = 0; i < VSCMI_ARRAY_SIZE(mediated); i++ )
    {
        assert_int_equal(agent_call1(a, SCMI_PROTO_CLOCK,
                                     SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
                                     mediated[i]), SCMI_SUCCESS);
        assert_int_equal(a->rsp_len, 8);
        assert_int_equal(a->rsp[1], 0);
    }
    for ( i = 0; i < VSCMI_ARRAY_SIZE(refused); i++ )
        assert_int_equal(agent_call1(a, SCMI_PROTO_CLOCK,
                                     SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
                                     refused[i]), SCMI_NOT_FOUND);
}

static void test_rate_set_and_get_translated(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);
    uint64_t audio = simfw_clock_rate(f->fw, CLK_AUDIO);

    assert_int_equal(rate_set(a, 0, 0, 250000000ull), SCMI_SUCCESS);
    assert_int_equal(fw_last(f)->msg, SCMI_CLOCK_RATE_SET);
    assert_int_equal(fw_last(f)->id, CLK_GPU);
    assert_int_equal(simfw_clock_rate(f->fw, CLK_GPU), 250000000ull);
    assert_int_equal(simfw_clock_rate(f->fw, CLK_AUDIO), audio);
    assert_int_equal(a->rsp_len, 4);

    assert_int_equal(agent_call1(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 0),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 12);
    assert_int_equal(rate_of(a, 1), 250000000ull);
    assert_int_equal(fw_last(f)->id, CLK_GPU);

    /* rounding flags pass; a rate firmware refuses comes back as is */
    assert_int_equal(rate_set(a, 1u << 2, 0, 260000000ull), SCMI_SUCCESS);
    assert_int_equal(simfw_clock_rate(f->fw, CLK_GPU), 300000000ull);
    assert_int_equal(rate_set(a, 0, 0, 5), SCMI_OUT_OF_RANGE);
}

static void test_rate_set_refused(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);
    uint64_t gpu = simfw_clock_rate(f->fw, CLK_GPU);

    /* async: no delayed response channel to guests */
    assert_int_equal(rate_set(a, SCMI_CLOCK_RATE_SET_ASYNC, 0, 250000000ull),
                     SCMI_NOT_SUPPORTED);
    assert_int_equal(rate_set(a, SCMI_CLOCK_RATE_SET_ASYNC | 2, 0, 250000000ull),
                     SCMI_NOT_SUPPORTED);
    assert_int_equal(rate_set(a, 1u << 4, 0, 250000000ull),
                     SCMI_INVALID_PARAMETERS);
    /* validity before support: reserved bits win over the async bit */
    assert_int_equal(rate_set(a, SCMI_CLOCK_RATE_SET_ASYNC | 1u << 4, 0,
                              250000000ull), SCMI_INVALID_PARAMETERS);
    /* read-only and shared without ownership */
    assert_int_equal(rate_set(a, 0, 1, 3686400ull), SCMI_DENIED);
    assert_int_equal(rate_set(a, 0, 2, 3686400ull), SCMI_DENIED);
    assert_int_equal(fw_count(f), 0);
    assert_int_equal(simfw_clock_rate(f->fw, CLK_GPU), gpu);
}

static void test_shared_rate_owner_only(void **state)
{
    struct fixture *f = *state;
    struct agent *own = sharer(f, 0, CLK_UART1, true);
    struct agent *other = sharer(f, 1, CLK_UART1, false);

    assert_int_equal(rate_set(other, 0, 0, 3686400ull), SCMI_DENIED);
    assert_int_equal(fw_count(f), 0);
    assert_int_equal(rate_set(own, 0, 0, 3686400ull), SCMI_SUCCESS);
    assert_int_equal(simfw_clock_rate(f->fw, CLK_UART1), 3686400ull);
    assert_int_equal(fw_last(f)->id, CLK_UART1);
}

/* Read all rates of guest clock @id through a channel of @size bytes. */
static unsigned int read_rates(struct small *s, struct vscmi_domain *d,
                               size_t size, uint32_t id, uint64_t *out,
                               unsigned int max, unsigned int *pages)
{
    unsigned int got = 0, n, i, rem;

    *pages = 0;
    do
    {
        uint32_t p[2] = { id, got };

        assert_int_equal(small_call(d, size, SCMI_PROTO_CLOCK,
                                    SCMI_CLOCK_DESCRIBE_RATES, p, 8, s->rsp,
                                    &s->rsp_len),
                         SCMI_SUCCESS);
        (*pages)++;
        n = s->rsp[1] & 0xfff;
        rem = s->rsp[1] >> 16;
        assert_int_equal(s->rsp[1] & (1u << 12), 0);
        assert_int_equal(s->rsp_len, 8 + 8 * n);
        assert_true(n > 0 && got + n <= max);
        for ( i = 0; i < n; i++ )
            out[got + i] = s->rsp[2 + 2 * i] | ((uint64_t)s->rsp[3 + 2 * i] << 32);
        got += n;
        assert_true(*pages < 64);
    } while ( rem );
    return got;
}

static void test_describe_rates_pages(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);
    struct small *s = calloc(1, sizeof(*s));
    uint64_t big[32], tiny[32];
    unsigned int nb, nt, pb, pt, i;

    assert_non_null(s);
    /* a full page: the firmware pages (11 rates a page) */
    nb = read_rates(s, a->d, 256, 3, big, 32, &pb);
    assert_int_equal(nb, 24);
    assert_int_equal(pb, 3);
    assert_int_equal(big[0], 2048000ull);
    assert_int_equal(big[23], 393216000ull);
    assert_int_equal(fw_last(f)->id, CLK_AUDIO);

    /* 40 bytes of payload: status, flags, 4 rates; the rest "remaining" */
    nt = read_rates(s, a->d, SMT_HDR_SIZE + 40, 3, tiny, 32, &pt);
    assert_int_equal(nt, 24);
    assert_int_equal(pt, 6);
    for ( i = 0; i < nb; i++ )
        assert_int_equal(tiny[i], big[i]);

    /* the guest's first page of a 4-rate channel counts the rest */
    {
        uint32_t p[2] = { 3, 0 };

        assert_int_equal(small_call(a->d, SMT_HDR_SIZE + 40,
                                    SCMI_PROTO_CLOCK, SCMI_CLOCK_DESCRIBE_RATES,
                                    p, 8, s->rsp, &s->rsp_len),
                         SCMI_SUCCESS);
        assert_int_equal(s->rsp[1], 4 | (20u << 16));
    }
    free(s);
}

static void test_describe_rates_range(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);
    struct small *s = calloc(1, sizeof(*s));
    uint32_t p[2] = { 4, 0 };

    assert_non_null(s);
    assert_int_equal(agent_call2(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_DESCRIBE_RATES,
                                 4, 0), SCMI_SUCCESS);
    assert_int_equal(a->rsp[1], 3 | (1u << 12));
    assert_int_equal(a->rsp_len, 32);
    assert_int_equal(rate_of(a, 2), 400000000ull);
    assert_int_equal(rate_of(a, 4), 2000000000ull);
    assert_int_equal(rate_of(a, 6), 100000000ull);
    assert_int_equal(fw_last(f)->id, CLK_CPU_PLL);

    /* a triplet fits exactly in 32 bytes of payload */
    assert_int_equal(small_call(a->d, SMT_HDR_SIZE + 32,
                                SCMI_PROTO_CLOCK, SCMI_CLOCK_DESCRIBE_RATES,
                                p, 8, s->rsp, &s->rsp_len),
                     SCMI_SUCCESS);
    assert_int_equal(s->rsp[1], 3 | (1u << 12));
    /* a range is never split: too small a channel gets an error */
    assert_int_equal(small_call(a->d, SMT_HDR_SIZE + 24,
                                SCMI_PROTO_CLOCK, SCMI_CLOCK_DESCRIBE_RATES,
                                p, 8, s->rsp, &s->rsp_len),
                     SCMI_GENERIC_ERROR);
    assert_int_equal(s->rsp_len, 4);
    free(s);
}

static void test_config_set_exclusive(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);

    assert_false(simfw_clock_enabled(f->fw, CLK_GPU));
    assert_int_equal(enable(a, 0, true), SCMI_SUCCESS);
    assert_true(simfw_clock_enabled(f->fw, CLK_GPU));
    assert_int_equal(fw_last(f)->id, CLK_GPU);
    assert_int_equal(fw_last(f)->tx_len, 8);    /* v2.0 layout */
    assert_int_equal(cnt(f->ag[0]).votes, 1);
    /* an exclusive clock follows every request */
    assert_int_equal(enable(a, 0, true), SCMI_SUCCESS);
    assert_int_equal(cnt(f->ag[0]).votes, 1);
    assert_int_equal(enable(a, 0, false), SCMI_SUCCESS);
    assert_false(simfw_clock_enabled(f->fw, CLK_GPU));
    assert_int_equal(cnt(f->ag[0]).votes, 0);
    assert_int_equal(fw_count_of(f, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET,
                                 CLK_GPU), 3);
}

static void test_config_set_refused(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);

    assert_int_equal(enable(a, 1, true), SCMI_DENIED);      /* read-only */
    assert_int_equal(enable(a, 1, false), SCMI_DENIED);
    assert_int_equal(agent_call2(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, 0, 2),
                     SCMI_INVALID_PARAMETERS);
    assert_int_equal(agent_call2(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, 0,
                                 0x80000001u), SCMI_INVALID_PARAMETERS);
    /* v2.0 firmware: the v3.0 12-byte form is malformed */
    assert_int_equal(agent_call3(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, 0, 1,
                                 0), SCMI_PROTOCOL_ERROR);
    assert_int_equal(fw_count(f), 0);
    assert_false(simfw_clock_enabled(f->fw, CLK_GPU));
    assert_false(simfw_clock_enabled(f->fw, CLK_UART0));
}

static void test_shared_votes(void **state)
{
    struct fixture *f = *state;
    struct agent *a = sharer(f, 0, CLK_UART1, false);
    struct agent *b = sharer(f, 1, CLK_UART1, false);

#define CFGS() fw_count_of(f, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, CLK_UART1)
    /* a disable without a vote never reaches firmware */
    assert_int_equal(enable(b, 0, false), SCMI_SUCCESS);
    assert_int_equal(CFGS(), 0);

    assert_int_equal(enable(a, 0, true), SCMI_SUCCESS);
    assert_int_equal(CFGS(), 1);
    assert_true(simfw_clock_enabled(f->fw, CLK_UART1));
    assert_int_equal(enable(a, 0, true), SCMI_SUCCESS);    /* same vote */
    assert_int_equal(enable(b, 0, true), SCMI_SUCCESS);
    assert_int_equal(CFGS(), 1);

    assert_int_equal(enable(a, 0, false), SCMI_SUCCESS);
    assert_int_equal(CFGS(), 1);
    assert_true(simfw_clock_enabled(f->fw, CLK_UART1));
    assert_int_equal(enable(a, 0, false), SCMI_SUCCESS);    /* no vote left */
    assert_int_equal(CFGS(), 1);

    assert_int_equal(enable(b, 0, false), SCMI_SUCCESS);
    assert_int_equal(CFGS(), 2);
    assert_false(simfw_clock_enabled(f->fw, CLK_UART1));
    assert_int_equal(cnt(f->ag[0]).votes + cnt(f->ag[1]).votes, 0);

    /* a repeated enable keeps one vote: one disable turns it off */
    assert_int_equal(enable(b, 0, true), SCMI_SUCCESS);
    assert_int_equal(enable(b, 0, true), SCMI_SUCCESS);
    assert_int_equal(enable(b, 0, false), SCMI_SUCCESS);
    assert_int_equal(CFGS(), 4);
    assert_false(simfw_clock_enabled(f->fw, CLK_UART1));
#undef CFGS
}

static void test_shared_vote_firmware_failure(void **state)
{
    struct fixture *f = *state;
    struct agent *a = sharer(f, 0, CLK_UART1, false);
    struct agent *b = sharer(f, 1, CLK_UART1, false);

    /* the first enable fails in firmware: no vote is recorded */
    simfw_set_fault(f->fw, SIMFW_FAULT_BAD_STATUS, 1);
    assert_int_not_equal(enable(a, 0, true), SCMI_SUCCESS);
    assert_int_equal(cnt(f->ag[0]).votes, 0);
    /* so the next enable still goes to firmware */
    assert_int_equal(enable(b, 0, true), SCMI_SUCCESS);
    assert_true(simfw_clock_enabled(f->fw, CLK_UART1));
    assert_int_equal(fw_count_of(f, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET,
                                 CLK_UART1), 2);
}

static void test_teardown_releases_votes(void **state)
{
    struct fixture *f = *state;
    struct agent *a = sharer(f, 0, CLK_UART1, false);
    struct agent *b = sharer(f, 1, CLK_UART1, false);
    struct agent *g = guest(f, 2);

    assert_int_equal(enable(a, 0, true), SCMI_SUCCESS);
    assert_int_equal(enable(b, 0, true), SCMI_SUCCESS);
    assert_int_equal(enable(g, 0, true), SCMI_SUCCESS);     /* gpu, full */
    assert_true(simfw_clock_enabled(f->fw, CLK_GPU));
    simfw_log_clear(f->fw);

    fixture_destroy_domain(f, 0);
    assert_int_equal(fw_count(f), 0);                       /* b still votes */
    assert_true(simfw_clock_enabled(f->fw, CLK_UART1));

    fixture_destroy_domain(f, 1);
    assert_int_equal(fw_count_of(f, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET,
                                 CLK_UART1), 1);
    assert_false(simfw_clock_enabled(f->fw, CLK_UART1));

    fixture_destroy_domain(f, 2);
    assert_int_equal(fw_count_of(f, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET,
                                 CLK_GPU), 1);
    assert_false(simfw_clock_enabled(f->fw, CLK_GPU));
    /* the untouched clocks were left alone */
    assert_int_equal(fw_count(f), 2);
    assert_true(simfw_clock_enabled(f->fw, CLK_DDR));
}

static void test_config_get_shows_own_vote(void **state)
{
    struct fixture *f = *state;
    struct agent *a = sharer(f, 0, CLK_UART1, false);
    struct agent *b = sharer(f, 1, CLK_UART1, false);
    struct agent *g = guest(f, 2);

    assert_int_equal(enable(b, 0, true), SCMI_SUCCESS);
    /* on in firmware because of b; a has not voted */
    assert_int_equal(agent_call2(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_GET, 0, 0),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 16);
    assert_int_equal(a->rsp[2] & 1, 0);
    assert_int_equal(fw_last(f)->id, CLK_UART1);
    assert_int_equal(agent_call1(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES, 0),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp[1] & 1, 0);
    assert_int_equal(agent_call2(b, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_GET, 0, 0),
                     SCMI_SUCCESS);
    assert_int_equal(b->rsp[2] & 1, 1);

    /* an exclusive grant reads the firmware's state */
    assert_int_equal(agent_call2(g, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_GET, 4, 0),
                     SCMI_SUCCESS);
    assert_int_equal(g->rsp[2] & 1, 1);                     /* cpu_pll on */
    assert_int_equal(fw_last(f)->id, CLK_CPU_PLL);

    /* OEM config types are not offered; reserved flags are invalid */
    assert_int_equal(agent_call2(g, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_GET, 4, 1),
                     SCMI_NOT_SUPPORTED);
    assert_int_equal(agent_call2(g, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_GET, 4,
                                 0x100), SCMI_INVALID_PARAMETERS);
}

static void test_permissions(void **state)
{
    struct fixture *f = *state;
    struct agent *g = guest(f, 0);
    struct agent *own = sharer(f, 1, CLK_UART1, true);

    /* simfw (v2.0) lacks the command: the grant decides */
    assert_int_equal(agent_call1(g, SCMI_PROTO_CLOCK, SCMI_CLOCK_GET_PERMISSIONS,
                                 0), SCMI_SUCCESS);
    assert_int_equal(g->rsp_len, 8);
    assert_int_equal(g->rsp[1], PERM_STATE | PERM_RATE);
    assert_int_equal(fw_last(f)->id, CLK_GPU);
    assert_int_equal(agent_call1(g, SCMI_PROTO_CLOCK, SCMI_CLOCK_GET_PERMISSIONS,
                                 1), SCMI_SUCCESS);
    assert_int_equal(g->rsp[1], 0);                         /* read-only */
    assert_int_equal(agent_call1(g, SCMI_PROTO_CLOCK, SCMI_CLOCK_GET_PERMISSIONS,
                                 2), SCMI_SUCCESS);
    assert_int_equal(g->rsp[1], PERM_STATE);                /* shared */
    assert_int_equal(agent_call1(own, SCMI_PROTO_CLOCK,
                                 SCMI_CLOCK_GET_PERMISSIONS, 0), SCMI_SUCCESS);
    assert_int_equal(own->rsp[1], PERM_STATE | PERM_RATE);  /* owner */
}

static void test_permissions_firmware_restricts(void **state)
{
    struct fixture *f = *state;
    struct wrapped *x = wrapped_guest(f, 0x30000, false,
                                      PERM_STATE | PERM_PARENT);

    /* firmware forbids rate control: a full grant cannot add it back */
    assert_int_equal(agent_call1(&x->a, SCMI_PROTO_CLOCK,
                                 SCMI_CLOCK_GET_PERMISSIONS, 0), SCMI_SUCCESS);
    assert_int_equal(x->a.rsp[1], PERM_STATE);
    assert_int_equal(fw_last(f)->id, CLK_GPU);
    wrapped_free(x);
}

static void test_v3_config_set(void **state)
{
    struct fixture *f = *state;
    struct wrapped *x = wrapped_guest(f, 0x30000, false, 0);

    assert_int_equal(agent_call3(&x->a, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET,
                                 0, 1, 0), SCMI_SUCCESS);
    assert_true(simfw_clock_enabled(f->fw, CLK_GPU));
    assert_int_equal(fw_last(f)->tx_len, 12);
    assert_int_equal(fw_last(f)->id, CLK_GPU);
    /* the pre-v3.0 form is now malformed */
    assert_int_equal(agent_call2(&x->a, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET,
                                 0, 0), SCMI_PROTOCOL_ERROR);
    /* OEM extended config: hidden; state "reserved" / "unchanged": invalid */
    assert_int_equal(agent_call3(&x->a, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET,
                                 0, 1u << 16 | 3, 5), SCMI_NOT_SUPPORTED);
    assert_int_equal(agent_call3(&x->a, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET,
                                 0, 2, 0), SCMI_INVALID_PARAMETERS);
    assert_int_equal(agent_call3(&x->a, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET,
                                 0, 3, 0), SCMI_INVALID_PARAMETERS);
    assert_int_equal(fw_count(f), 1);
    /* the OEM value is never forwarded: firmware gets 0 */
    assert_int_equal(agent_call3(&x->a, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET,
                                 0, 0, 0x1234), SCMI_SUCCESS);
    assert_false(simfw_clock_enabled(f->fw, CLK_GPU));

    /* teardown uses the v3.0 form too */
    assert_int_equal(agent_call3(&x->a, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET,
                                 0, 1, 0), SCMI_SUCCESS);
    vscmi_domain_destroy(x->d);
    x->d = NULL;
    assert_false(simfw_clock_enabled(f->fw, CLK_GPU));
    assert_int_equal(fw_last(f)->tx_len, 12);
    vscmi_mediator_destroy(x->m);
    free(x);
}

static void test_name_get(void **state)
{
    struct fixture *f = *state;
    static const struct vscmi_grant_cfg clocks[] = { GRANT(CLK_ETH, RO) };
    struct vscmi_domain_cfg cfg = { .domid = 3, .name = "names" };
    struct agent *a;

    GRANTS(cfg, SCMI_PROTO_CLOCK, clocks);
    a = fixture_domain(f, 0, &cfg);
    assert_int_equal(agent_call1(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES, 0),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp[1] & (1u << 29), 1u << 29);     /* extended name */
    assert_int_equal(agent_call1(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_NAME_GET, 0),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 72);
    assert_string_equal((const char *)&a->rsp[2], simfw_clock_name(CLK_ETH));
    assert_int_equal(fw_last(f)->id, CLK_ETH);
}

static void test_all_domain(void **state)
{
    struct fixture *f = *state;
    static const struct vscmi_grant_cfg mine[] = { GRANT(CLK_GPU, FULL) };
    struct vscmi_domain_cfg gcfg = { .domid = 5, .name = "domu" };
    struct vscmi_domain_cfg dcfg = { .domid = 0, .name = "dom0", .all = true };
    struct agent *d0;

    GRANTS(gcfg, SCMI_PROTO_CLOCK, mine);
    fixture_domain(f, 0, &gcfg);
    d0 = fixture_domain(f, 1, &dcfg);

    assert_int_equal(agent_call0(d0, SCMI_PROTO_CLOCK, SCMI_PROTOCOL_ATTRIBUTES),
                     SCMI_SUCCESS);
    assert_int_equal(d0->rsp[1], SIMFW_NR_CLOCKS);
    assert_int_equal(agent_call1(d0, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES,
                                 CLK_AUDIO), SCMI_SUCCESS);
    assert_string_equal((const char *)&d0->rsp[2], "audio_pll");
    /* the domU's exclusive clock is gone from dom0's view */
    assert_int_equal(agent_call1(d0, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET,
                                 CLK_GPU), SCMI_NOT_FOUND);
    assert_int_equal(enable(d0, CLK_GPU, true), SCMI_NOT_FOUND);
    assert_int_equal(fw_count_of(f, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET,
                                 CLK_GPU), 0);
}

static void test_lengths(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);
    static const struct { uint8_t msg; uint8_t len; } cmds[] = {
        { SCMI_PROTOCOL_VERSION, 0 }, { SCMI_PROTOCOL_ATTRIBUTES, 0 },
        { SCMI_PROTOCOL_MESSAGE_ATTRIBUTES, 4 },
        { SCMI_CLOCK_ATTRIBUTES, 4 }, { SCMI_CLOCK_DESCRIBE_RATES, 8 },
        { SCMI_CLOCK_RATE_SET, 16 }, { SCMI_CLOCK_RATE_GET, 4 },
        { SCMI_CLOCK_CONFIG_SET, 8 }, { SCMI_CLOCK_NAME_GET, 4 },
        { SCMI_CLOCK_CONFIG_GET, 8 }, { SCMI_CLOCK_GET_PERMISSIONS, 4 },
        { SCMI_NEGOTIATE_PROTOCOL_VERSION, 4 },
    };
    uint32_t zero[8] = { 0 };
    unsigned int i;

    for ( i = 0; i < VSCMI_ARRAY_SIZE(cmds); i++ )
    {
        if ( cmds[i].len )
            assert_int_equal(agent_call(a, SCMI_PROTO_CLOCK, cmds[i].msg, zero,
                                        cmds[i].len - 4), SCMI_PROTOCOL_ERROR);
        assert_int_equal(agent_call(a, SCMI_PROTO_CLOCK, cmds[i].msg, zero,
                                    cmds[i].len + 4), SCMI_PROTOCOL_ERROR);
        assert_int_equal(a->rsp_len, 4);
    }
    assert_int_equal(fw_count(f), 0);
    assert_false(simfw_clock_enabled(f->fw, CLK_GPU));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(t) cmocka_unit_test_setup_teardown(t, fixture_setup, fixture_teardown)
        T(test_version_and_protocol_attributes),
        T(test_protocol_attributes_hide_async),
        T(test_clock_attributes_translated),
        T(test_clock_attributes_hide_bits),
        T(test_v3_restricted_bit),
        T(test_not_granted),
        T(test_not_supported),
        T(test_message_attributes),
        T(test_rate_set_and_get_translated),
        T(test_rate_set_refused),
        T(test_shared_rate_owner_only),
        T(test_describe_rates_pages),
        T(test_describe_rates_range),
        T(test_config_set_exclusive),
        T(test_config_set_refused),
        T(test_shared_votes),
        T(test_shared_vote_firmware_failure),
        T(test_teardown_releases_votes),
        T(test_config_get_shows_own_vote),
        T(test_permissions),
        T(test_permissions_firmware_restricts),
        T(test_v3_config_set),
        T(test_name_get),
        T(test_all_domain),
        T(test_lengths),
#undef T
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
