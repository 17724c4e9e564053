/* SPDX-License-Identifier: MIT */
/* BASE protocol, emulated per domain. */
#include <string.h>

#include "fixture.h"
#include <vscmi/smt.h>

static struct agent *two_protocols(struct fixture *f)
{
    static const struct vscmi_grant_cfg clocks[] = { GRANT(1, FULL) };
    static const struct vscmi_grant_cfg resets[] = { GRANT(3, FULL) };
    struct vscmi_domain_cfg cfg = { .domid = 7, .name = "domU7" };

    GRANTS(cfg, SCMI_PROTO_CLOCK, clocks);
    GRANTS(cfg, SCMI_PROTO_RESET, resets);
    return fixture_domain(f, 0, &cfg);
}

static void test_version_and_vendor(void **state)
{
    struct fixture *f = *state;
    struct agent *a = two_protocols(f);

    assert_int_equal(agent_call0(a, SCMI_PROTO_BASE, SCMI_PROTOCOL_VERSION), 0);
    assert_int_equal(a->rsp[1], vscmi_fw_version(f->m, SCMI_PROTO_BASE));
    assert_int_not_equal(a->rsp[1], 0);

    assert_int_equal(agent_call0(a, SCMI_PROTO_BASE, SCMI_BASE_DISCOVER_VENDOR), 0);
    assert_int_equal(a->rsp_len, 4 + SCMI_SHORT_NAME_LEN);
    assert_string_equal((const char *)&a->rsp[1], SIMFW_VENDOR);
    assert_int_equal(agent_call0(a, SCMI_PROTO_BASE, SCMI_BASE_DISCOVER_SUB_VENDOR), 0);
    assert_string_equal((const char *)&a->rsp[1], SIMFW_SUB_VENDOR);
    assert_int_equal(agent_call0(a, SCMI_PROTO_BASE,
                                 SCMI_BASE_DISCOVER_IMPLEMENTATION_VERSION), 0);
    assert_int_equal(a->rsp[1], SIMFW_IMPL_VERSION);
    /* all of it emulated: nothing reached firmware */
    assert_int_equal(fw_count(f), 0);
}

static void test_attributes_count_own_protocols(void **state)
{
    struct fixture *f = *state;
    struct agent *a = two_protocols(f);

    assert_int_equal(agent_call0(a, SCMI_PROTO_BASE, SCMI_PROTOCOL_ATTRIBUTES), 0);
    assert_int_equal(a->rsp[1] & 0xff, 2);          /* clock and reset */
    assert_int_equal((a->rsp[1] >> 8) & 0xff, 1);   /* itself */
}

static void test_list_protocols(void **state)
{
    struct fixture *f = *state;
    struct agent *a = two_protocols(f);
    const uint8_t *ids = (const uint8_t *)&a->rsp[2];

    assert_int_equal(agent_call1(a, SCMI_PROTO_BASE,
                                 SCMI_BASE_DISCOVER_LIST_PROTOCOLS, 0), 0);
    assert_int_equal(a->rsp[1], 2);
    assert_int_equal(ids[0], SCMI_PROTO_CLOCK);
    assert_int_equal(ids[1], SCMI_PROTO_RESET);
    assert_int_equal(ids[2], 0);
    assert_int_equal(a->rsp_len, 12);

    assert_int_equal(agent_call1(a, SCMI_PROTO_BASE,
                                 SCMI_BASE_DISCOVER_LIST_PROTOCOLS, 1), 0);
    assert_int_equal(a->rsp[1], 1);
    assert_int_equal(ids[0], SCMI_PROTO_RESET);
    assert_int_equal(agent_call1(a, SCMI_PROTO_BASE,
                                 SCMI_BASE_DISCOVER_LIST_PROTOCOLS, 2), 0);
    assert_int_equal(a->rsp[1], 0);
    assert_int_equal(agent_call1(a, SCMI_PROTO_BASE,
                                 SCMI_BASE_DISCOVER_LIST_PROTOCOLS, 3),
                     SCMI_INVALID_PARAMETERS);
    assert_int_equal(agent_call1(a, SCMI_PROTO_BASE,
                                 SCMI_BASE_DISCOVER_LIST_PROTOCOLS, 0xffffffff),
                     SCMI_INVALID_PARAMETERS);
}

/* A channel too small for the count word gets an error, not a cut list. */
static void test_list_protocols_tiny_channel(void **state)
{
    struct fixture *f = *state;
    struct agent *a = two_protocols(f);
    uint32_t skip = 0, rx[8];
    size_t len;

    assert_int_equal(small_call(a->d, SMT_HDR_SIZE + 4, SCMI_PROTO_BASE,
                                SCMI_BASE_DISCOVER_LIST_PROTOCOLS, &skip,
                                sizeof(skip), rx, &len),
                     SCMI_GENERIC_ERROR);
    assert_int_equal(len, 4);
}

static void test_discover_agent(void **state)
{
    struct fixture *f = *state;
    struct agent *a = two_protocols(f);

    assert_int_equal(agent_call1(a, SCMI_PROTO_BASE, SCMI_BASE_DISCOVER_AGENT,
                                 0xffffffff), 0);
    assert_int_equal(a->rsp[1], 1);
    assert_string_equal((const char *)&a->rsp[2], "domU7");
    assert_int_equal(agent_call1(a, SCMI_PROTO_BASE, SCMI_BASE_DISCOVER_AGENT, 0), 0);
    assert_string_equal((const char *)&a->rsp[2], "platform");
    /* other domains are not agents this guest can see */
    assert_int_equal(agent_call1(a, SCMI_PROTO_BASE, SCMI_BASE_DISCOVER_AGENT, 2),
                     SCMI_NOT_FOUND);
}

static void test_permission_commands_denied(void **state)
{
    struct fixture *f = *state;
    struct agent *a = two_protocols(f);
    struct vscmi_counters c;

    assert_int_equal(agent_call3(a, SCMI_PROTO_BASE,
                                 SCMI_BASE_SET_DEVICE_PERMISSIONS, 1, 0, 1),
                     SCMI_DENIED);
    {
        uint32_t args[4] = { 1, 0, SCMI_PROTO_CLOCK, 1 };

        assert_int_equal(agent_call(a, SCMI_PROTO_BASE,
                                    SCMI_BASE_SET_PROTOCOL_PERMISSIONS, args,
                                    sizeof(args)),
                         SCMI_DENIED);
    }
    assert_int_equal(agent_call2(a, SCMI_PROTO_BASE,
                                 SCMI_BASE_RESET_AGENT_CONFIGURATION, 1, 1),
                     SCMI_DENIED);
    vscmi_domain_counters(a->d, &c);
    assert_int_equal(c.denied, 3);
    /* and they are not advertised */
    assert_int_equal(agent_call1(a, SCMI_PROTO_BASE,
                                 SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
                                 SCMI_BASE_SET_DEVICE_PERMISSIONS),
                     SCMI_NOT_FOUND);
    assert_int_equal(agent_call1(a, SCMI_PROTO_BASE,
                                 SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
                                 SCMI_BASE_DISCOVER_AGENT), 0);
    assert_int_equal(agent_call1(a, SCMI_PROTO_BASE,
                                 SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
                                 SCMI_BASE_NOTIFY_ERRORS), SCMI_NOT_FOUND);
    assert_int_equal(agent_call1(a, SCMI_PROTO_BASE, SCMI_BASE_NOTIFY_ERRORS, 1),
                     SCMI_NOT_SUPPORTED);
    assert_int_equal(fw_count(f), 0);
}

static void test_negotiate(void **state)
{
    struct fixture *f = *state;
    struct agent *a = two_protocols(f);
    uint32_t v = vscmi_fw_version(f->m, SCMI_PROTO_BASE);

    assert_int_equal(agent_call1(a, SCMI_PROTO_BASE,
                                 SCMI_NEGOTIATE_PROTOCOL_VERSION, v), 0);
    assert_int_equal(agent_call1(a, SCMI_PROTO_BASE,
                                 SCMI_NEGOTIATE_PROTOCOL_VERSION, v - 1),
                     SCMI_NOT_SUPPORTED);
    assert_int_equal(fw_count(f), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_version_and_vendor, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_attributes_count_own_protocols, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_list_protocols, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_list_protocols_tiny_channel, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_discover_agent, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_permission_commands_denied, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_negotiate, fixture_setup, fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
