/* SPDX-License-Identifier: MIT */
/*
 * VOLTAGE 0x17 through the mediator: domain ids translated both ways,
 * counts per domain, level pagination (lists and the unsplittable
 * segmented triplet), set policy (read-only, shared owner), asynchronous
 * level set refused, malformed lengths.  Expected values come from asking
 * the simulated firmware directly about the physical domain.
 */
#include <string.h>

#include "fixture.h"
#include <vscmi/smt.h>

#define V SCMI_PROTO_VOLTAGE

/* Domain A: guest 0 -> fw 3 (full, a range), 1 -> fw 0 (read-only, 30
 *           levels), 2 -> fw 1 (shared, not owner).
 * Domain B: guest 0 -> fw 1 (shared owner), 1 -> fw 2 (full). */
static const struct vscmi_grant_cfg grants_a[] = {
    GRANT(3, FULL), GRANT(0, RO), GRANT(1, SHARED),
};
static const struct vscmi_grant_cfg grants_b[] = {
    GRANT_OWNER(1), GRANT(2, FULL),
};

static void make_domains(struct fixture *f, struct agent **a, struct agent **b)
{
    struct vscmi_domain_cfg ca = { .domid = 1, .name = "dom-a",
                                   .protocols = VSCMI_PROTO_BIT(V) };
    struct vscmi_domain_cfg cb = { .domid = 2, .name = "dom-b",
                                   .protocols = VSCMI_PROTO_BIT(V) };

    GRANTS(ca, V, grants_a);
    GRANTS(cb, V, grants_b);
    *a = fixture_domain(f, 0, &ca);
    if ( b )
        *b = fixture_domain(f, 1, &cb);
    simfw_log_clear(f->fw);
}

/* The firmware's own level list for @phys; *flags gets the first word. */
static unsigned int fw_levels(struct fixture *f, uint32_t phys, uint32_t *out,
                              uint32_t *flags)
{
    unsigned int total = 0;
    uint32_t rx[32], tx[2];
    size_t n;

    do
    {
        tx[0] = phys;
        tx[1] = total;
        assert_int_equal(fw_direct(f, V, SCMI_VOLTAGE_DESCRIBE_LEVELS, tx, 8, rx,
                                   &n), 0);
        if ( !total )
            *flags = rx[1];
        memcpy(&out[total], &rx[2], 4 * (rx[1] & 0xfff));
        total += rx[1] & 0xfff;
    } while ( rx[1] >> 16 );
    return total;
}

/* A guest's level list, page by page on a channel of @chan bytes (0: agent). */
static unsigned int guest_levels(struct agent *a, size_t chan, uint32_t virt,
                                 uint32_t *out, unsigned int max,
                                 unsigned int *pages)
{
    unsigned int total = 0, guard;
    uint32_t rx[64], tx[2];
    size_t n;

    *pages = 0;
    for ( guard = 0; guard < 64; guard++ )
    {
        uint32_t ret, rem;

        tx[0] = virt;
        tx[1] = total;
        if ( !chan )
        {
            assert_int_equal(agent_call(a, V, SCMI_VOLTAGE_DESCRIBE_LEVELS, tx,
                                        8), SCMI_SUCCESS);
            n = a->rsp_len;
            memcpy(rx, a->rsp, n);
        }
        else
            assert_int_equal(small_call(a->d, chan, V, SCMI_VOLTAGE_DESCRIBE_LEVELS,
                                        tx, 8, rx, &n), SCMI_SUCCESS);
        ret = rx[1] & 0xfff;
        rem = rx[1] >> 16;
        assert_int_equal(n, 8 + 4 * ret);
        assert_true(ret > 0 || rem == 0);
        assert_true(total + ret <= max);
        memcpy(&out[total], &rx[2], 4 * ret);
        total += ret;
        (*pages)++;
        if ( !rem )
            break;
    }
    return total;
}

static void test_version_negotiate(void **state)
{
    struct fixture *f = *state;
    struct agent *a;
    uint32_t rx[32];
    size_t n;

    make_domains(f, &a, NULL);
    assert_int_equal(fw_direct(f, V, SCMI_PROTOCOL_VERSION, NULL, 0, rx, &n), 0);
    assert_int_equal(agent_call0(a, V, SCMI_PROTOCOL_VERSION), SCMI_SUCCESS);
    assert_int_equal(a->rsp[1], rx[1]);
    assert_int_equal(agent_call1(a, V, SCMI_NEGOTIATE_PROTOCOL_VERSION, rx[1]),
                     SCMI_SUCCESS);
    assert_int_equal(agent_call1(a, V, SCMI_NEGOTIATE_PROTOCOL_VERSION, 0x10000),
                     SCMI_NOT_SUPPORTED);
}

static void test_protocol_attributes(void **state)
{
    struct fixture *f = *state;
    struct agent *a, *b;
    uint32_t rx[32];
    size_t n;

    make_domains(f, &a, &b);
    assert_int_equal(fw_direct(f, V, SCMI_PROTOCOL_ATTRIBUTES, NULL, 0, rx, &n), 0);
    assert_int_equal(rx[1] & 0xffff, SIMFW_NR_VOLTAGE);
    assert_int_equal(agent_call0(a, V, SCMI_PROTOCOL_ATTRIBUTES), SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 8);
    assert_int_equal(a->rsp[1], 3);
    assert_int_equal(agent_call0(b, V, SCMI_PROTOCOL_ATTRIBUTES), SCMI_SUCCESS);
    assert_int_equal(b->rsp[1], 2);
}

static void test_domain_attributes_and_name(void **state)
{
    struct fixture *f = *state;
    struct agent *a;
    uint32_t rx[32], tx;
    size_t n;
    uint32_t i;
    static const uint32_t phys[] = { 3, 0, 1 };

    make_domains(f, &a, NULL);
    for ( i = 0; i < 3; i++ )
    {
        tx = phys[i];
        assert_int_equal(fw_direct(f, V, SCMI_VOLTAGE_DOMAIN_ATTRIBUTES, &tx, 4, rx,
                                   &n), 0);
        assert_int_equal(agent_call1(a, V, SCMI_VOLTAGE_DOMAIN_ATTRIBUTES, i),
                         SCMI_SUCCESS);
        assert_last_fw(f, V, SCMI_VOLTAGE_DOMAIN_ATTRIBUTES, phys[i]);
        assert_int_equal(a->rsp_len, 4 + 4 + SCMI_SHORT_NAME_LEN);
        assert_int_equal(a->rsp[1], rx[1] & ~(1u << 31));
        assert_memory_equal(&a->rsp[2], &rx[2], SCMI_SHORT_NAME_LEN);

        assert_int_equal(fw_direct(f, V, SCMI_VOLTAGE_DOMAIN_NAME_GET, &tx, 4, rx,
                                   &n), 0);
        assert_int_equal(agent_call1(a, V, SCMI_VOLTAGE_DOMAIN_NAME_GET, i),
                         SCMI_SUCCESS);
        assert_last_fw(f, V, SCMI_VOLTAGE_DOMAIN_NAME_GET, phys[i]);
        assert_int_equal(a->rsp_len, 8 + SCMI_EXT_NAME_LEN);
        assert_string_equal((const char *)&a->rsp[2], (const char *)&rx[2]);
    }
    /* guest 0 is the firmware's long-named fw 3 */
    assert_int_equal(agent_call1(a, V, SCMI_VOLTAGE_DOMAIN_NAME_GET, 0),
                     SCMI_SUCCESS);
    assert_string_equal((const char *)&a->rsp[2], "vdd_sram_retention_rail");
}

static void test_describe_levels_list(void **state)
{
    struct fixture *f = *state;
    struct agent *a;
    uint32_t want[64], got[64], flags;
    unsigned int nw, ng, pages;

    make_domains(f, &a, NULL);
    nw = fw_levels(f, 0, want, &flags);
    assert_int_equal(nw, 30);
    assert_false(flags & (1u << 12));

    /* guest 1 is fw 0: the firmware needs two pages */
    ng = guest_levels(a, 0, 1, got, 64, &pages);
    assert_int_equal(ng, nw);
    assert_int_equal(pages, 2);
    assert_memory_equal(got, want, 4 * nw);
    assert_int_equal(fw_count_of(f, V, SCMI_VOLTAGE_DESCRIBE_LEVELS, 0), 2);
    assert_int_equal(fw_count_of(f, V, SCMI_VOLTAGE_DESCRIBE_LEVELS, 1), 0);

    /* 40 bytes of payload: 8 levels a page */
    ng = guest_levels(a, SMT_HDR_SIZE + 40, 1, got, 64, &pages);
    assert_int_equal(ng, nw);
    assert_int_equal(pages, (nw + 7) / 8);
    assert_memory_equal(got, want, 4 * nw);

    /* guest 2 is fw 1, a short list */
    nw = fw_levels(f, 1, want, &flags);
    ng = guest_levels(a, 0, 2, got, 64, &pages);
    assert_int_equal(ng, nw);
    assert_memory_equal(got, want, 4 * nw);
}

static void test_describe_levels_segmented(void **state)
{
    struct fixture *f = *state;
    struct agent *a;
    uint32_t rx[32], tx[2] = { 3, 0 };
    size_t n;

    make_domains(f, &a, NULL);
    assert_int_equal(fw_direct(f, V, SCMI_VOLTAGE_DESCRIBE_LEVELS, tx, 8, rx, &n), 0);
    assert_int_equal(rx[1], 3 | (1u << 12));

    /* guest 0 is fw 3: the triplet as the firmware gave it */
    assert_int_equal(agent_call2(a, V, SCMI_VOLTAGE_DESCRIBE_LEVELS, 0, 0),
                     SCMI_SUCCESS);
    assert_last_fw(f, V, SCMI_VOLTAGE_DESCRIBE_LEVELS, 3);
    assert_int_equal(a->rsp_len, 20);
    assert_memory_equal(a->rsp, rx, 20);

    /* exactly enough room */
    tx[0] = 0;
    assert_int_equal(small_call(a->d, SMT_HDR_SIZE + 20, V,
                                SCMI_VOLTAGE_DESCRIBE_LEVELS, tx, 8, rx, &n),
                     SCMI_SUCCESS);
    assert_int_equal(n, 20);
    assert_int_equal(rx[1], 3 | (1u << 12));
    /* a triplet is never split: a smaller channel gets an error */
    assert_int_equal(small_call(a->d, SMT_HDR_SIZE + 16, V,
                                SCMI_VOLTAGE_DESCRIBE_LEVELS, tx, 8, rx, &n),
                     SCMI_GENERIC_ERROR);
    assert_int_equal(n, 4);
}

static void test_level_set(void **state)
{
    struct fixture *f = *state;
    struct agent *a, *b;
    uint32_t lv[64], flags;
    int32_t old;
    size_t before;
    unsigned int n;

    make_domains(f, &a, &b);

    /* full grant on fw 3, a range: lowest + 2 steps */
    fw_levels(f, 3, lv, &flags);
    assert_int_equal(agent_call3(a, V, SCMI_VOLTAGE_LEVEL_SET, 0, 0,
                                 lv[0] + 2 * lv[2]), SCMI_SUCCESS);
    assert_last_fw(f, V, SCMI_VOLTAGE_LEVEL_SET, 3);
    assert_int_equal(simfw_voltage_level(f->fw, 3), (int32_t)(lv[0] + 2 * lv[2]));
    assert_int_equal(agent_call1(a, V, SCMI_VOLTAGE_LEVEL_GET, 0), SCMI_SUCCESS);
    assert_last_fw(f, V, SCMI_VOLTAGE_LEVEL_GET, 3);
    assert_int_equal(a->rsp_len, 8);
    assert_int_equal(a->rsp[1], lv[0] + 2 * lv[2]);
    /* off the step: the firmware's refusal */
    assert_int_equal(agent_call3(a, V, SCMI_VOLTAGE_LEVEL_SET, 0, 0, lv[0] + 1),
                     SCMI_OUT_OF_RANGE);
    assert_last_fw(f, V, SCMI_VOLTAGE_LEVEL_SET, 3);

    /* asynchronous: refused before firmware, level unchanged */
    old = simfw_voltage_level(f->fw, 3);
    before = fw_count(f);
    assert_int_equal(agent_call3(a, V, SCMI_VOLTAGE_LEVEL_SET, 0, 1, lv[0]),
                     SCMI_NOT_SUPPORTED);
    assert_int_equal(fw_count(f), before);
    assert_int_equal(simfw_voltage_level(f->fw, 3), old);

    /* read-only fw 0: get works, set is DENIED */
    n = fw_levels(f, 0, lv, &flags);
    old = simfw_voltage_level(f->fw, 0);
    before = fw_count(f);
    assert_int_equal(agent_call3(a, V, SCMI_VOLTAGE_LEVEL_SET, 1, 0,
                                 lv[n - 1]), SCMI_DENIED);
    assert_int_equal(fw_count(f), before);
    assert_int_equal(simfw_voltage_level(f->fw, 0), old);
    assert_int_equal(agent_call1(a, V, SCMI_VOLTAGE_LEVEL_GET, 1), SCMI_SUCCESS);
    assert_last_fw(f, V, SCMI_VOLTAGE_LEVEL_GET, 0);
    assert_int_equal((int32_t)a->rsp[1], old);

    /* shared fw 1: DENIED to the non-owner, the owner sets it */
    n = fw_levels(f, 1, lv, &flags);
    old = simfw_voltage_level(f->fw, 1);
    assert_int_not_equal((int32_t)lv[n - 1], old);
    assert_int_equal(agent_call3(a, V, SCMI_VOLTAGE_LEVEL_SET, 2, 0, lv[n - 1]),
                     SCMI_DENIED);
    assert_int_equal(simfw_voltage_level(f->fw, 1), old);
    assert_int_equal(agent_call3(b, V, SCMI_VOLTAGE_LEVEL_SET, 0, 0, lv[n - 1]),
                     SCMI_SUCCESS);
    assert_last_fw(f, V, SCMI_VOLTAGE_LEVEL_SET, 1);
    assert_int_equal(simfw_voltage_level(f->fw, 1), (int32_t)lv[n - 1]);
}

static void test_config(void **state)
{
    struct fixture *f = *state;
    struct agent *a, *b;
    uint32_t old;
    size_t before;

    make_domains(f, &a, &b);

    /* full: fw 3 off, then on again */
    assert_int_equal(agent_call2(a, V, SCMI_VOLTAGE_CONFIG_SET, 0, 0),
                     SCMI_SUCCESS);
    assert_last_fw(f, V, SCMI_VOLTAGE_CONFIG_SET, 3);
    assert_int_equal(simfw_voltage_config(f->fw, 3), 0);
    assert_int_equal(agent_call2(a, V, SCMI_VOLTAGE_CONFIG_SET, 0, 7),
                     SCMI_SUCCESS);
    assert_int_equal(simfw_voltage_config(f->fw, 3), 7);
    assert_int_equal(agent_call1(a, V, SCMI_VOLTAGE_CONFIG_GET, 0), SCMI_SUCCESS);
    assert_last_fw(f, V, SCMI_VOLTAGE_CONFIG_GET, 3);
    assert_int_equal(a->rsp_len, 8);
    assert_int_equal(a->rsp[1], 7);

    /* read-only and shared non-owner: DENIED, nothing reaches firmware */
    old = simfw_voltage_config(f->fw, 0);
    before = fw_count(f);
    assert_int_equal(agent_call2(a, V, SCMI_VOLTAGE_CONFIG_SET, 1, old ? 0 : 7),
                     SCMI_DENIED);
    assert_int_equal(agent_call2(a, V, SCMI_VOLTAGE_CONFIG_SET, 2, 0),
                     SCMI_DENIED);
    assert_int_equal(fw_count(f), before);
    assert_int_equal(simfw_voltage_config(f->fw, 0), old);
    assert_int_equal(agent_call1(a, V, SCMI_VOLTAGE_CONFIG_GET, 1), SCMI_SUCCESS);
    assert_last_fw(f, V, SCMI_VOLTAGE_CONFIG_GET, 0);
    assert_int_equal(a->rsp[1], old);

    /* the owner */
    assert_int_equal(agent_call2(b, V, SCMI_VOLTAGE_CONFIG_SET, 0, 0),
                     SCMI_SUCCESS);
    assert_last_fw(f, V, SCMI_VOLTAGE_CONFIG_SET, 1);
    assert_int_equal(simfw_voltage_config(f->fw, 1), 0);
}

static void test_not_granted(void **state)
{
    static const uint8_t msgs[] = {
        SCMI_VOLTAGE_DOMAIN_ATTRIBUTES, SCMI_VOLTAGE_DESCRIBE_LEVELS,
        SCMI_VOLTAGE_CONFIG_SET, SCMI_VOLTAGE_CONFIG_GET,
        SCMI_VOLTAGE_LEVEL_SET, SCMI_VOLTAGE_LEVEL_GET,
        SCMI_VOLTAGE_DOMAIN_NAME_GET,
    };
    static const uint8_t lens[] = { 4, 8, 8, 4, 12, 4, 4 };
    static const uint32_t ids[] = { 3, 4, 0x7fffffffu, 0xffffffffu };
    struct fixture *f = *state;
    struct agent *a;
    uint32_t tx[3] = { 0, 0, 800000 };
    unsigned int i, j;

    make_domains(f, &a, NULL);
    for ( i = 0; i < VSCMI_ARRAY_SIZE(msgs); i++ )
        for ( j = 0; j < VSCMI_ARRAY_SIZE(ids); j++ )
        {
            tx[0] = ids[j];
            assert_int_equal(agent_call(a, V, msgs[i], tx, lens[i]),
                             SCMI_NOT_FOUND);
            assert_int_equal(a->rsp_len, 4);
        }
    assert_int_equal(fw_count(f), 0);
}

static void test_refused_and_msg_attributes(void **state)
{
    struct fixture *f = *state;
    struct agent *a;
    uint8_t msg;

    make_domains(f, &a, NULL);
    for ( msg = SCMI_VOLTAGE_DOMAIN_NAME_GET + 1; msg < 0x20; msg++ )
        if ( msg != SCMI_NEGOTIATE_PROTOCOL_VERSION )
            assert_int_equal(agent_call1(a, V, msg, 0), SCMI_NOT_SUPPORTED);
    assert_int_equal(agent_call1(a, V, 0xff, 0), SCMI_NOT_SUPPORTED);
    assert_int_equal(fw_count(f), 0);

    assert_int_equal(agent_call1(a, V, SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
                                 SCMI_VOLTAGE_LEVEL_SET), SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 8);
    assert_int_equal(agent_call1(a, V, SCMI_PROTOCOL_MESSAGE_ATTRIBUTES, 0xa),
                     SCMI_NOT_FOUND);
}

static void test_malformed_lengths(void **state)
{
    static const struct { uint8_t msg; uint8_t len; } bad[] = {
        { SCMI_PROTOCOL_VERSION, 8 }, { SCMI_PROTOCOL_ATTRIBUTES, 4 },
        { SCMI_VOLTAGE_DOMAIN_ATTRIBUTES, 0 },
        { SCMI_VOLTAGE_DESCRIBE_LEVELS, 4 },
        { SCMI_VOLTAGE_CONFIG_SET, 4 }, { SCMI_VOLTAGE_CONFIG_SET, 12 },
        { SCMI_VOLTAGE_CONFIG_GET, 8 }, { SCMI_VOLTAGE_LEVEL_SET, 8 },
        { SCMI_VOLTAGE_LEVEL_SET, 16 }, { SCMI_VOLTAGE_LEVEL_GET, 0 },
        { SCMI_VOLTAGE_DOMAIN_NAME_GET, 8 },
    };
    struct fixture *f = *state;
    struct agent *a;
    uint32_t tx[4] = { 0, 0, 800000, 0 };
    unsigned int i;

    make_domains(f, &a, NULL);
    for ( i = 0; i < VSCMI_ARRAY_SIZE(bad); i++ )
    {
        assert_int_equal(agent_call(a, V, bad[i].msg, tx, bad[i].len),
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
    simfw_set_fault(f->fw, SIMFW_FAULT_GARBAGE, 1);
    assert_int_equal(agent_call1(a, V, SCMI_VOLTAGE_DOMAIN_ATTRIBUTES, 0),
                     SCMI_GENERIC_ERROR);
    assert_int_equal(a->rsp_len, 4);
    simfw_set_fault(f->fw, SIMFW_FAULT_GARBAGE, 1);
    assert_int_equal(agent_call2(a, V, SCMI_VOLTAGE_DESCRIBE_LEVELS, 1, 0),
                     SCMI_GENERIC_ERROR);
    simfw_set_fault(f->fw, SIMFW_FAULT_BAD_STATUS, 1);
    assert_int_equal(agent_call1(a, V, SCMI_VOLTAGE_LEVEL_GET, 0),
                     SCMI_GENERIC_ERROR);
    assert_int_equal(agent_call1(a, V, SCMI_VOLTAGE_LEVEL_GET, 0), SCMI_SUCCESS);
    assert_int_equal((int32_t)a->rsp[1], simfw_voltage_level(f->fw, 3));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_version_negotiate),
        T(test_protocol_attributes),
        T(test_domain_attributes_and_name),
        T(test_describe_levels_list),
        T(test_describe_levels_segmented),
        T(test_level_set),
        T(test_config),
        T(test_not_granted),
        T(test_refused_and_msg_attributes),
        T(test_malformed_lengths),
        T(test_firmware_faults),
    };

    return cmocka_run_group_tests_name("voltage", tests, NULL, NULL);
}
