/* SPDX-License-Identifier: MIT */
/*
 * SYSTEM_POWER mediation: the privileged domain may shut down / reset the
 * machine; nobody else ever reaches firmware with it.  Refused commands
 * and lengths.
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "private.h"

#define GRACEFUL        1u
#define SHUTDOWN        0u
#define COLD_RESET      1u
#define SUSPEND         4u
#define VENDOR_STATE    0x80000001u

static struct agent *domain(struct fixture *f, unsigned int slot, bool privileged)
{
    static const struct vscmi_grant_cfg clocks[] = { GRANT(2, FULL) };
    struct vscmi_domain_cfg cfg = {
        .domid = 1 + slot, .name = privileged ? "ctl" : "guest",
        .protocols = VSCMI_PROTO_BIT(SCMI_PROTO_SYSTEM),
        .privileged = privileged,
    };

    GRANTS(cfg, SCMI_PROTO_CLOCK, clocks);
    return fixture_domain(f, slot, &cfg);
}

static int32_t state_set(struct agent *a, uint32_t flags, uint32_t st)
{
    return agent_call2(a, SCMI_PROTO_SYSTEM, SCMI_SYSTEM_POWER_STATE_SET, flags, st);
}

static unsigned int sys_msgs(const struct fixture *f)
{
    size_t i, n = fw_count(f);
    unsigned int hits = 0;

    for ( i = 0; i < n; i++ )
        hits += simfw_log_at(f->fw, i)->proto == SCMI_PROTO_SYSTEM;
    return hits;
}

static void test_privileged_discovery(void **state)
{
    struct fixture *f = *state;
    struct agent *a = domain(f, 0, true);

    assert_int_equal(agent_call0(a, SCMI_PROTO_SYSTEM, SCMI_PROTOCOL_VERSION),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp[1], vscmi_fw_version(f->m, SCMI_PROTO_SYSTEM));
    assert_int_equal(agent_call0(a, SCMI_PROTO_SYSTEM, SCMI_PROTOCOL_ATTRIBUTES),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 8);
    assert_int_equal(a->rsp[1], (1u << 31) | (1u << 30));   /* warm, suspend */
    assert_int_equal(agent_call1(a, SCMI_PROTO_SYSTEM,
                                 SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
                                 SCMI_SYSTEM_POWER_STATE_SET), SCMI_SUCCESS);
    assert_int_equal(agent_call1(a, SCMI_PROTO_SYSTEM,
                                 SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
                                 SCMI_SYSTEM_POWER_STATE_NOTIFY), SCMI_NOT_FOUND);
}

static void test_privileged_state_set_get(void **state)
{
    struct fixture *f = *state;
    struct agent *a = domain(f, 0, true);

    assert_int_equal(state_set(a, GRACEFUL, SUSPEND), SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 4);
    assert_int_equal(simfw_system_state(f->fw), SUSPEND);
    assert_int_equal(fw_last(f)->msg, SCMI_SYSTEM_POWER_STATE_SET);
    assert_int_equal(fw_last(f)->tx_len, 8);

    assert_int_equal(agent_call0(a, SCMI_PROTO_SYSTEM,
                                 SCMI_SYSTEM_POWER_STATE_GET), SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 8);
    assert_int_equal(a->rsp[1], SUSPEND);

    assert_int_equal(state_set(a, 0, COLD_RESET), SCMI_SUCCESS);
    assert_int_equal(simfw_system_state(f->fw), COLD_RESET);

    /* vendor states go to firmware, which decides (simfw has none) */
    assert_int_equal(state_set(a, 0, VENDOR_STATE), SCMI_INVALID_PARAMETERS);
    assert_int_equal(sys_msgs(f), 4);
    assert_int_equal(simfw_system_state(f->fw), COLD_RESET);
}

static void test_privileged_bad_parameters(void **state)
{
    struct fixture *f = *state;
    struct agent *a = domain(f, 0, true);

    assert_int_equal(state_set(a, 2, SHUTDOWN), SCMI_INVALID_PARAMETERS);
    assert_int_equal(state_set(a, 0x80000000u, SHUTDOWN), SCMI_INVALID_PARAMETERS);
    assert_int_equal(state_set(a, GRACEFUL, 5), SCMI_INVALID_PARAMETERS);
    assert_int_equal(state_set(a, GRACEFUL, 0x7fffffffu), SCMI_INVALID_PARAMETERS);
    assert_int_equal(sys_msgs(f), 0);
    assert_int_equal(simfw_system_state(f->fw), 3);         /* still up */
}

/* Allowed the protocol but not privileged: it sees it, and is denied. */
static void test_unprivileged_denied(void **state)
{
    struct fixture *f = *state;
    struct agent *a = domain(f, 0, false);
    struct vscmi_counters cnt;

    assert_int_equal(agent_call0(a, SCMI_PROTO_SYSTEM, SCMI_PROTOCOL_VERSION),
                     SCMI_SUCCESS);
    assert_int_equal(agent_call0(a, SCMI_PROTO_SYSTEM, SCMI_SYSTEM_POWER_STATE_GET),
                     SCMI_DENIED);
    assert_int_equal(state_set(a, GRACEFUL, SHUTDOWN), SCMI_DENIED);
    vscmi_domain_counters(a->d, &cnt);
    assert_int_equal(cnt.denied, 2);
    assert_int_equal(sys_msgs(f), 0);
    assert_int_equal(simfw_system_state(f->fw), 3);
}

/* Not allowed the protocol at all: it is hidden. */
static void test_not_allowed_hidden(void **state)
{
    struct fixture *f = *state;
    static const struct vscmi_grant_cfg clocks[] = { GRANT(0, FULL) };
    struct vscmi_domain_cfg cfg = { .domid = 6 };
    struct agent *a;
    unsigned int i;

    GRANTS(cfg, SCMI_PROTO_CLOCK, clocks);
    a = fixture_domain(f, 0, &cfg);
    assert_int_equal(agent_call0(a, SCMI_PROTO_SYSTEM, SCMI_PROTOCOL_VERSION),
                     SCMI_NOT_SUPPORTED);
    assert_int_equal(state_set(a, GRACEFUL, SHUTDOWN), SCMI_NOT_SUPPORTED);
    assert_int_equal(agent_call1(a, SCMI_PROTO_BASE,
                                 SCMI_BASE_DISCOVER_LIST_PROTOCOLS, 0),
                     SCMI_SUCCESS);
    for ( i = 0; i < a->rsp[1]; i++ )
        assert_int_not_equal(((const uint8_t *)&a->rsp[2])[i], SCMI_PROTO_SYSTEM);
    assert_int_equal(sys_msgs(f), 0);
}

static void test_not_supported(void **state)
{
    struct fixture *f = *state;
    struct agent *a = domain(f, 0, true);
    static const uint8_t msgs[] = { SCMI_SYSTEM_POWER_STATE_NOTIFY, 0x6, 0xff };
    unsigned int i;

    for ( i = 0; i < VSCMI_ARRAY_SIZE(msgs); i++ )
        assert_int_equal(agent_call1(a, SCMI_PROTO_SYSTEM, msgs[i], 1),
                         SCMI_NOT_SUPPORTED);
    assert_int_equal(sys_msgs(f), 0);
}

static void test_lengths(void **state)
{
    struct fixture *f = *state;
    struct agent *a = domain(f, 0, true);
    static const struct { uint8_t msg; uint8_t len; } cmds[] = {
        { SCMI_PROTOCOL_VERSION, 0 }, { SCMI_PROTOCOL_ATTRIBUTES, 0 },
        { SCMI_PROTOCOL_MESSAGE_ATTRIBUTES, 4 },
        { SCMI_SYSTEM_POWER_STATE_SET, 8 }, { SCMI_SYSTEM_POWER_STATE_GET, 0 },
        { SCMI_NEGOTIATE_PROTOCOL_VERSION, 4 },
    };
    uint32_t p[4] = { GRACEFUL, SHUTDOWN };
    unsigned int i;

    for ( i = 0; i < VSCMI_ARRAY_SIZE(cmds); i++ )
    {
        if ( cmds[i].len )
            assert_int_equal(agent_call(a, SCMI_PROTO_SYSTEM, cmds[i].msg, p,
                                        cmds[i].len - 4), SCMI_PROTOCOL_ERROR);
        assert_int_equal(agent_call(a, SCMI_PROTO_SYSTEM, cmds[i].msg, p,
                                    cmds[i].len + 4), SCMI_PROTOCOL_ERROR);
    }
    assert_int_equal(sys_msgs(f), 0);
    assert_int_equal(simfw_system_state(f->fw), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(t) cmocka_unit_test_setup_teardown(t, fixture_setup, fixture_teardown)
        T(test_privileged_discovery),
        T(test_privileged_state_set_get),
        T(test_privileged_bad_parameters),
        T(test_unprivileged_denied),
        T(test_not_allowed_hidden),
        T(test_not_supported),
        T(test_lengths),
#undef T
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
