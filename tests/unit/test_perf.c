/* SPDX-License-Identifier: MIT */
/*
 * PERFORMANCE 0x13 through the mediator: domain ids translated both ways,
 * counts per domain, level pagination, set policy (read-only, shared
 * owner), fast channels and notifications refused, malformed lengths.
 * Expected values come from asking the simulated firmware directly about
 * the physical domain.
 */
#include <string.h>

#include "fixture.h"
#include <vscmi/smt.h>

#define P SCMI_PROTO_PERF

/* Domain A: guest 0 -> fw 2 (full), 1 -> fw 0 (read-only),
 *           2 -> fw 3 (shared, not owner).
 * Domain B: guest 0 -> fw 3 (shared owner), 1 -> fw 1 (full). */
static const struct vscmi_grant_cfg grants_a[] = {
    GRANT(2, FULL), GRANT(0, RO), GRANT(3, SHARED),
};
static const struct vscmi_grant_cfg grants_b[] = {
    GRANT_OWNER(3), GRANT(1, FULL),
};

static void make_domains(struct fixture *f, struct agent **a, struct agent **b)
{
    struct vscmi_domain_cfg ca = { .domid = 1, .name = "dom-a",
                                   .protocols = VSCMI_PROTO_BIT(P) };
    struct vscmi_domain_cfg cb = { .domid = 2, .name = "dom-b",
                                   .protocols = VSCMI_PROTO_BIT(P) };

    GRANTS(ca, P, grants_a);
    GRANTS(cb, P, grants_b);
    *a = fixture_domain(f, 0, &ca);
    if ( b )
        *b = fixture_domain(f, 1, &cb);
    simfw_log_clear(f->fw);
}

static void test_version_negotiate(void **state)
{
    struct fixture *f = *state;
    struct agent *a;
    uint32_t rx[32];
    size_t n;

    make_domains(f, &a, NULL);
    assert_int_equal(fw_direct(f, P, SCMI_PROTOCOL_VERSION, NULL, 0, rx, &n), 0);
    assert_int_equal(agent_call0(a, P, SCMI_PROTOCOL_VERSION), SCMI_SUCCESS);
    assert_int_equal(a->rsp[1], rx[1]);
    assert_int_equal(agent_call1(a, P, SCMI_NEGOTIATE_PROTOCOL_VERSION, rx[1]),
                     SCMI_SUCCESS);
    assert_int_equal(agent_call1(a, P, SCMI_NEGOTIATE_PROTOCOL_VERSION,
                                 rx[1] + 0x10000), SCMI_NOT_SUPPORTED);
}

static void test_protocol_attributes_counts(void **state)
{
    struct fixture *f = *state;
    struct agent *a, *b;
    uint32_t rx[32];
    size_t n;

    make_domains(f, &a, &b);
    assert_int_equal(fw_direct(f, P, SCMI_PROTOCOL_ATTRIBUTES, NULL, 0, rx, &n), 0);
    assert_int_equal(rx[1] & 0xffff, SIMFW_NR_PERF);

    assert_int_equal(agent_call0(a, P, SCMI_PROTOCOL_ATTRIBUTES), SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 20);
    assert_int_equal(a->rsp[1] & 0xffff, 3);
    assert_int_equal(a->rsp[1] >> 16, rx[1] >> 16);     /* power scale kept */
    assert_int_equal(a->rsp[2], 0);
    assert_int_equal(a->rsp[3], 0);
    assert_int_equal(a->rsp[4], 0);

    assert_int_equal(agent_call0(b, P, SCMI_PROTOCOL_ATTRIBUTES), SCMI_SUCCESS);
    assert_int_equal(b->rsp[1] & 0xffff, 2);
}

static void test_domain_attributes(void **state)
{
    struct fixture *f = *state;
    struct agent *a, *b;
    uint32_t rx[32], tx;
    size_t n;

    make_domains(f, &a, &b);

    /* the firmware offers everything, fast channels and notifications too */
    tx = 2;
    assert_int_equal(fw_direct(f, P, SCMI_PERF_DOMAIN_ATTRIBUTES, &tx, 4, rx, &n), 0);
    assert_int_equal(rx[1] & 0xf8000000u, 0xf8000000u);

    assert_int_equal(agent_call1(a, P, SCMI_PERF_DOMAIN_ATTRIBUTES, 0),
                     SCMI_SUCCESS);
    assert_last_fw(f, P, SCMI_PERF_DOMAIN_ATTRIBUTES, 2);
    assert_int_equal(a->rsp_len, 36);
    /* full grant: set limits / level kept; notify and fast channel gone */
    assert_int_equal(a->rsp[1], rx[1] & ~(0x7u << 27));
    assert_memory_equal(&a->rsp[2], &rx[2], 3 * 4);
    assert_memory_equal(&a->rsp[5], &rx[5], SCMI_SHORT_NAME_LEN);

    /* read-only: no set capabilities advertised */
    tx = 0;
    assert_int_equal(fw_direct(f, P, SCMI_PERF_DOMAIN_ATTRIBUTES, &tx, 4, rx, &n), 0);
    assert_int_equal(agent_call1(a, P, SCMI_PERF_DOMAIN_ATTRIBUTES, 1),
                     SCMI_SUCCESS);
    assert_last_fw(f, P, SCMI_PERF_DOMAIN_ATTRIBUTES, 0);
    assert_int_equal(a->rsp[1], rx[1] & ~(0x1fu << 27));
    assert_string_equal((const char *)&a->rsp[5], "perf_big");

    /* shared, not the owner: no set capabilities; the owner keeps them */
    assert_int_equal(agent_call1(a, P, SCMI_PERF_DOMAIN_ATTRIBUTES, 2),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp[1] & 0xf8000000u, 0);
    assert_int_equal(agent_call1(b, P, SCMI_PERF_DOMAIN_ATTRIBUTES, 0),
                     SCMI_SUCCESS);
    assert_last_fw(f, P, SCMI_PERF_DOMAIN_ATTRIBUTES, 3);
    assert_int_equal(b->rsp[1] & 0xf8000000u, 0xc0000000u);
}

/* Collect a domain's levels page by page; returns the count. */
static unsigned int collect_levels(struct agent *a, struct vscmi_domain *d,
                                   size_t chan, uint32_t virt,
                                   uint32_t *out, unsigned int max,
                                   unsigned int *pages)
{
    unsigned int total = 0, guard;
    uint32_t rx[64], tx[2];
    size_t n;

    *pages = 0;
    for ( guard = 0; guard < 32; guard++ )
    {
        uint32_t ret, rem;

        tx[0] = virt;
        tx[1] = total;
        if ( a )
        {
            assert_int_equal(agent_call(a, P, SCMI_PERF_DESCRIBE_LEVELS, tx, 8),
                             SCMI_SUCCESS);
            n = a->rsp_len;
            memcpy(rx, a->rsp, n);
        }
        else
            assert_int_equal(small_call(d, chan, P, SCMI_PERF_DESCRIBE_LEVELS, tx,
                                        8, rx, &n), SCMI_SUCCESS);
        ret = rx[1] & 0xffff;
        rem = rx[1] >> 16;
        assert_int_equal(n, 8 + 12 * ret);
        assert_true(ret > 0 || rem == 0);
        assert_true(total + ret <= max);
        memcpy(&out[3 * total], &rx[2], 12 * ret);
        total += ret;
        (*pages)++;
        if ( !rem )
            break;
    }
    return total;
}

/* The firmware's own list for @phys. */
static unsigned int fw_levels(struct fixture *f, uint32_t phys, uint32_t *out)
{
    unsigned int total = 0;
    uint32_t rx[32], tx[2];
    size_t n;

    do
    {
        tx[0] = phys;
        tx[1] = total;
        assert_int_equal(fw_direct(f, P, SCMI_PERF_DESCRIBE_LEVELS, tx, 8, rx, &n), 0);
        memcpy(&out[3 * total], &rx[2], 12 * (rx[1] & 0xffff));
        total += rx[1] & 0xffff;
    } while ( rx[1] >> 16 );
    return total;
}

static void test_describe_levels_pages(void **state)
{
    struct fixture *f = *state;
    struct agent *a;
    uint32_t want[3 * 16], got[3 * 16];
    unsigned int nw, ng, pages;

    make_domains(f, &a, NULL);
    nw = fw_levels(f, 0, want);
    assert_int_equal(nw, 10);

    /* guest 1 is fw 0: two firmware pages */
    ng = collect_levels(a, NULL, 0, 1, got, 16, &pages);
    assert_int_equal(ng, nw);
    assert_true(pages >= 2);
    assert_memory_equal(got, want, 12 * nw);
    assert_int_equal(fw_count_of(f, P, SCMI_PERF_DESCRIBE_LEVELS, 0), pages);
    assert_int_equal(fw_count_of(f, P, SCMI_PERF_DESCRIBE_LEVELS, 1), 0);

    /* guest 0 is fw 2, a different list */
    nw = fw_levels(f, 2, want);
    ng = collect_levels(a, NULL, 0, 0, got, 16, &pages);
    assert_int_equal(ng, nw);
    assert_memory_equal(got, want, 12 * nw);
}

static void test_describe_levels_clamped(void **state)
{
    struct fixture *f = *state;
    struct agent *a;
    uint32_t want[3 * 16], got[3 * 16];
    unsigned int nw, ng, pages;

    make_domains(f, &a, NULL);
    nw = fw_levels(f, 0, want);
    /* 44 bytes of payload: 3 levels a page, the rest stays "remaining" */
    ng = collect_levels(NULL, a->d, SMT_HDR_SIZE + 44, 1, got, 16, &pages);
    assert_int_equal(ng, nw);
    assert_int_equal(pages, (nw + 2) / 3);
    assert_memory_equal(got, want, 12 * nw);
}

static void test_limits(void **state)
{
    struct fixture *f = *state;
    struct agent *a, *b;
    uint32_t lv[3 * 16], max, min, max0, min0;
    size_t before;
    unsigned int n;

    make_domains(f, &a, &b);

    /* full grant: reaches fw 2 */
    n = fw_levels(f, 2, lv);
    assert_true(n >= 3);
    assert_int_equal(agent_call3(a, P, SCMI_PERF_LIMITS_SET, 0, lv[3 * (n - 2)],
                                 lv[3]), SCMI_SUCCESS);
    assert_last_fw(f, P, SCMI_PERF_LIMITS_SET, 2);
    simfw_perf_limits(f->fw, 2, &max, &min);
    assert_int_equal(max, lv[3 * (n - 2)]);
    assert_int_equal(min, lv[3]);
    assert_int_equal(agent_call1(a, P, SCMI_PERF_LIMITS_GET, 0), SCMI_SUCCESS);
    assert_last_fw(f, P, SCMI_PERF_LIMITS_GET, 2);
    assert_int_equal(a->rsp_len, 12);
    assert_int_equal(a->rsp[1], max);
    assert_int_equal(a->rsp[2], min);

    /* read-only: DENIED, nothing reaches firmware, reads still work */
    n = fw_levels(f, 0, lv);
    simfw_perf_limits(f->fw, 0, &max0, &min0);
    before = fw_count(f);
    assert_int_equal(agent_call3(a, P, SCMI_PERF_LIMITS_SET, 1, lv[3], lv[0]),
                     SCMI_DENIED);
    assert_int_equal(fw_count(f), before);
    simfw_perf_limits(f->fw, 0, &max, &min);
    assert_int_equal(max, max0);
    assert_int_equal(min, min0);
    assert_int_equal(agent_call1(a, P, SCMI_PERF_LIMITS_GET, 1), SCMI_SUCCESS);
    assert_last_fw(f, P, SCMI_PERF_LIMITS_GET, 0);

    /* shared: the non-owner is refused, the owner reaches fw 3 */
    n = fw_levels(f, 3, lv);
    before = fw_count(f);
    assert_int_equal(agent_call3(a, P, SCMI_PERF_LIMITS_SET, 2, lv[3], lv[0]),
                     SCMI_DENIED);
    assert_int_equal(fw_count(f), before);
    assert_int_equal(agent_call3(b, P, SCMI_PERF_LIMITS_SET, 0, lv[3], lv[0]),
                     SCMI_SUCCESS);
    assert_last_fw(f, P, SCMI_PERF_LIMITS_SET, 3);
    simfw_perf_limits(f->fw, 3, &max, &min);
    assert_int_equal(max, lv[3]);
    assert_int_equal(min, lv[0]);

    /* the firmware's refusal reaches the guest unchanged */
    {
        uint32_t tx[3] = { 2, 12345, 1 }, rx[8];
        size_t len;
        int32_t st = fw_direct(f, P, SCMI_PERF_LIMITS_SET, tx, 12, rx, &len);

        assert_int_not_equal(st, SCMI_SUCCESS);
        assert_int_equal(agent_call3(a, P, SCMI_PERF_LIMITS_SET, 0, 12345, 1),
                         st);
        assert_last_fw(f, P, SCMI_PERF_LIMITS_SET, 2);
    }
}

static void test_level(void **state)
{
    struct fixture *f = *state;
    struct agent *a, *b;
    uint32_t lv[3 * 16], old;
    size_t before;
    unsigned int n;

    make_domains(f, &a, &b);

    n = fw_levels(f, 2, lv);
    assert_int_equal(agent_call2(a, P, SCMI_PERF_LEVEL_SET, 0, lv[3 * (n - 1)]),
                     SCMI_SUCCESS);
    assert_last_fw(f, P, SCMI_PERF_LEVEL_SET, 2);
    assert_int_equal(simfw_perf_level(f->fw, 2), lv[3 * (n - 1)]);
    assert_int_equal(agent_call1(a, P, SCMI_PERF_LEVEL_GET, 0), SCMI_SUCCESS);
    assert_last_fw(f, P, SCMI_PERF_LEVEL_GET, 2);
    assert_int_equal(a->rsp_len, 8);
    assert_int_equal(a->rsp[1], lv[3 * (n - 1)]);

    /* read-only */
    n = fw_levels(f, 0, lv);
    old = simfw_perf_level(f->fw, 0);
    before = fw_count(f);
    assert_int_equal(agent_call2(a, P, SCMI_PERF_LEVEL_SET, 1, lv[0] == old ?
                                 lv[3] : lv[0]), SCMI_DENIED);
    assert_int_equal(fw_count(f), before);
    assert_int_equal(simfw_perf_level(f->fw, 0), old);
    assert_int_equal(agent_call1(a, P, SCMI_PERF_LEVEL_GET, 1), SCMI_SUCCESS);
    assert_int_equal(a->rsp[1], old);
    assert_last_fw(f, P, SCMI_PERF_LEVEL_GET, 0);

    /* shared */
    n = fw_levels(f, 3, lv);
    old = simfw_perf_level(f->fw, 3);
    assert_int_equal(agent_call2(a, P, SCMI_PERF_LEVEL_SET, 2, lv[0] == old ?
                                 lv[3] : lv[0]), SCMI_DENIED);
    assert_int_equal(simfw_perf_level(f->fw, 3), old);
    assert_int_equal(agent_call2(b, P, SCMI_PERF_LEVEL_SET, 0, lv[0] == old ?
                                 lv[3] : lv[0]), SCMI_SUCCESS);
    assert_last_fw(f, P, SCMI_PERF_LEVEL_SET, 3);
    assert_int_not_equal(simfw_perf_level(f->fw, 3), old);

    /* B's full grant guest 1 is fw 1 */
    assert_int_equal(agent_call1(b, P, SCMI_PERF_LEVEL_GET, 1), SCMI_SUCCESS);
    assert_last_fw(f, P, SCMI_PERF_LEVEL_GET, 1);
    assert_int_equal(b->rsp[1], simfw_perf_level(f->fw, 1));
}

static void test_name_get(void **state)
{
    struct fixture *f = *state;
    struct agent *a;
    uint32_t rx[32], tx = 2;
    size_t n;

    make_domains(f, &a, NULL);
    assert_int_equal(fw_direct(f, P, SCMI_PERF_DOMAIN_NAME_GET, &tx, 4, rx, &n), 0);
    assert_int_equal(agent_call1(a, P, SCMI_PERF_DOMAIN_NAME_GET, 0),
                     SCMI_SUCCESS);
    assert_last_fw(f, P, SCMI_PERF_DOMAIN_NAME_GET, 2);
    assert_int_equal(a->rsp_len, 8 + SCMI_EXT_NAME_LEN);
    assert_string_equal((const char *)&a->rsp[2], (const char *)&rx[2]);
    assert_string_equal((const char *)&a->rsp[2], "perf_gpu_domain_extended");
}

static void test_not_granted(void **state)
{
    static const uint8_t msgs[] = {
        SCMI_PERF_DOMAIN_ATTRIBUTES, SCMI_PERF_DESCRIBE_LEVELS,
        SCMI_PERF_LIMITS_SET, SCMI_PERF_LIMITS_GET, SCMI_PERF_LEVEL_SET,
        SCMI_PERF_LEVEL_GET, SCMI_PERF_DOMAIN_NAME_GET,
    };
    static const uint8_t lens[] = { 4, 8, 12, 4, 8, 4, 4 };
    static const uint32_t ids[] = { 3, 4, 0x80000000u, 0xffffffffu };
    struct fixture *f = *state;
    struct agent *a;
    struct vscmi_counters cnt;
    uint32_t tx[3] = { 0, 300000, 300000 };
    unsigned int i, j;

    make_domains(f, &a, NULL);
    for ( i = 0; i < VSCMI_ARRAY_SIZE(msgs); i++ )
        for ( j = 0; j < VSCMI_ARRAY_SIZE(ids); j++ )
        {
            tx[0] = ids[j];
            assert_int_equal(agent_call(a, P, msgs[i], tx, lens[i]),
                             SCMI_NOT_FOUND);
            assert_int_equal(a->rsp_len, 4);
        }
    assert_int_equal(fw_count(f), 0);
    vscmi_domain_counters(a->d, &cnt);
    assert_int_equal(cnt.denied, VSCMI_ARRAY_SIZE(msgs) * VSCMI_ARRAY_SIZE(ids));
}

static void test_refused(void **state)
{
    struct fixture *f = *state;
    struct agent *a;
    uint32_t rx[32], tx[2];
    size_t n;

    make_domains(f, &a, NULL);

    /* the firmware would hand out a fast channel: the guest gets none */
    tx[0] = 2;
    tx[1] = SCMI_PERF_LEVEL_SET;
    assert_int_equal(fw_direct(f, P, SCMI_PERF_DESCRIBE_FASTCHANNEL, tx, 8, rx, &n),
                     SCMI_SUCCESS);
    tx[0] = 0;
    assert_int_equal(agent_call(a, P, SCMI_PERF_DESCRIBE_FASTCHANNEL, tx, 8),
                     SCMI_NOT_SUPPORTED);
    assert_int_equal(a->rsp_len, 4);

    /* notifications, whatever the domain */
    assert_int_equal(agent_call2(a, P, SCMI_PERF_NOTIFY_LIMITS, 0, 1),
                     SCMI_NOT_SUPPORTED);
    assert_int_equal(agent_call2(a, P, SCMI_PERF_NOTIFY_LEVEL, 0, 1),
                     SCMI_NOT_SUPPORTED);
    assert_int_equal(agent_call2(a, P, SCMI_PERF_NOTIFY_LEVEL, 7, 1),
                     SCMI_NOT_SUPPORTED);
    /* messages the protocol does not define */
    assert_int_equal(agent_call1(a, P, 0xd, 0), SCMI_NOT_SUPPORTED);
    assert_int_equal(agent_call1(a, P, 0x11, 0), SCMI_NOT_SUPPORTED);
    assert_int_equal(agent_call1(a, P, 0xff, 0), SCMI_NOT_SUPPORTED);
    assert_int_equal(fw_count(f), 0);
}

static void test_msg_attributes(void **state)
{
    struct fixture *f = *state;
    struct agent *a;
    uint32_t rx[32], tx = SCMI_PERF_LEVEL_SET;
    size_t n;

    make_domains(f, &a, NULL);
    /* firmware says LEVEL_SET has a fast channel; the guest must not see it */
    assert_int_equal(fw_direct(f, P, SCMI_PROTOCOL_MESSAGE_ATTRIBUTES, &tx, 4, rx,
                               &n), SCMI_SUCCESS);
    assert_int_equal(rx[1] & 1, 1);
    assert_int_equal(agent_call1(a, P, SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
                                 SCMI_PERF_LEVEL_SET), SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 8);
    assert_int_equal(a->rsp[1], rx[1] & ~1u);
    assert_int_equal(agent_call1(a, P, SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
                                 SCMI_PERF_LIMITS_GET), SCMI_SUCCESS);
    assert_int_equal(a->rsp[1] & 1, 0);

    /* refused commands do not exist for the guest */
    assert_int_equal(agent_call1(a, P, SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
                                 SCMI_PERF_DESCRIBE_FASTCHANNEL), SCMI_NOT_FOUND);
    assert_int_equal(agent_call1(a, P, SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
                                 SCMI_PERF_NOTIFY_LEVEL), SCMI_NOT_FOUND);
    assert_int_equal(agent_call1(a, P, SCMI_PROTOCOL_MESSAGE_ATTRIBUTES, 0x100),
                     SCMI_NOT_FOUND);
}

static void test_malformed_lengths(void **state)
{
    static const struct { uint8_t msg; uint8_t len; } bad[] = {
        { SCMI_PROTOCOL_VERSION, 4 }, { SCMI_PROTOCOL_ATTRIBUTES, 4 },
        { SCMI_PROTOCOL_MESSAGE_ATTRIBUTES, 0 },
        { SCMI_PERF_DOMAIN_ATTRIBUTES, 0 }, { SCMI_PERF_DOMAIN_ATTRIBUTES, 8 },
        { SCMI_PERF_DESCRIBE_LEVELS, 4 }, { SCMI_PERF_DESCRIBE_LEVELS, 12 },
        { SCMI_PERF_LIMITS_SET, 8 }, { SCMI_PERF_LIMITS_SET, 16 },
        { SCMI_PERF_LIMITS_GET, 8 }, { SCMI_PERF_LEVEL_SET, 4 },
        { SCMI_PERF_LEVEL_SET, 12 }, { SCMI_PERF_LEVEL_GET, 0 },
        { SCMI_PERF_DOMAIN_NAME_GET, 8 },
        { SCMI_NEGOTIATE_PROTOCOL_VERSION, 0 },
    };
    struct fixture *f = *state;
    struct agent *a;
    uint32_t tx[4] = { 0, 300000, 300000, 0 };
    unsigned int i;

    make_domains(f, &a, NULL);
    for ( i = 0; i < VSCMI_ARRAY_SIZE(bad); i++ )
    {
        assert_int_equal(agent_call(a, P, bad[i].msg, tx, bad[i].len),
                         SCMI_PROTOCOL_ERROR);
        assert_int_equal(a->rsp_len, 4);
    }
    assert_int_equal(fw_count(f), 0);
}

static void test_firmware_faults(void **state)
{
    struct fixture *f = *state;
    struct agent *a;

    make_domains(f, &a, NULL);
    /* SUCCESS without the attributes: never passed on as an answer */
    simfw_set_fault(f->fw, SIMFW_FAULT_GARBAGE, 1);
    assert_int_equal(agent_call1(a, P, SCMI_PERF_DOMAIN_ATTRIBUTES, 0),
                     SCMI_GENERIC_ERROR);
    assert_int_equal(a->rsp_len, 4);
    simfw_set_fault(f->fw, SIMFW_FAULT_GARBAGE, 1);
    assert_int_equal(agent_call1(a, P, SCMI_PERF_LEVEL_GET, 0),
                     SCMI_GENERIC_ERROR);
    simfw_set_fault(f->fw, SIMFW_FAULT_BAD_STATUS, 1);
    assert_int_equal(agent_call0(a, P, SCMI_PROTOCOL_ATTRIBUTES),
                     SCMI_GENERIC_ERROR);
    /* and it recovers */
    assert_int_equal(agent_call1(a, P, SCMI_PERF_LEVEL_GET, 0), SCMI_SUCCESS);
    assert_int_equal(a->rsp[1], simfw_perf_level(f->fw, 2));
}

static void test_protocol_not_allowed(void **state)
{
    struct fixture *f = *state;
    struct vscmi_domain_cfg c = { .domid = 3, .name = "noperf",
                                  .protocols = VSCMI_PROTO_BIT(SCMI_PROTO_CLOCK) };
    struct agent *a;

    a = fixture_domain(f, 2, &c);
    simfw_log_clear(f->fw);
    assert_int_equal(agent_call0(a, P, SCMI_PROTOCOL_VERSION), SCMI_NOT_SUPPORTED);
    assert_int_equal(agent_call1(a, P, SCMI_PERF_LEVEL_GET, 0), SCMI_NOT_SUPPORTED);
    assert_int_equal(fw_count(f), 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_version_negotiate),
        T(test_protocol_attributes_counts),
        T(test_domain_attributes),
        T(test_describe_levels_pages),
        T(test_describe_levels_clamped),
        T(test_limits),
        T(test_level),
        T(test_name_get),
        T(test_not_granted),
        T(test_refused),
        T(test_msg_attributes),
        T(test_malformed_lengths),
        T(test_firmware_faults),
        T(test_protocol_not_allowed),
    };

    return cmocka_run_group_tests_name("perf", tests, NULL, NULL);
}
