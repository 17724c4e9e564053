/* SPDX-License-Identifier: MIT */
/*
 * A domain with a dedicated firmware agent channel (cfg.fw):
 * its forwarded messages, votes and teardown releases reach its own
 * channel (a second simfw here) and never the mediator's; policy and
 * translation are unchanged; other domains keep the mediator's channel.
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

/* Firmware ids */
#define CLK_OWN         3       /* dedicated domain: FULL */
#define CLK_RO          6       /* dedicated domain: RO */
#define CLK_SHARED      8       /* both domains: SHARED */
#define PD_OWN          2       /* dedicated domain: FULL */

struct two_fw {
    struct fixture *f;
    struct simfw *fw1;          /* the dedicated agent channel's firmware */
    struct agent *a1;           /* on fw1 */
    struct agent *a0;           /* on the mediator's channel (f->fw) */
};

/* guest 0: CLK_OWN full, 1: CLK_RO ro, 2: CLK_SHARED shared; pd 0: PD_OWN */
static void setup_two(void **state, struct two_fw *t, bool with_other)
{
    static const struct vscmi_grant_cfg clocks[] = {
        GRANT(CLK_OWN, FULL), GRANT(CLK_RO, RO), GRANT(CLK_SHARED, SHARED),
    };
    static const struct vscmi_grant_cfg pds[] = { GRANT(PD_OWN, FULL) };
    static const struct vscmi_grant_cfg other_clocks[] = {
        GRANT(CLK_SHARED, SHARED),
    };
    struct vscmi_domain_cfg cfg = { .domid = 1, .name = "agent1" };
    struct vscmi_domain_cfg other = { .domid = 2, .name = "plain" };

    t->f = *state;
    t->fw1 = simfw_create();
    assert_non_null(t->fw1);
    simfw_log_clear(t->fw1);
    cfg.fw = simfw_fw(t->fw1);
    GRANTS(cfg, SCMI_PROTO_CLOCK, clocks);
    GRANTS(cfg, SCMI_PROTO_POWER, pds);
    t->a1 = fixture_domain(t->f, 0, &cfg);
    t->a0 = NULL;
    if ( with_other )
    {
        GRANTS(other, SCMI_PROTO_CLOCK, other_clocks);
        t->a0 = fixture_domain(t->f, 1, &other);
    }
}

static void teardown_two(struct two_fw *t)
{
    fixture_destroy_domain(t->f, 0);
    fixture_destroy_domain(t->f, 1);
    simfw_destroy(t->fw1);
}

static const struct simfw_rec *last_of(const struct simfw *fw)
{
    size_t n = simfw_log_count(fw);

    return n ? simfw_log_at(fw, n - 1) : NULL;
}

static void assert_last_on(const struct simfw *fw, uint8_t proto, uint8_t msg,
                           uint32_t phys)
{
    const struct simfw_rec *r = last_of(fw);

    assert_non_null(r);
    assert_int_equal(r->proto, proto);
    assert_int_equal(r->msg, msg);
    assert_true(r->has_id);
    assert_int_equal(r->id, phys);
}

/* Creation talks to nobody; forwarded commands reach only the domain's channel. */
static void test_forward_on_own_channel(void **state)
{
    struct two_fw t;
    uint32_t rx[VSCMI_RSP_MAX / 4];
    size_t rx_len;

    setup_two(state, &t, false);
    assert_int_equal(simfw_log_count(t.fw1), 0);
    assert_int_equal(fw_count(t.f), 0);

    /* guest 0 -> firmware clock 3, enabled on fw1 only */
    assert_int_equal(agent_call2(t.a1, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET,
                                 0, SCMI_CLOCK_CONFIG_ENABLE), SCMI_SUCCESS);
    assert_int_equal(simfw_log_count(t.fw1), 1);
    assert_last_on(t.fw1, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, CLK_OWN);
    assert_true(simfw_clock_enabled(t.fw1, CLK_OWN));
    assert_false(simfw_clock_enabled(t.f->fw, CLK_OWN));
    assert_int_equal(fw_count(t.f), 0);

    /* a getter: translated there and back, the answer is fw1's */
    assert_int_equal(agent_call1(t.a1, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES,
                                 0), SCMI_SUCCESS);
    assert_last_on(t.fw1, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES, CLK_OWN);
    assert_int_equal(fw_direct(t.f, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES,
                               (uint32_t[]){ CLK_OWN }, 4, rx, &rx_len),
                     SCMI_SUCCESS);
    assert_memory_equal(&t.a1->rsp[2], &rx[2], SCMI_SHORT_NAME_LEN);
    assert_int_equal(t.a1->rsp[1] & 1, 1);      /* enabled: fw1's state */

    /* the power protocol too: its state word, id in word 1 */
    assert_int_equal(agent_call3(t.a1, SCMI_PROTO_POWER, SCMI_POWER_STATE_SET,
                                 0, 0, SCMI_POWER_STATE_ON), SCMI_SUCCESS);
    assert_last_on(t.fw1, SCMI_PROTO_POWER, SCMI_POWER_STATE_SET, PD_OWN);
    assert_int_equal(simfw_power_state(t.fw1, PD_OWN), SCMI_POWER_STATE_ON);
    assert_int_equal(simfw_power_state(t.f->fw, PD_OWN), SCMI_POWER_STATE_OFF);

    /* emulated BASE and cached versions reach no firmware at all */
    simfw_log_clear(t.fw1);
    assert_int_equal(agent_call0(t.a1, SCMI_PROTO_BASE, SCMI_PROTOCOL_VERSION),
                     SCMI_SUCCESS);
    assert_int_equal(agent_call0(t.a1, SCMI_PROTO_CLOCK, SCMI_PROTOCOL_VERSION),
                     SCMI_SUCCESS);
    assert_int_equal(simfw_log_count(t.fw1), 0);
    assert_int_equal(fw_count(t.f), 0);
    teardown_two(&t);
}

/* Policy still applies in front of the dedicated channel. */
static void test_policy_unchanged(void **state)
{
    struct two_fw t;
    struct vscmi_counters c;

    setup_two(state, &t, false);

    /* ungranted: guest id 3 (and a firmware id used as guest id) */
    assert_int_equal(agent_call2(t.a1, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET,
                                 3, SCMI_CLOCK_CONFIG_ENABLE), SCMI_NOT_FOUND);
    assert_int_equal(agent_call1(t.a1, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES,
                                 CLK_SHARED), SCMI_NOT_FOUND);
    assert_int_equal(agent_call1(t.a1, SCMI_PROTO_RESET,
                                 SCMI_PROTOCOL_VERSION, 0), SCMI_NOT_SUPPORTED);
    /* read-only: no state change */
    assert_int_equal(agent_call2(t.a1, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET,
                                 1, SCMI_CLOCK_CONFIG_ENABLE), SCMI_DENIED);
    assert_int_equal(simfw_log_count(t.fw1), 0);
    assert_int_equal(fw_count(t.f), 0);
    assert_false(simfw_clock_enabled(t.fw1, CLK_RO));
    vscmi_domain_counters(t.a1->d, &c);
    assert_int_equal(c.denied, 3);

    /* the guest's count is its own */
    assert_int_equal(agent_call0(t.a1, SCMI_PROTO_CLOCK,
                                 SCMI_PROTOCOL_ATTRIBUTES), SCMI_SUCCESS);
    assert_int_equal(t.a1->rsp[1] & 0xffff, 3);
    teardown_two(&t);
}

/*
 * A shared clock between a dedicated-channel domain and a plain one.  Each
 * simulated firmware keeps its own state, as firmware that counts per agent
 * does: the shared clock's first enable and last disable both go on the
 * mediator's channel, whoever votes, so it ends off and the dedicated
 * channel never holds it.
 */
static void test_shared_votes_on_one_channel(void **state)
{
    struct two_fw t;

    setup_two(state, &t, true);

    assert_int_equal(agent_call2(t.a1, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET,
                                 2, SCMI_CLOCK_CONFIG_ENABLE), SCMI_SUCCESS);
    assert_last_fw(t.f, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, CLK_SHARED);
    assert_true(simfw_clock_enabled(t.f->fw, CLK_SHARED));
    assert_int_equal(simfw_log_count(t.fw1), 0);

    /* second vote: nothing reaches either firmware */
    assert_int_equal(agent_call2(t.a0, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET,
                                 0, SCMI_CLOCK_CONFIG_ENABLE), SCMI_SUCCESS);
    assert_int_equal(fw_count(t.f), 1);

    /* the dedicated domain leaves first: still voted, nothing sent */
    fixture_destroy_domain(t.f, 0);
    assert_int_equal(fw_count(t.f), 1);
    assert_int_equal(simfw_log_count(t.fw1), 0);

    /* the last vote goes on the same channel as the first */
    assert_int_equal(agent_call2(t.a0, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET,
                                 0, 0), SCMI_SUCCESS);
    assert_int_equal(fw_count(t.f), 2);
    assert_false(simfw_clock_enabled(t.f->fw, CLK_SHARED));
    assert_false(simfw_clock_enabled(t.fw1, CLK_SHARED));
    assert_int_equal(simfw_log_count(t.fw1), 0);
    teardown_two(&t);
}

/*
 * Teardown releases go out where the votes did: the domain's own channel
 * for its exclusive resources, the mediator's for a shared one.
 */
static void test_teardown_on_own_channel(void **state)
{
    struct two_fw t;
    struct vscmi_counters c;

    setup_two(state, &t, false);
    assert_int_equal(agent_call2(t.a1, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET,
                                 0, SCMI_CLOCK_CONFIG_ENABLE), SCMI_SUCCESS);
    assert_int_equal(agent_call2(t.a1, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET,
                                 2, SCMI_CLOCK_CONFIG_ENABLE), SCMI_SUCCESS);
    assert_int_equal(agent_call3(t.a1, SCMI_PROTO_POWER, SCMI_POWER_STATE_SET,
                                 0, 0, SCMI_POWER_STATE_ON), SCMI_SUCCESS);
    vscmi_domain_counters(t.a1->d, &c);
    assert_int_equal(c.votes, 3);
    simfw_log_clear(t.fw1);

    simfw_log_clear(t.f->fw);
    vscmi_domain_teardown(t.a1->d);
    assert_int_equal(simfw_log_count(t.fw1), 2);
    assert_int_equal(fw_count(t.f), 1);
    assert_last_fw(t.f, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, CLK_SHARED);
    assert_false(simfw_clock_enabled(t.fw1, CLK_OWN));
    assert_false(simfw_clock_enabled(t.f->fw, CLK_SHARED));
    assert_int_equal(simfw_power_state(t.fw1, PD_OWN), SCMI_POWER_STATE_OFF);
    vscmi_domain_counters(t.a1->d, &c);
    assert_int_equal(c.votes, 0);
    teardown_two(&t);
}

/* A dead dedicated channel is COMMS_ERROR for that domain alone. */
static void test_channel_failure_is_local(void **state)
{
    struct two_fw t;
    struct vscmi_counters c;

    setup_two(state, &t, true);
    simfw_set_fault(t.fw1, SIMFW_FAULT_SILENT, 1);
    assert_int_equal(agent_call1(t.a1, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES,
                                 0), SCMI_COMMS_ERROR);
    vscmi_domain_counters(t.a1->d, &c);
    assert_int_equal(c.fw_errors, 1);

    assert_int_equal(agent_call1(t.a0, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES,
                                 0), SCMI_SUCCESS);
    assert_last_fw(t.f, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES, CLK_SHARED);
    vscmi_domain_counters(t.a0->d, &c);
    assert_int_equal(c.fw_errors, 0);
    teardown_two(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_forward_on_own_channel, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_policy_unchanged, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_shared_votes_on_one_channel, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_teardown_on_own_channel, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_channel_failure_is_local, fixture_setup, fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
