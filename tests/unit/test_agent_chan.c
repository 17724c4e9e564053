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
    struct vscmi_agent *agent1; /* its view, discovered */
    struct agent *a1;           /* on fw1 */
    struct agent *a0;           /* on the mediator's channel (f->fw) */
};

/*
 * The agent channel's firmware, with the agent's view of clocks and power
 * domains (NULL: the platform's own numbering), discovered; both logs
 * cleared after discovery.
 */
static void setup_agent(void **state, struct two_fw *t,
                        const uint32_t *clk_view, uint32_t nr_clk,
                        const uint32_t *pd_view, uint32_t nr_pd)
{
    struct vscmi_error err;

    t->f = *state;
    t->fw1 = simfw_create();
    assert_non_null(t->fw1);
    assert_true(simfw_set_view(t->fw1, SCMI_PROTO_CLOCK, clk_view, nr_clk));
    assert_true(simfw_set_view(t->fw1, SCMI_PROTO_POWER, pd_view, nr_pd));
    assert_int_equal(vscmi_agent_create(t->f->m, simfw_fw(t->fw1), &t->agent1,
                                        &err), VSCMI_OK);
    simfw_log_clear(t->fw1);
    simfw_log_clear(t->f->fw);
    t->a0 = t->a1 = NULL;
}

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

    setup_agent(state, t, NULL, 0, NULL, 0);
    cfg.agent = t->agent1;
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
    vscmi_agent_destroy(t->agent1);
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

/*
 * Firmware that numbers an agent's resources its own way (SCP-firmware's
 * per-agent tables): the agent channel's simfw shows its agent 5 of the 16
 * clocks and 2 of the 8 power domains, renumbered.  Messages about the
 * domain's full grants reach it with the agent's ids, matched by name at
 * discovery; its ro and shared grants stay the mediator's agent's.
 */
static const uint32_t clk_view[] = { 12, CLK_OWN, 9, CLK_SHARED, 0 };
#define CLK_OWN_THERE   1       /* CLK_OWN's id on the agent channel */
static const uint32_t pd_view[] = { 5, PD_OWN };
#define PD_OWN_THERE    1

static void test_agent_ids_from_its_own_discovery(void **state)
{
    static const struct vscmi_grant_cfg clocks[] = {
        GRANT(CLK_OWN, FULL), GRANT(CLK_RO, RO), GRANT(CLK_SHARED, SHARED),
    };
    static const struct vscmi_grant_cfg pds[] = { GRANT(PD_OWN, FULL) };
    struct vscmi_domain_cfg cfg = { .domid = 1, .name = "agent1" };
    struct two_fw t;
    struct vscmi_counters c;
    char line[160];

    setup_agent(state, &t, clk_view, 5, pd_view, 2);
    vscmi_agent_describe(t.agent1, line, sizeof(line));
    assert_non_null(strstr(line, "clocks 5/16"));
    assert_non_null(strstr(line, "power domains 2/8"));
    assert_non_null(strstr(line, "reset domains 8/8"));
    assert_int_equal(vscmi_agent_id(t.agent1, SCMI_PROTO_CLOCK, CLK_OWN),
                     CLK_OWN_THERE);
    assert_int_equal(vscmi_agent_id(t.agent1, SCMI_PROTO_CLOCK, 12), 0);
    assert_int_equal(vscmi_agent_id(t.agent1, SCMI_PROTO_CLOCK, CLK_RO), -1);
    assert_int_equal(vscmi_agent_id(t.agent1, SCMI_PROTO_RESET, 7), 7);

    cfg.agent = t.agent1;
    GRANTS(cfg, SCMI_PROTO_CLOCK, clocks);
    GRANTS(cfg, SCMI_PROTO_POWER, pds);
    t.a1 = fixture_domain(t.f, 0, &cfg);

    /* a full grant: the agent's id, the agent's state */
    assert_int_equal(agent_call2(t.a1, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET,
                                 0, SCMI_CLOCK_CONFIG_ENABLE), SCMI_SUCCESS);
    assert_last_on(t.fw1, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, CLK_OWN_THERE);
    assert_true(simfw_clock_enabled(t.fw1, CLK_OWN));
    assert_int_equal(agent_call1(t.a1, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES,
                                 0), SCMI_SUCCESS);
    assert_last_on(t.fw1, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES, CLK_OWN_THERE);
    assert_string_equal((const char *)&t.a1->rsp[2], simfw_clock_name(CLK_OWN));
    assert_int_equal(agent_call3(t.a1, SCMI_PROTO_POWER, SCMI_POWER_STATE_SET,
                                 0, 0, SCMI_POWER_STATE_ON), SCMI_SUCCESS);
    assert_last_on(t.fw1, SCMI_PROTO_POWER, SCMI_POWER_STATE_SET, PD_OWN_THERE);
    assert_int_equal(simfw_power_state(t.fw1, PD_OWN), SCMI_POWER_STATE_ON);
    assert_int_equal(fw_count(t.f), 0);

    /* ro (the agent does not even see it) and shared: the mediator's */
    simfw_log_clear(t.fw1);
    assert_int_equal(agent_call1(t.a1, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES,
                                 1), SCMI_SUCCESS);
    assert_last_fw(t.f, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES, CLK_RO);
    assert_string_equal((const char *)&t.a1->rsp[2], simfw_clock_name(CLK_RO));
    assert_int_equal(agent_call2(t.a1, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET,
                                 2, SCMI_CLOCK_CONFIG_ENABLE), SCMI_SUCCESS);
    assert_last_fw(t.f, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, CLK_SHARED);
    assert_int_equal(simfw_log_count(t.fw1), 0);

    /* teardown: each release where its vote went, by the same id */
    simfw_log_clear(t.f->fw);
    vscmi_domain_teardown(t.a1->d);
    assert_int_equal(simfw_log_count(t.fw1), 2);
    assert_int_equal(simfw_log_at(t.fw1, 0)->id, CLK_OWN_THERE);
    assert_int_equal(simfw_log_at(t.fw1, 1)->id, PD_OWN_THERE);
    assert_false(simfw_clock_enabled(t.fw1, CLK_OWN));
    assert_int_equal(simfw_power_state(t.fw1, PD_OWN), SCMI_POWER_STATE_OFF);
    assert_last_fw(t.f, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, CLK_SHARED);
    assert_int_equal(fw_count(t.f), 1);
    vscmi_domain_counters(t.a1->d, &c);
    assert_int_equal(c.votes, 0);
    teardown_two(&t);
}

/*
 * A full grant the agent cannot see is refused in one line naming the
 * entry, and nothing is applied; an "all" policy cannot have an agent.
 */
static void test_agent_invisible_full_refused(void **state)
{
    static const struct vscmi_grant_cfg clocks[] = {
        GRANT(CLK_SHARED, SHARED), GRANT(CLK_RO, FULL),
    };
    struct vscmi_domain_cfg cfg = { .domid = 1, .name = "agent1" };
    struct vscmi_domain_cfg all = { .domid = 0, .all = true };
    struct vscmi_domain *d;
    struct vscmi_error err;
    struct two_fw t;

    setup_agent(state, &t, clk_view, 5, pd_view, 2);
    cfg.agent = t.agent1;
    GRANTS(cfg, SCMI_PROTO_CLOCK, clocks);
    assert_int_equal(vscmi_domain_create(t.f->m, &cfg, &d, &err), VSCMI_ENODEV);
    assert_null(d);
    assert_string_equal(err.line,
                        "dom1: clock 1: firmware clock 6 is not one its agent channel sees (by a unique name)");
    assert_int_equal(err.proto, SCMI_PROTO_CLOCK);
    assert_int_equal(err.entry, 1);

    all.agent = t.agent1;
    assert_int_equal(vscmi_domain_create(t.f->m, &all, &d, &err), VSCMI_EINVAL);
    assert_non_null(strstr(err.line, "policy all cannot have a firmware agent channel"));

    /* nothing was applied: clock 6 is free for a full grant elsewhere */
    cfg.agent = NULL;
    t.a1 = fixture_domain(t.f, 0, &cfg);
    assert_int_equal(simfw_log_count(t.fw1), 0);
    assert_int_equal(fw_count(t.f), 0);
    teardown_two(&t);
}

/* A name found twice, on either side, matches nothing. */
static void test_agent_ambiguous_names_unmatched(void **state)
{
    static const uint32_t view[] = { 3, 9, 4, 5 };
    struct vscmi_error err;
    struct two_fw t;

    t.f = *state;
    t.fw1 = simfw_create();
    assert_non_null(t.fw1);
    assert_true(simfw_set_view(t.fw1, SCMI_PROTO_CLOCK, view, 4));
    simfw_clock_rename(t.fw1, 9, simfw_clock_name(3));  /* the agent's twice */
    simfw_clock_rename(t.f->fw, 5, simfw_clock_name(4));    /* agent 0's twice */
    assert_int_equal(vscmi_agent_create(t.f->m, simfw_fw(t.fw1), &t.agent1,
                                        &err), VSCMI_OK);
    assert_int_equal(vscmi_agent_id(t.agent1, SCMI_PROTO_CLOCK, 3), -1);
    assert_int_equal(vscmi_agent_id(t.agent1, SCMI_PROTO_CLOCK, 9), -1);
    assert_int_equal(vscmi_agent_id(t.agent1, SCMI_PROTO_CLOCK, 4), -1);
    assert_int_equal(vscmi_agent_id(t.agent1, SCMI_PROTO_CLOCK, 5), -1);
    t.a0 = t.a1 = NULL;
    teardown_two(&t);
}

/*
 * An agent that lacks a protocol: the domain's grants in it are shared, so
 * the messages naming a resource go on the mediator's channel, and so do
 * those naming none (PROTOCOL_ATTRIBUTES): the guest's driver can probe.
 */
static void test_agent_lacking_a_protocol(void **state)
{
    static const struct vscmi_grant_cfg resets[] = { GRANT(4, SHARED) };
    struct vscmi_domain_cfg cfg = { .domid = 1, .name = "agent1" };
    struct vscmi_error err;
    char line[160];
    struct two_fw t;

    t.f = *state;
    t.fw1 = simfw_create();
    assert_non_null(t.fw1);
    simfw_hide_protocol(t.fw1, SCMI_PROTO_RESET);
    assert_int_equal(vscmi_agent_create(t.f->m, simfw_fw(t.fw1), &t.agent1,
                                        &err), VSCMI_OK);
    vscmi_agent_describe(t.agent1, line, sizeof(line));
    assert_non_null(strstr(line, "reset domains 0/8"));
    assert_non_null(strstr(line, "clocks 16/16"));
    simfw_log_clear(t.fw1);
    simfw_log_clear(t.f->fw);

    cfg.agent = t.agent1;
    GRANTS(cfg, SCMI_PROTO_RESET, resets);
    t.a0 = NULL;
    t.a1 = fixture_domain(t.f, 0, &cfg);
    assert_int_equal(agent_call0(t.a1, SCMI_PROTO_RESET,
                                 SCMI_PROTOCOL_ATTRIBUTES), SCMI_SUCCESS);
    assert_int_equal(t.a1->rsp[1] & 0xffff, 1);
    assert_int_equal(agent_call1(t.a1, SCMI_PROTO_RESET,
                                 SCMI_RESET_DOMAIN_ATTRIBUTES, 0), SCMI_SUCCESS);
    assert_last_fw(t.f, SCMI_PROTO_RESET, SCMI_RESET_DOMAIN_ATTRIBUTES, 4);
    assert_int_equal(simfw_log_count(t.fw1), 0);
    teardown_two(&t);
}

/* Silence after a few messages: one timeout ends the discovery. */
static unsigned int silent_after;

static void silence_hook(void *priv)
{
    if ( silent_after && !--silent_after )
        simfw_set_fault(priv, SIMFW_FAULT_SILENT, 0);
}

static void test_agent_silent_midway(void **state)
{
    struct fixture *f = *state;
    struct vscmi_agent *a;
    struct vscmi_error err;
    struct simfw *fw1 = simfw_create();
    struct simfw_hooks hooks = { .before = silence_hook };

    assert_non_null(fw1);
    hooks.priv = fw1;
    simfw_set_hooks(fw1, &hooks);
    silent_after = 4;       /* BASE, power attributes, power names 0 and 1 */
    assert_int_equal(vscmi_agent_create(f->m, simfw_fw(fw1), &a, &err),
                     VSCMI_ETIMEDOUT);
    assert_null(a);
    assert_string_equal(err.line,
                        "agent channel: no answer to power domain attributes");
    assert_int_equal(simfw_log_count(fw1), 4);     /* nothing after it */
    simfw_destroy(fw1);
}

/* An agent channel that does not answer is refused whole. */
static void test_agent_silent_refused(void **state)
{
    struct vscmi_agent *a = (struct vscmi_agent *)1;
    struct fixture *f = *state;
    struct vscmi_error err;
    struct simfw *fw1 = simfw_create();

    assert_non_null(fw1);
    simfw_set_fault(fw1, SIMFW_FAULT_SILENT, 1);
    assert_int_equal(vscmi_agent_create(f->m, simfw_fw(fw1), &a, &err),
                     VSCMI_EIO);
    assert_null(a);
    assert_string_equal(err.line,
                        "agent channel: no answer to BASE PROTOCOL_VERSION");
    simfw_destroy(fw1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_forward_on_own_channel, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_policy_unchanged, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_shared_votes_on_one_channel, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_teardown_on_own_channel, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_channel_failure_is_local, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_agent_ids_from_its_own_discovery, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_agent_invisible_full_refused, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_agent_ambiguous_names_unmatched, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_agent_silent_refused, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_agent_lacking_a_protocol, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_agent_silent_midway, fixture_setup, fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
