/* SPDX-License-Identifier: MIT */
/*
 * RESET_DOMAIN mediation: id translation both ways, counts, hidden async
 * and notification bits, who may reset (full, shared owner), refused
 * commands and lengths.
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

#define RST_UART1   1
#define RST_I2C0    2
#define RST_USB     3
#define RST_EMMC    7       /* name longer than 15 characters */

#define AUTONOMOUS  (1u << 0)
#define EXPLICIT    (1u << 1)

/* guest 0: i2c0 FULL, 1: uart1 RO, 2: usb SHARED (not owner) */
static struct agent *guest(struct fixture *f, unsigned int slot)
{
    static const struct vscmi_grant_cfg rsts[] = {
        GRANT(RST_I2C0, FULL), GRANT(RST_UART1, RO), GRANT(RST_USB, SHARED),
    };
    struct vscmi_domain_cfg cfg = { .domid = 1 + slot, .name = "guest" };

    GRANTS(cfg, SCMI_PROTO_RESET, rsts);
    return fixture_domain(f, slot, &cfg);
}

static int32_t reset(struct agent *a, uint32_t id, uint32_t flags)
{
    return agent_call3(a, SCMI_PROTO_RESET, SCMI_RESET, id, flags, 0);
}

static void wrap_answer(void *priv, uint32_t hdr, uint32_t *r, size_t *rx_len,
                        size_t rx_max)
{
    if ( scmi_hdr_proto(hdr) == SCMI_PROTO_RESET && *rx_len >= 8 &&
         r[0] == SCMI_SUCCESS )
    {
        if ( scmi_hdr_msg(hdr) == SCMI_RESET_DOMAIN_ATTRIBUTES )
            r[1] |= 0xe0000000u;                /* async, notify, ext name */
        if ( scmi_hdr_msg(hdr) == SCMI_PROTOCOL_ATTRIBUTES )
            r[1] |= 0x12340000u;                /* reserved */
    }
}

static const struct simfw_hooks wrap_hooks = { .after = wrap_answer };

static void test_protocol_attributes(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);

    assert_int_equal(agent_call0(a, SCMI_PROTO_RESET, SCMI_PROTOCOL_ATTRIBUTES),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 8);
    assert_int_equal(a->rsp[1], 3);
    assert_int_equal(agent_call0(a, SCMI_PROTO_RESET, SCMI_PROTOCOL_VERSION),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp[1], vscmi_fw_version(f->m, SCMI_PROTO_RESET));
}

static void test_hidden_bits(void **state)
{
    struct fixture *f = *state;
    static const struct vscmi_grant_cfg rsts[] = {
        GRANT(RST_USB, FULL), GRANT(RST_EMMC, FULL),
    };
    struct vscmi_domain_cfg cfg = { .domid = 3, .name = "wrapped" };
    struct vscmi_mediator *m;
    struct vscmi_domain *d;
    struct agent *a = calloc(1, sizeof(*a));
    struct vscmi_error err;

    assert_non_null(a);
    simfw_set_hooks(f->fw, &wrap_hooks);
    assert_int_equal(vscmi_mediator_create(simfw_fw(f->fw), &m, &err), VSCMI_OK);
    GRANTS(cfg, SCMI_PROTO_RESET, rsts);
    assert_int_equal(vscmi_domain_create(m, &cfg, &d, &err), VSCMI_OK);
    agent_init(a, d);

    assert_int_equal(agent_call0(a, SCMI_PROTO_RESET, SCMI_PROTOCOL_ATTRIBUTES),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp[1], 2);
    assert_int_equal(agent_call1(a, SCMI_PROTO_RESET,
                                 SCMI_RESET_DOMAIN_ATTRIBUTES, 1), SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 28);
    assert_int_equal(a->rsp[1] & 0xe0000000u, 1u << 29);     /* ext name kept */
    assert_int_equal(a->rsp[2], 100);                        /* latency */

    vscmi_domain_destroy(d);
    vscmi_mediator_destroy(m);
    free(a);
}

static void test_domain_attributes_and_name(void **state)
{
    struct fixture *f = *state;
    static const struct vscmi_grant_cfg rsts[] = { GRANT(RST_EMMC, RO) };
    struct vscmi_domain_cfg cfg = { .domid = 4, .name = "names" };
    struct agent *a;

    GRANTS(cfg, SCMI_PROTO_RESET, rsts);
    a = fixture_domain(f, 0, &cfg);
    assert_int_equal(agent_call1(a, SCMI_PROTO_RESET,
                                 SCMI_RESET_DOMAIN_ATTRIBUTES, 0), SCMI_SUCCESS);
    assert_int_equal(fw_last(f)->id, RST_EMMC);
    assert_int_equal(agent_call1(a, SCMI_PROTO_RESET, SCMI_RESET_DOMAIN_NAME_GET,
                                 0), SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 72);
    assert_string_equal((const char *)&a->rsp[2], simfw_reset_name(RST_EMMC));
    assert_int_equal(fw_last(f)->id, RST_EMMC);
}

static void test_reset_translated(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);

    assert_int_equal(reset(a, 0, AUTONOMOUS), SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 4);
    assert_int_equal(simfw_reset_count(f->fw, RST_I2C0), 1);
    assert_int_equal(simfw_reset_count(f->fw, 0), 0);
    assert_int_equal(fw_last(f)->msg, SCMI_RESET);
    assert_int_equal(fw_last(f)->id, RST_I2C0);

    /* explicit assert, then de-assert */
    assert_int_equal(reset(a, 0, EXPLICIT), SCMI_SUCCESS);
    assert_true(simfw_reset_asserted(f->fw, RST_I2C0));
    assert_int_equal(reset(a, 0, 0), SCMI_SUCCESS);
    assert_false(simfw_reset_asserted(f->fw, RST_I2C0));
    assert_int_equal(simfw_reset_count(f->fw, RST_I2C0), 2);
}

static void test_reset_refused(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);

    assert_int_equal(reset(a, 0, SCMI_RESET_ASYNC | AUTONOMOUS),
                     SCMI_NOT_SUPPORTED);
    assert_int_equal(reset(a, 0, 1u << 3), SCMI_INVALID_PARAMETERS);
    assert_int_equal(reset(a, 1, AUTONOMOUS), SCMI_DENIED);    /* read-only */
    assert_int_equal(reset(a, 2, AUTONOMOUS), SCMI_DENIED);    /* shared */
    assert_int_equal(reset(a, 2, EXPLICIT), SCMI_DENIED);
    assert_int_equal(fw_count(f), 0);
    assert_int_equal(simfw_reset_count(f->fw, RST_USB), 0);
}

static void test_shared_owner_may_reset(void **state)
{
    struct fixture *f = *state;
    struct vscmi_grant_cfg own[] = { GRANT_OWNER(RST_USB) };
    struct vscmi_domain_cfg cfg = { .domid = 5, .name = "owner" };
    struct agent *o;

    guest(f, 0);
    GRANTS(cfg, SCMI_PROTO_RESET, own);
    o = fixture_domain(f, 1, &cfg);
    assert_int_equal(reset(o, 0, AUTONOMOUS), SCMI_SUCCESS);
    assert_int_equal(simfw_reset_count(f->fw, RST_USB), 1);
    assert_int_equal(fw_last(f)->id, RST_USB);
    assert_int_equal(reset(f->ag[0], 2, AUTONOMOUS), SCMI_DENIED);
    assert_int_equal(simfw_reset_count(f->fw, RST_USB), 1);
}

static void test_not_granted(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);
    static const uint32_t ids[] = { 3, 7, 8, 0x80000000u };
    unsigned int i;

    for ( i = 0; i < VSCMI_ARRAY_SIZE(ids); i++ )
    {
        assert_int_equal(agent_call1(a, SCMI_PROTO_RESET,
                                     SCMI_RESET_DOMAIN_ATTRIBUTES, ids[i]),
                         SCMI_NOT_FOUND);
        assert_int_equal(agent_call1(a, SCMI_PROTO_RESET,
                                     SCMI_RESET_DOMAIN_NAME_GET, ids[i]),
                         SCMI_NOT_FOUND);
        assert_int_equal(reset(a, ids[i], AUTONOMOUS), SCMI_NOT_FOUND);
    }
    assert_int_equal(fw_count(f), 0);
}

static void test_not_supported(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);
    static const uint8_t msgs[] = { SCMI_RESET_NOTIFY, 0x7, 0x11, 0xff };
    unsigned int i;

    for ( i = 0; i < VSCMI_ARRAY_SIZE(msgs); i++ )
    {
        assert_int_equal(agent_call2(a, SCMI_PROTO_RESET, msgs[i], 0, 1),
                         SCMI_NOT_SUPPORTED);
        assert_int_equal(agent_call1(a, SCMI_PROTO_RESET,
                                     SCMI_PROTOCOL_MESSAGE_ATTRIBUTES, msgs[i]),
                         SCMI_NOT_FOUND);
    }
    assert_int_equal(fw_count(f), 0);
    assert_int_equal(agent_call1(a, SCMI_PROTO_RESET,
                                 SCMI_PROTOCOL_MESSAGE_ATTRIBUTES, SCMI_RESET),
                     SCMI_SUCCESS);
}

static void test_lengths(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);
    static const struct { uint8_t msg; uint8_t len; } cmds[] = {
        { SCMI_PROTOCOL_VERSION, 0 }, { SCMI_PROTOCOL_ATTRIBUTES, 0 },
        { SCMI_PROTOCOL_MESSAGE_ATTRIBUTES, 4 },
        { SCMI_RESET_DOMAIN_ATTRIBUTES, 4 }, { SCMI_RESET, 12 },
        { SCMI_RESET_DOMAIN_NAME_GET, 4 }, { SCMI_NEGOTIATE_PROTOCOL_VERSION, 4 },
    };
    uint32_t p[8] = { 0, AUTONOMOUS };
    unsigned int i;

    for ( i = 0; i < VSCMI_ARRAY_SIZE(cmds); i++ )
    {
        if ( cmds[i].len )
            assert_int_equal(agent_call(a, SCMI_PROTO_RESET, cmds[i].msg, p,
                                        cmds[i].len - 4), SCMI_PROTOCOL_ERROR);
        assert_int_equal(agent_call(a, SCMI_PROTO_RESET, cmds[i].msg, p,
                                    cmds[i].len + 4), SCMI_PROTOCOL_ERROR);
    }
    assert_int_equal(fw_count(f), 0);
    assert_int_equal(simfw_reset_count(f->fw, RST_I2C0), 0);
}

/*
 * A reset the domain left asserted (explicit assert) is deasserted at
 * teardown; one it cycled or deasserted is left alone.
 */
static void test_teardown_deasserts(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);
    struct vscmi_counters c;

    /* asserted, cycled (which ends the assert): nothing held */
    assert_int_equal(reset(a, 0, EXPLICIT), SCMI_SUCCESS);
    assert_int_equal(reset(a, 0, AUTONOMOUS), SCMI_SUCCESS);
    assert_false(simfw_reset_asserted(f->fw, RST_I2C0));
    vscmi_domain_counters(a->d, &c);
    assert_int_equal(c.votes, 0);

    /* asserted again, and left so */
    assert_int_equal(reset(a, 0, EXPLICIT), SCMI_SUCCESS);
    assert_true(simfw_reset_asserted(f->fw, RST_I2C0));
    vscmi_domain_counters(a->d, &c);
    assert_int_equal(c.votes, 1);

    simfw_log_clear(f->fw);
    vscmi_domain_teardown(a->d);
    assert_false(simfw_reset_asserted(f->fw, RST_I2C0));
    assert_int_equal(fw_count(f), 1);
    assert_last_fw(f, SCMI_PROTO_RESET, SCMI_RESET, RST_I2C0);
    vscmi_domain_counters(a->d, &c);
    assert_int_equal(c.votes, 0);
}

/* Once the release began, a racing call gets no new vote or assert. */
static void test_no_call_after_release(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);

    vscmi_domain_teardown(a->d);
    simfw_log_clear(f->fw);
    assert_int_equal(reset(a, 0, EXPLICIT), SCMI_DENIED);
    assert_int_equal(agent_call0(a, SCMI_PROTO_RESET, SCMI_PROTOCOL_ATTRIBUTES),
                     SCMI_DENIED);
    assert_false(simfw_reset_asserted(f->fw, RST_I2C0));
    assert_int_equal(fw_count(f), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(t) cmocka_unit_test_setup_teardown(t, fixture_setup, fixture_teardown)
        T(test_teardown_deasserts),
        T(test_no_call_after_release),
        T(test_protocol_attributes),
        T(test_hidden_bits),
        T(test_domain_attributes_and_name),
        T(test_reset_translated),
        T(test_reset_refused),
        T(test_shared_owner_may_reset),
        T(test_not_granted),
        T(test_not_supported),
        T(test_lengths),
#undef T
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
