/* SPDX-License-Identifier: MIT */
/*
 * POWER_DOMAIN mediation: id translation both ways, counts, hidden
 * statistics and async / notification bits, shared on/off votes,
 * teardown, refused commands and lengths.
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

#define PD_GPU      1
#define PD_VPU      2
#define PD_USB      4
#define PD_AUDIO    7       /* name longer than 15 characters */

#define ON          SCMI_POWER_STATE_ON
#define OFF         SCMI_POWER_STATE_OFF

/* guest 0: vpu FULL, 1: gpu RO, 2: usb SHARED */
static struct agent *guest(struct fixture *f, unsigned int slot)
{
    static const struct vscmi_grant_cfg pds[] = {
        GRANT(PD_VPU, FULL), GRANT(PD_GPU, RO), GRANT(PD_USB, SHARED),
    };
    struct vscmi_domain_cfg cfg = { .domid = 1 + slot, .name = "guest" };

    GRANTS(cfg, SCMI_PROTO_POWER, pds);
    return fixture_domain(f, slot, &cfg);
}

static struct agent *sharer(struct fixture *f, unsigned int slot, uint32_t phys)
{
    struct vscmi_grant_cfg pds[1] = { GRANT(phys, SHARED) };
    struct vscmi_domain_cfg cfg = { .domid = 10 + slot, .name = "sharer" };

    GRANTS(cfg, SCMI_PROTO_POWER, pds);
    return fixture_domain(f, slot, &cfg);
}

static int32_t set(struct agent *a, uint32_t flags, uint32_t id, uint32_t state)
{
    return agent_call3(a, SCMI_PROTO_POWER, SCMI_POWER_STATE_SET, flags, id, state);
}

static unsigned int sets_of(const struct fixture *f, uint32_t phys)
{
    return fw_count_of(f, SCMI_PROTO_POWER, SCMI_POWER_STATE_SET, phys);
}

static uint32_t votes(const struct agent *a)
{
    struct vscmi_counters c;

    vscmi_domain_counters(a->d, &c);
    return c.votes;
}

/* ---- a firmware that advertises what the mediator must hide ---- */

static void wrap_answer(void *priv, uint32_t hdr, uint32_t *r, size_t *rx_len,
                        size_t rx_max)
{
    if ( scmi_hdr_proto(hdr) != SCMI_PROTO_POWER || *rx_len < 8 ||
         r[0] != SCMI_SUCCESS )
        return;
    if ( scmi_hdr_msg(hdr) == SCMI_PROTOCOL_ATTRIBUTES && *rx_len >= 20 )
    {
        r[1] |= 0xcafe0000u;                    /* reserved */
        r[2] = 0x80001000u;                     /* statistics area */
        r[3] = 0x1;
        r[4] = 0x400;
    }
    if ( scmi_hdr_msg(hdr) == SCMI_POWER_DOMAIN_ATTRIBUTES )
        r[1] |= 0xf0000000u;                    /* bits 31..28 */
}

static const struct simfw_hooks wrap_hooks = { .after = wrap_answer };

/* ---- tests ---- */

static void test_protocol_attributes(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);

    assert_int_equal(agent_call0(a, SCMI_PROTO_POWER, SCMI_PROTOCOL_ATTRIBUTES),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 20);
    assert_int_equal(a->rsp[1], 3);
    assert_int_equal(agent_call0(a, SCMI_PROTO_POWER, SCMI_PROTOCOL_VERSION),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp[1], vscmi_fw_version(f->m, SCMI_PROTO_POWER));
    assert_int_equal(agent_call1(a, SCMI_PROTO_POWER,
                                 SCMI_NEGOTIATE_PROTOCOL_VERSION, a->rsp[1]),
                     SCMI_SUCCESS);
    assert_int_equal(agent_call1(a, SCMI_PROTO_POWER,
                                 SCMI_NEGOTIATE_PROTOCOL_VERSION, 0x10000),
                     SCMI_NOT_SUPPORTED);
}

static void test_hidden_statistics_and_bits(void **state)
{
    struct fixture *f = *state;
    static const struct vscmi_grant_cfg pds[] = { GRANT(PD_GPU, FULL) };
    struct vscmi_domain_cfg cfg = { .domid = 3, .name = "wrapped" };
    struct vscmi_mediator *m;
    struct vscmi_domain *d;
    struct agent *a = calloc(1, sizeof(*a));
    struct vscmi_error err;

    assert_non_null(a);
    simfw_set_hooks(f->fw, &wrap_hooks);
    assert_int_equal(vscmi_mediator_create(simfw_fw(f->fw), &m, &err), VSCMI_OK);
    GRANTS(cfg, SCMI_PROTO_POWER, pds);
    assert_int_equal(vscmi_domain_create(m, &cfg, &d, &err), VSCMI_OK);
    agent_init(a, d);

    assert_int_equal(agent_call0(a, SCMI_PROTO_POWER, SCMI_PROTOCOL_ATTRIBUTES),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp[1], 1);
    assert_int_equal(a->rsp[2], 0);
    assert_int_equal(a->rsp[3], 0);
    assert_int_equal(a->rsp[4], 0);

    assert_int_equal(agent_call1(a, SCMI_PROTO_POWER,
                                 SCMI_POWER_DOMAIN_ATTRIBUTES, 0), SCMI_SUCCESS);
    /* notify (31), async (30), change requested notify (28) hidden; sync kept */
    assert_int_equal(a->rsp[1] & 0xf0000000u, 1u << 29);
    assert_string_equal((const char *)&a->rsp[2], "gpu");

    vscmi_domain_destroy(d);
    vscmi_mediator_destroy(m);
    free(a);
}

static void test_domain_attributes_and_name(void **state)
{
    struct fixture *f = *state;
    static const struct vscmi_grant_cfg pds[] = {
        GRANT(PD_AUDIO, RO), GRANT(PD_GPU, FULL),
    };
    struct vscmi_domain_cfg cfg = { .domid = 4, .name = "names" };
    struct agent *a;

    GRANTS(cfg, SCMI_PROTO_POWER, pds);
    a = fixture_domain(f, 0, &cfg);
    assert_int_equal(agent_call1(a, SCMI_PROTO_POWER,
                                 SCMI_POWER_DOMAIN_ATTRIBUTES, 1), SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 24);
    assert_string_equal((const char *)&a->rsp[2], "gpu");
    assert_int_equal(fw_last(f)->id, PD_GPU);

    assert_int_equal(agent_call1(a, SCMI_PROTO_POWER, SCMI_POWER_DOMAIN_NAME_GET,
                                 0), SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 72);
    assert_string_equal((const char *)&a->rsp[2], simfw_power_name(PD_AUDIO));
    assert_int_equal(fw_last(f)->id, PD_AUDIO);
}

static void test_state_set_translated(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);
    uint32_t gpu = simfw_power_state(f->fw, PD_GPU);

    assert_int_equal(set(a, 0, 0, ON), SCMI_SUCCESS);
    assert_int_equal(simfw_power_state(f->fw, PD_VPU), ON);
    assert_int_equal(fw_last(f)->id, PD_VPU);
    assert_int_equal(a->rsp_len, 4);
    assert_int_equal(votes(a), 1);

    assert_int_equal(agent_call1(a, SCMI_PROTO_POWER, SCMI_POWER_STATE_GET, 0),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 8);
    assert_int_equal(a->rsp[1], ON);
    assert_int_equal(fw_last(f)->id, PD_VPU);

    assert_int_equal(set(a, 0, 0, OFF), SCMI_SUCCESS);
    assert_int_equal(simfw_power_state(f->fw, PD_VPU), OFF);
    assert_int_equal(votes(a), 0);
    assert_int_equal(simfw_power_state(f->fw, PD_GPU), gpu);

    /* an exclusive domain may ask for other states: firmware decides */
    assert_int_equal(set(a, 0, 0, 0x00000002u), SCMI_INVALID_PARAMETERS);
    assert_int_equal(sets_of(f, PD_VPU), 3);
}

static void test_state_set_refused(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);

    assert_int_equal(set(a, SCMI_POWER_SET_ASYNC, 0, ON), SCMI_NOT_SUPPORTED);
    assert_int_equal(set(a, 2, 0, ON), SCMI_INVALID_PARAMETERS);
    assert_int_equal(set(a, 0, 1, ON), SCMI_DENIED);        /* read-only */
    assert_int_equal(set(a, 0, 1, OFF), SCMI_DENIED);
    /* a shared domain takes generic on / off only */
    assert_int_equal(set(a, 0, 2, 0x00000001u), SCMI_DENIED);
    assert_int_equal(set(a, 0, 2, 0x40000001u), SCMI_DENIED);
    assert_int_equal(fw_count(f), 0);
    assert_int_equal(votes(a), 0);
}

static void test_not_granted(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);
    static const uint32_t ids[] = { 3, 4, 8, 0xffffffffu };
    unsigned int i;

    for ( i = 0; i < VSCMI_ARRAY_SIZE(ids); i++ )
    {
        assert_int_equal(agent_call1(a, SCMI_PROTO_POWER,
                                     SCMI_POWER_DOMAIN_ATTRIBUTES, ids[i]),
                         SCMI_NOT_FOUND);
        assert_int_equal(agent_call1(a, SCMI_PROTO_POWER, SCMI_POWER_STATE_GET,
                                     ids[i]), SCMI_NOT_FOUND);
        assert_int_equal(agent_call1(a, SCMI_PROTO_POWER,
                                     SCMI_POWER_DOMAIN_NAME_GET, ids[i]),
                         SCMI_NOT_FOUND);
        assert_int_equal(set(a, 0, ids[i], ON), SCMI_NOT_FOUND);
    }
    assert_int_equal(fw_count(f), 0);
}

static void test_not_supported(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);
    static const uint8_t msgs[] = {
        SCMI_POWER_STATE_NOTIFY, SCMI_POWER_STATE_CHANGE_REQUESTED_NOTIFY,
        0x9, 0xf, 0x11, 0xff,
    };
    unsigned int i;

    for ( i = 0; i < VSCMI_ARRAY_SIZE(msgs); i++ )
    {
        assert_int_equal(agent_call2(a, SCMI_PROTO_POWER, msgs[i], 0, 1),
                         SCMI_NOT_SUPPORTED);
        assert_int_equal(agent_call1(a, SCMI_PROTO_POWER,
                                     SCMI_PROTOCOL_MESSAGE_ATTRIBUTES, msgs[i]),
                         SCMI_NOT_FOUND);
    }
    assert_int_equal(fw_count(f), 0);
    assert_int_equal(agent_call1(a, SCMI_PROTO_POWER,
                                 SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
                                 SCMI_POWER_STATE_SET), SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 8);
}

static void test_shared_votes(void **state)
{
    struct fixture *f = *state;
    struct agent *a = sharer(f, 0, PD_USB);
    struct agent *b = sharer(f, 1, PD_USB);

    assert_int_equal(simfw_power_state(f->fw, PD_USB), OFF);
    assert_int_equal(set(b, 0, 0, OFF), SCMI_SUCCESS);      /* no vote: local */
    assert_int_equal(sets_of(f, PD_USB), 0);

    assert_int_equal(set(a, 0, 0, ON), SCMI_SUCCESS);
    assert_int_equal(set(a, 0, 0, ON), SCMI_SUCCESS);
    assert_int_equal(set(b, 0, 0, ON), SCMI_SUCCESS);
    assert_int_equal(sets_of(f, PD_USB), 1);
    assert_int_equal(simfw_power_state(f->fw, PD_USB), ON);
    assert_int_equal(votes(a) + votes(b), 2);

    assert_int_equal(set(a, 0, 0, OFF), SCMI_SUCCESS);
    assert_int_equal(sets_of(f, PD_USB), 1);
    assert_int_equal(simfw_power_state(f->fw, PD_USB), ON);
    assert_int_equal(set(b, 0, 0, OFF), SCMI_SUCCESS);
    assert_int_equal(sets_of(f, PD_USB), 2);
    assert_int_equal(simfw_power_state(f->fw, PD_USB), OFF);
    assert_int_equal(votes(a) + votes(b), 0);
}

static void test_state_get_shows_own_vote(void **state)
{
    struct fixture *f = *state;
    struct agent *a = sharer(f, 0, PD_USB);
    struct agent *b = sharer(f, 1, PD_USB);

    assert_int_equal(set(b, 0, 0, ON), SCMI_SUCCESS);
    assert_int_equal(agent_call1(a, SCMI_PROTO_POWER, SCMI_POWER_STATE_GET, 0),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp[1], OFF);
    assert_int_equal(fw_last(f)->id, PD_USB);
    assert_int_equal(agent_call1(b, SCMI_PROTO_POWER, SCMI_POWER_STATE_GET, 0),
                     SCMI_SUCCESS);
    assert_int_equal(b->rsp[1], ON);
}

static void test_teardown_powers_off(void **state)
{
    struct fixture *f = *state;
    struct agent *a = sharer(f, 0, PD_USB);
    struct agent *b = sharer(f, 1, PD_USB);
    struct agent *g = guest(f, 2);

    assert_int_equal(set(a, 0, 0, ON), SCMI_SUCCESS);
    assert_int_equal(set(b, 0, 0, ON), SCMI_SUCCESS);
    assert_int_equal(set(g, 0, 0, ON), SCMI_SUCCESS);       /* vpu, full */
    simfw_log_clear(f->fw);

    fixture_destroy_domain(f, 1);
    assert_int_equal(fw_count(f), 0);
    assert_int_equal(simfw_power_state(f->fw, PD_USB), ON);
    fixture_destroy_domain(f, 0);
    assert_int_equal(sets_of(f, PD_USB), 1);
    assert_int_equal(simfw_power_state(f->fw, PD_USB), OFF);
    fixture_destroy_domain(f, 2);
    assert_int_equal(sets_of(f, PD_VPU), 1);
    assert_int_equal(simfw_power_state(f->fw, PD_VPU), OFF);
    assert_int_equal(fw_count(f), 2);
}

static void test_lengths(void **state)
{
    struct fixture *f = *state;
    struct agent *a = guest(f, 0);
    static const struct { uint8_t msg; uint8_t len; } cmds[] = {
        { SCMI_PROTOCOL_VERSION, 0 }, { SCMI_PROTOCOL_ATTRIBUTES, 0 },
        { SCMI_PROTOCOL_MESSAGE_ATTRIBUTES, 4 },
        { SCMI_POWER_DOMAIN_ATTRIBUTES, 4 }, { SCMI_POWER_STATE_SET, 12 },
        { SCMI_POWER_STATE_GET, 4 }, { SCMI_POWER_DOMAIN_NAME_GET, 4 },
        { SCMI_NEGOTIATE_PROTOCOL_VERSION, 4 },
    };
    uint32_t zero[8] = { 0 };
    unsigned int i;

    for ( i = 0; i < VSCMI_ARRAY_SIZE(cmds); i++ )
    {
        if ( cmds[i].len )
            assert_int_equal(agent_call(a, SCMI_PROTO_POWER, cmds[i].msg, zero,
                                        cmds[i].len - 4), SCMI_PROTOCOL_ERROR);
        assert_int_equal(agent_call(a, SCMI_PROTO_POWER, cmds[i].msg, zero,
                                    cmds[i].len + 4), SCMI_PROTOCOL_ERROR);
    }
    assert_int_equal(fw_count(f), 0);
    assert_int_equal(simfw_power_state(f->fw, PD_VPU), OFF);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(t) cmocka_unit_test_setup_teardown(t, fixture_setup, fixture_teardown)
        T(test_protocol_attributes),
        T(test_hidden_statistics_and_bits),
        T(test_domain_attributes_and_name),
        T(test_state_set_translated),
        T(test_state_set_refused),
        T(test_not_granted),
        T(test_not_supported),
        T(test_shared_votes),
        T(test_state_get_shows_own_vote),
        T(test_teardown_powers_off),
        T(test_lengths),
#undef T
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
