/* SPDX-License-Identifier: MIT */
/*
 * The data path: malformed channels, header rules, token echo, snapshot
 * semantics, busy channel and rate limiting.
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "private.h"

static struct agent *clock_domain(struct fixture *f, unsigned int slot)
{
    static const struct vscmi_grant_cfg clocks[] = { GRANT(5, FULL), GRANT(2, RO) };
    struct vscmi_domain_cfg cfg = { .domid = 1 + slot, .name = "guest" };

    GRANTS(cfg, SCMI_PROTO_CLOCK, clocks);
    return fixture_domain(f, slot, &cfg);
}

static uint32_t rsp_length(const struct agent *a)
{
    return smt_rd32(a->chan, SMT_OFF_LENGTH);
}

static void test_short_lengths(void **state)
{
    struct fixture *f = *state;
    struct agent *a = clock_domain(f, 0);
    uint32_t len;

    for ( len = 0; len < 8; len++ )
    {
        int32_t st = agent_raw(a, 0, len, scmi_hdr(SCMI_PROTO_CLOCK,
                                                   SCMI_CLOCK_RATE_GET, 7),
                               NULL, 0);

        /* 0..3: no header; 4: RATE_GET without its id; 5..7: ragged */
        assert_int_equal(st, SCMI_PROTOCOL_ERROR);
        assert_true(a->chan_status & SMT_STATUS_FREE);
        assert_int_equal(rsp_length(a), 8);
        assert_int_equal(scmi_hdr_token(a->rsp_hdr), 7);
    }
    assert_int_equal(fw_count(f), 0);
}

static void test_length_beyond_channel(void **state)
{
    struct fixture *f = *state;
    struct agent *a = clock_domain(f, 0);
    static const uint32_t lens[] = { AGENT_CHAN_SIZE, AGENT_CHAN_SIZE - 0x17,
                                     0xfffffffc, VSCMI_REQ_MAX + 8 };
    unsigned int i;

    for ( i = 0; i < VSCMI_ARRAY_SIZE(lens); i++ )
    {
        assert_int_equal(agent_raw(a, 0, lens[i],
                                   scmi_hdr(SCMI_PROTO_BASE, 0, 1), NULL, 0),
                         SCMI_PROTOCOL_ERROR);
        assert_true(a->chan_status & SMT_STATUS_FREE);
    }
    assert_int_equal(fw_count(f), 0);
}

static void test_reserved_bits_and_types(void **state)
{
    struct fixture *f = *state;
    struct agent *a = clock_domain(f, 0);
    uint32_t hdr = scmi_hdr(SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 3);
    uint32_t id = 0;
    uint32_t type;

    assert_int_equal(agent_raw(a, 0, 8, hdr | 0x10000000u, &id, 4),
                     SCMI_PROTOCOL_ERROR);
    /* the reserved bits are not echoed */
    assert_int_equal(a->rsp_hdr, hdr);

    for ( type = 1; type < 4; type++ )
        assert_int_equal(agent_raw(a, 0, 8, hdr | (type << SCMI_HDR_TYPE_SHIFT),
                                   &id, 4),
                         SCMI_NOT_SUPPORTED);
    assert_int_equal(fw_count(f), 0);

    /* a posted message must have FREE cleared */
    assert_int_equal(agent_raw(a, SMT_STATUS_FREE, 8, hdr, &id, 4),
                     SCMI_PROTOCOL_ERROR);
    assert_int_equal(agent_raw(a, 0, 8, hdr, &id, 4), SCMI_SUCCESS);
    assert_int_equal(fw_count(f), 1);
}

static void test_token_echo(void **state)
{
    struct fixture *f = *state;
    struct agent *a = clock_domain(f, 0);
    uint16_t tok;

    for ( tok = 0; tok < 0x400; tok += 0x55 )
    {
        uint32_t hdr = scmi_hdr(SCMI_PROTO_BASE, SCMI_PROTOCOL_VERSION, tok);

        assert_int_equal(agent_raw(a, 0, 4, hdr, NULL, 0), SCMI_SUCCESS);
        assert_int_equal(a->rsp_hdr, hdr);
    }
}

static void test_unknown_protocol_and_message(void **state)
{
    struct fixture *f = *state;
    struct agent *a = clock_domain(f, 0);

    assert_int_equal(agent_call0(a, 0x19, 0), SCMI_NOT_SUPPORTED);
    assert_int_equal(agent_call0(a, 0x00, 0), SCMI_NOT_SUPPORTED);
    assert_int_equal(agent_call0(a, 0xff, 0), SCMI_NOT_SUPPORTED);
    assert_int_equal(agent_call0(a, SCMI_PROTO_CLOCK, 0x7f), SCMI_NOT_SUPPORTED);
    assert_int_equal(agent_call0(a, SCMI_PROTO_CLOCK, 0xff), SCMI_NOT_SUPPORTED);
    /* not granted to this domain */
    assert_int_equal(agent_call0(a, SCMI_PROTO_RESET, SCMI_PROTOCOL_VERSION),
                     SCMI_NOT_SUPPORTED);
    assert_int_equal(agent_call0(a, SCMI_PROTO_SYSTEM, SCMI_PROTOCOL_VERSION),
                     SCMI_NOT_SUPPORTED);
    assert_int_equal(fw_count(f), 0);
}

static void test_wrong_argument_length(void **state)
{
    struct fixture *f = *state;
    struct agent *a = clock_domain(f, 0);
    struct vscmi_counters c;

    assert_int_equal(agent_call0(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET),
                     SCMI_PROTOCOL_ERROR);
    assert_int_equal(agent_call2(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 0, 0),
                     SCMI_PROTOCOL_ERROR);
    vscmi_domain_counters(a->d, &c);
    assert_int_equal(c.errors, 2);
    assert_int_equal(fw_count(f), 0);
}

/* Rewrites the calling guest's channel while firmware works on the call. */
static struct agent *racer;
static void racing_ring(void *priv)
{
    if ( racer )
    {
        smt_wr32(racer->chan, SMT_OFF_PAYLOAD, 1);         /* id: RO clock */
        smt_wr32(racer->chan, SMT_OFF_LENGTH, 0xfffffff0);
        smt_wr32(racer->chan, SMT_OFF_HEADER, scmi_hdr(SCMI_PROTO_SYSTEM, 3, 9));
    }
}

static void test_snapshot_double_fetch(void **state)
{
    static const struct simfw_hooks hooks = { .before = racing_ring };
    static const struct vscmi_grant_cfg clocks[] = { GRANT(5, FULL), GRANT(2, RO) };
    struct vscmi_domain_cfg cfg = { .domid = 3 };
    struct simfw *fw = simfw_create();
    struct vscmi_mediator *m;
    struct vscmi_domain *d;
    struct agent *a = calloc(1, sizeof(*a));
    const struct simfw_rec *r;
    struct vscmi_error err;

    simfw_set_hooks(fw, &hooks);
    assert_int_equal(vscmi_mediator_create(simfw_fw(fw), &m, &err), 0);
    GRANTS(cfg, SCMI_PROTO_CLOCK, clocks);
    assert_int_equal(vscmi_domain_create(m, &cfg, &d, &err), 0);
    agent_init(a, d);
    simfw_log_clear(fw);

    racer = a;
    /* RATE_GET of guest clock 0 (firmware 5); the racer flips it to 1 */
    assert_int_equal(agent_call1(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 0),
                     SCMI_SUCCESS);
    racer = NULL;

    assert_int_equal(simfw_log_count(fw), 1);
    r = simfw_log_at(fw, 0);
    assert_int_equal(r->proto, SCMI_PROTO_CLOCK);
    assert_int_equal(r->msg, SCMI_CLOCK_RATE_GET);
    assert_int_equal(r->id, 5);
    /* the response answers the snapshot, not the rewritten header */
    assert_int_equal(scmi_hdr_proto(a->rsp_hdr), SCMI_PROTO_CLOCK);
    assert_int_equal(scmi_hdr_msg(a->rsp_hdr), SCMI_CLOCK_RATE_GET);
    assert_int_equal(a->rsp_len, 12);
    assert_int_equal(a->rsp[1], (uint32_t)simfw_clock_rate(fw, 5));

    vscmi_domain_destroy(d);
    vscmi_mediator_destroy(m);
    simfw_destroy(fw);
    free(a);
}

/* A second vCPU rings the same channel while the first call is running. */
static struct agent *nested;
static int nested_rc;
static void nesting_ring(void *priv)
{
    if ( nested )
    {
        uint32_t before = smt_rd32(nested->chan, SMT_OFF_STATUS);

        nested_rc = vscmi_domain_call(nested->d, nested->chan,
                                      AGENT_CHAN_SIZE);
        /* the running call's channel is left alone */
        assert_int_equal(smt_rd32(nested->chan, SMT_OFF_STATUS), before);
        nested = NULL;
    }
}

/*
 * The rate limiter reads the clock after the snapshot and before policy:
 * a racing vCPU rewriting the page there must change nothing.
 */
static void rewrite_racer(void)
{
    if ( racer )
    {
        smt_wr32(racer->chan, SMT_OFF_PAYLOAD, 1);
        smt_wr32(racer->chan, SMT_OFF_LENGTH, 4);
        smt_wr32(racer->chan, SMT_OFF_HEADER,
                 scmi_hdr(SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, 9));
    }
}

static void test_snapshot_before_policy(void **state)
{
    struct fixture *f = *state;
    static const struct vscmi_grant_cfg clocks[] = { GRANT(5, FULL), GRANT(2, RO) };
    struct vscmi_domain_cfg cfg = { .domid = 3, .rate = 1000 };
    struct agent *a;

    GRANTS(cfg, SCMI_PROTO_CLOCK, clocks);
    a = fixture_domain(f, 0, &cfg);
    racer = a;
    vscmi_host_clock_hook(rewrite_racer);
    assert_int_equal(agent_call1(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 0),
                     SCMI_SUCCESS);
    vscmi_host_clock_hook(NULL);
    racer = NULL;

    assert_int_equal(fw_count(f), 1);
    assert_int_equal(fw_last(f)->msg, SCMI_CLOCK_RATE_GET);
    assert_int_equal(fw_last(f)->id, 5);
    assert_int_equal(a->rsp_hdr, scmi_hdr(SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET,
                                          a->token - 1));
}

static void test_busy_channel(void **state)
{
    static const struct simfw_hooks hooks = { .before = nesting_ring };
    static const struct vscmi_grant_cfg clocks[] = { GRANT(5, FULL) };
    struct vscmi_domain_cfg cfg = { .domid = 4 };
    struct simfw *fw = simfw_create();
    struct vscmi_mediator *m;
    struct vscmi_domain *d;
    struct agent *a = calloc(1, sizeof(*a));
    struct vscmi_counters c;
    struct vscmi_error err;

    simfw_set_hooks(fw, &hooks);
    assert_int_equal(vscmi_mediator_create(simfw_fw(fw), &m, &err), 0);
    GRANTS(cfg, SCMI_PROTO_CLOCK, clocks);
    assert_int_equal(vscmi_domain_create(m, &cfg, &d, &err), 0);
    agent_init(a, d);

    nested = a;
    assert_int_equal(agent_call1(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 0),
                     SCMI_SUCCESS);
    assert_int_equal(nested_rc, VSCMI_EBUSY);
    vscmi_domain_counters(d, &c);
    assert_int_equal(c.busy, 1);
    assert_int_equal(c.calls, 1);

    /* and the channel is usable again afterwards */
    assert_int_equal(agent_call1(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 0),
                     SCMI_SUCCESS);

    vscmi_domain_destroy(d);
    vscmi_mediator_destroy(m);
    simfw_destroy(fw);
    free(a);
}

static void test_rate_limit(void **state)
{
    struct fixture *f = *state;
    struct vscmi_domain_cfg cfg = { .domid = 9, .rate = 10, .burst = 3 };
    struct agent *a = fixture_domain(f, 0, &cfg);
    struct vscmi_counters c;
    unsigned int i;

    for ( i = 0; i < 3; i++ )
        assert_int_equal(agent_call0(a, SCMI_PROTO_BASE, 0), SCMI_SUCCESS);
    assert_int_equal(agent_call0(a, SCMI_PROTO_BASE, 0), SCMI_BUSY);
    assert_true(a->chan_status & SMT_STATUS_FREE);

    /* 100 ms buys exactly one call at 10/s */
    vscmi_host_clock_advance(100000000ull);
    assert_int_equal(agent_call0(a, SCMI_PROTO_BASE, 0), SCMI_SUCCESS);
    assert_int_equal(agent_call0(a, SCMI_PROTO_BASE, 0), SCMI_BUSY);

    /* a long pause refills only up to the burst */
    vscmi_host_clock_advance(3600ull * 1000000000ull);
    for ( i = 0; i < 3; i++ )
        assert_int_equal(agent_call0(a, SCMI_PROTO_BASE, 0), SCMI_SUCCESS);
    assert_int_equal(agent_call0(a, SCMI_PROTO_BASE, 0), SCMI_BUSY);

    vscmi_domain_counters(a->d, &c);
    assert_int_equal(c.busy, 3);
    assert_int_equal(c.calls, 10);
}

static void test_firmware_failures(void **state)
{
    struct fixture *f = *state;
    struct agent *a = clock_domain(f, 0);
    struct vscmi_counters c;

    simfw_set_fault(f->fw, SIMFW_FAULT_SILENT, 1);
    assert_int_equal(agent_call1(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 0),
                     SCMI_COMMS_ERROR);
    assert_true(a->chan_status & SMT_STATUS_FREE);

    simfw_set_fault(f->fw, SIMFW_FAULT_BAD_HEADER, 1);
    assert_int_equal(agent_call1(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 0),
                     SCMI_COMMS_ERROR);
    simfw_set_fault(f->fw, SIMFW_FAULT_GARBAGE, 1);
    assert_int_equal(agent_call1(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 0),
                     SCMI_GENERIC_ERROR);
    simfw_set_fault(f->fw, SIMFW_FAULT_BAD_STATUS, 1);
    assert_int_equal(agent_call1(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 0),
                     SCMI_GENERIC_ERROR);

    /* the fault cleared: calls succeed again */
    simfw_set_fault(f->fw, SIMFW_FAULT_NONE, 0);
    assert_int_equal(agent_call1(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 0),
                     SCMI_SUCCESS);
    vscmi_domain_counters(a->d, &c);
    assert_int_equal(c.fw_errors, 4);
}

static void test_clamp_pages(void **state)
{
    uint32_t rsp[8] = { 0 };
    struct vscmi_call c = { .rsp = rsp, .rsp_max = sizeof(rsp) };

    /* 5 entries of 4 bytes announced, 4 arrived; 16-bit "remaining" */
    rsp[1] = 5 | (7u << 16);
    c.rsp_len = 8 + 16;
    vscmi_clamp_pages(&c, 1, 0xfff, 16, 2, 4);
    assert_int_equal(rsp[1], 4 | (8u << 16));
    assert_int_equal(c.rsp_len, 24);

    /* a 6-bit "remaining" at [31:26] saturates instead of spilling */
    rsp[1] = 6 | (62u << 26);
    c.rsp_len = 8 + 8;
    vscmi_clamp_pages(&c, 1, 0x3f, 26, 2, 4);
    assert_int_equal(rsp[1] & 0x3f, 2);
    assert_int_equal(rsp[1] >> 26, 63);
    assert_int_equal(rsp[1] & 0x03ffffc0u, 0);
    assert_int_equal(c.rsp_len, 16);

    /* less than one header: nothing returned */
    rsp[1] = 3;
    c.rsp_len = 6;
    vscmi_clamp_pages(&c, 1, 0xfff, 16, 2, 4);
    assert_int_equal(rsp[1], 3u << 16);
    assert_int_equal(c.rsp_len, 8);
}

/*
 * Firmware names, asked of the firmware one resource at a time (for
 * grants by name in xl): each protocol's attributes answer has the name
 * in its own place; ids beyond the firmware and protocols without named
 * resources are refused.
 */
static void test_fw_names(void **state)
{
    struct fixture *f = *state;
    char name[SCMI_SHORT_NAME_LEN];
    size_t before = fw_count(f);

    assert_int_equal(vscmi_fw_name(f->m, SCMI_PROTO_CLOCK, 6, name), VSCMI_OK);
    assert_string_equal(name, simfw_clock_name(6));
    assert_int_equal(vscmi_fw_name(f->m, SCMI_PROTO_POWER, 2, name), VSCMI_OK);
    assert_string_equal(name, simfw_power_name(2));
    assert_int_equal(vscmi_fw_name(f->m, SCMI_PROTO_RESET, 1, name), VSCMI_OK);
    assert_string_equal(name, simfw_reset_name(1));
    assert_int_equal(vscmi_fw_name(f->m, SCMI_PROTO_SENSOR, 3, name), VSCMI_OK);
    assert_string_equal(name, simfw_sensor_name(3));
    assert_int_equal(fw_count(f), before + 4);

    assert_int_equal(vscmi_fw_name(f->m, SCMI_PROTO_CLOCK,
                                   vscmi_fw_count(f->m, SCMI_PROTO_CLOCK), name),
                     VSCMI_ENODEV);
    assert_int_equal(vscmi_fw_name(f->m, SCMI_PROTO_BASE, 0, name), VSCMI_ENODEV);
    assert_int_equal(fw_count(f), before + 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_short_lengths, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_fw_names, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_length_beyond_channel, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_reserved_bits_and_types, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_token_echo, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_unknown_protocol_and_message, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_wrong_argument_length, fixture_setup, fixture_teardown),
        cmocka_unit_test(test_snapshot_double_fetch),
        cmocka_unit_test_setup_teardown(test_snapshot_before_policy, fixture_setup, fixture_teardown),
        cmocka_unit_test(test_busy_channel),
        cmocka_unit_test(test_clamp_pages),
        cmocka_unit_test_setup_teardown(test_rate_limit, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_firmware_failures, fixture_setup, fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
