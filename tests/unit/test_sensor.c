/* SPDX-License-Identifier: MIT */
/*
 * SENSOR 0x15 through the mediator: ids translated both ways, emulated
 * SENSOR_DESCRIPTION_GET (virtual ids, only granted sensors, pagination),
 * reads through read-only grants, configuration only through grants that
 * may set, async reads and notifications refused, malformed lengths.
 * Expected values come from asking the simulated firmware directly.
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include <vscmi/smt.h>

#define S SCMI_PROTO_SENSOR
#define DESC_WORDS  7       /* the simulated firmware's v2 descriptors */

/* Domain A: guest 0 -> fw 3 (full), 1 -> fw 1 (read-only),
 *           2 -> fw 2 (shared, not owner).
 * Domain B: guest 0 -> fw 2 (shared owner), 1 -> fw 0 (full). */
static const uint32_t phys_a[] = { 3, 1, 2 };
static const struct vscmi_grant_cfg grants_a[] = {
    GRANT(3, FULL), GRANT(1, RO), GRANT(2, SHARED),
};
static const struct vscmi_grant_cfg grants_b[] = {
    GRANT_OWNER(2), GRANT(0, FULL),
};

static void make_domains(struct fixture *f, struct agent **a, struct agent **b)
{
    struct vscmi_domain_cfg ca = { .domid = 1, .name = "dom-a",
                                   .protocols = VSCMI_PROTO_BIT(S) };
    struct vscmi_domain_cfg cb = { .domid = 2, .name = "dom-b",
                                   .protocols = VSCMI_PROTO_BIT(S) };

    GRANTS(ca, S, grants_a);
    GRANTS(cb, S, grants_b);
    *a = fixture_domain(f, 0, &ca);
    if ( b )
        *b = fixture_domain(f, 1, &cb);
    simfw_log_clear(f->fw);
}

/* The firmware's own descriptor of sensor @phys. */
static void fw_desc(struct fixture *f, uint32_t phys, uint32_t *desc)
{
    uint32_t rx[32];
    size_t n;

    assert_int_equal(fw_direct(f, S, SCMI_SENSOR_DESCRIPTION_GET, &phys, 4, rx, &n),
                     SCMI_SUCCESS);
    assert_true((rx[1] & 0xfff) >= 1);
    assert_int_equal(rx[2], phys);
    memcpy(desc, &rx[2], 4 * DESC_WORDS);
}

/* A guest descriptor must be the firmware's, renamed, minus async/notify. */
static void assert_desc(struct fixture *f, const uint32_t *got, uint32_t virt,
                        uint32_t phys)
{
    uint32_t want[DESC_WORDS];

    fw_desc(f, phys, want);
    assert_int_equal(got[0], virt);
    assert_int_equal(got[1], want[1] & ~(3u << 30));
    assert_int_equal(got[2], want[2]);
    assert_memory_equal(&got[3], &want[3], SCMI_SHORT_NAME_LEN);
    assert_string_equal((const char *)&got[3], simfw_sensor_name(phys));
}

static void test_version_negotiate(void **state)
{
    struct fixture *f = *state;
    struct agent *a;
    uint32_t rx[32];
    size_t n;

    make_domains(f, &a, NULL);
    assert_int_equal(fw_direct(f, S, SCMI_PROTOCOL_VERSION, NULL, 0, rx, &n), 0);
    assert_int_equal(agent_call0(a, S, SCMI_PROTOCOL_VERSION), SCMI_SUCCESS);
    assert_int_equal(a->rsp[1], rx[1]);
    assert_int_equal(agent_call1(a, S, SCMI_NEGOTIATE_PROTOCOL_VERSION, rx[1]),
                     SCMI_SUCCESS);
    assert_int_equal(agent_call1(a, S, SCMI_NEGOTIATE_PROTOCOL_VERSION, 0x30001),
                     SCMI_NOT_SUPPORTED);
}

static void test_protocol_attributes(void **state)
{
    struct fixture *f = *state;
    struct agent *a, *b;

    make_domains(f, &a, &b);
    assert_int_equal(agent_call0(a, S, SCMI_PROTOCOL_ATTRIBUTES), SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 20);
    assert_int_equal(a->rsp[1], 3);             /* no async requests either */
    assert_int_equal(a->rsp[2], 0);
    assert_int_equal(a->rsp[3], 0);
    assert_int_equal(a->rsp[4], 0);
    assert_int_equal(agent_call0(b, S, SCMI_PROTOCOL_ATTRIBUTES), SCMI_SUCCESS);
    assert_int_equal(b->rsp[1], 2);
}

static void test_description_virtual_ids(void **state)
{
    struct fixture *f = *state;
    struct agent *a, *b;
    unsigned int i;

    make_domains(f, &a, &b);

    assert_int_equal(agent_call1(a, S, SCMI_SENSOR_DESCRIPTION_GET, 0),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp[1], 3);             /* 3 returned, 0 remaining */
    assert_int_equal(a->rsp_len, 8 + 3 * 4 * DESC_WORDS);
    for ( i = 0; i < 3; i++ )
        assert_desc(f, &a->rsp[2 + i * DESC_WORDS], i, phys_a[i]);
    /* one firmware lookup per granted sensor, none for the others */
    assert_int_equal(fw_count(f), 3);

    /* B sees its own two, under its own ids */
    assert_int_equal(agent_call1(b, S, SCMI_SENSOR_DESCRIPTION_GET, 0),
                     SCMI_SUCCESS);
    assert_int_equal(b->rsp[1], 2);
    assert_desc(f, &b->rsp[2], 0, 2);
    assert_desc(f, &b->rsp[2 + DESC_WORDS], 1, 0);

    /* starting further in */
    assert_int_equal(agent_call1(a, S, SCMI_SENSOR_DESCRIPTION_GET, 2),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp[1], 1);
    assert_int_equal(a->rsp_len, 8 + 4 * DESC_WORDS);
    assert_desc(f, &a->rsp[2], 2, 2);

    /* past the end of the domain's list */
    simfw_log_clear(f->fw);
    assert_int_equal(agent_call1(a, S, SCMI_SENSOR_DESCRIPTION_GET, 3),
                     SCMI_INVALID_PARAMETERS);
    assert_int_equal(agent_call1(a, S, SCMI_SENSOR_DESCRIPTION_GET, 0xffffffffu),
                     SCMI_INVALID_PARAMETERS);
    assert_int_equal(fw_count(f), 0);
}

static void test_description_pages(void **state)
{
    struct fixture *f = *state;
    struct agent *a;
    uint32_t rx[64], idx;
    size_t n;

    make_domains(f, &a, NULL);

    /* 48 bytes of payload: one descriptor a page */
    for ( idx = 0; idx < 3; idx++ )
    {
        assert_int_equal(small_call(a->d, SMT_HDR_SIZE + 48, S,
                                    SCMI_SENSOR_DESCRIPTION_GET, &idx, 4, rx,
                                    &n), SCMI_SUCCESS);
        assert_int_equal(rx[1] & 0xfff, 1);
        assert_int_equal(rx[1] >> 16, 2 - idx);
        assert_int_equal(n, 8 + 4 * DESC_WORDS);
        assert_desc(f, &rx[2], idx, phys_a[idx]);
    }

    /* exactly two fit in 8 + 2 * 28 bytes */
    idx = 0;
    assert_int_equal(small_call(a->d, SMT_HDR_SIZE + 8 + 8 * DESC_WORDS, S,
                                SCMI_SENSOR_DESCRIPTION_GET, &idx, 4, rx, &n),
                     SCMI_SUCCESS);
    assert_int_equal(rx[1], 2 | (1u << 16));
    assert_int_equal(n, 8 + 8 * DESC_WORDS);
    assert_desc(f, &rx[2], 0, 3);
    assert_desc(f, &rx[2 + DESC_WORDS], 1, 1);

    /* too small for any: nothing returned, all remaining */
    assert_int_equal(small_call(a->d, SMT_HDR_SIZE + 32, S,
                                SCMI_SENSOR_DESCRIPTION_GET, &idx, 4, rx, &n),
                     SCMI_SUCCESS);
    assert_int_equal(rx[1], 3u << 16);
    assert_int_equal(n, 8);
}

static void test_description_all_domain(void **state)
{
    struct fixture *f = *state;
    static const struct vscmi_grant_cfg excl[] = { GRANT(1, FULL) };
    struct vscmi_domain_cfg ce = { .domid = 1, .name = "excl",
                                   .protocols = VSCMI_PROTO_BIT(S) };
    struct vscmi_domain_cfg call = { .domid = 0, .name = "dom0",
                                     .protocols = VSCMI_PROTO_BIT(S),
                                     .all = true };
    struct agent *e, *d0;

    GRANTS(ce, S, excl);
    e = fixture_domain(f, 0, &ce);
    d0 = fixture_domain(f, 1, &call);
    (void)e;

    /* the "all" domain sees every sensor but the one held exclusively */
    assert_int_equal(agent_call1(d0, S, SCMI_SENSOR_DESCRIPTION_GET, 0),
                     SCMI_SUCCESS);
    assert_int_equal(d0->rsp[1], 3);
    assert_desc(f, &d0->rsp[2], 0, 0);
    assert_desc(f, &d0->rsp[2 + DESC_WORDS], 2, 2);
    assert_desc(f, &d0->rsp[2 + 2 * DESC_WORDS], 3, 3);
    /* the index counts visible sensors */
    assert_int_equal(agent_call1(d0, S, SCMI_SENSOR_DESCRIPTION_GET, 2),
                     SCMI_SUCCESS);
    assert_int_equal(d0->rsp[1], 1);
    assert_desc(f, &d0->rsp[2], 3, 3);
    assert_int_equal(agent_call1(d0, S, SCMI_SENSOR_DESCRIPTION_GET, 3),
                     SCMI_INVALID_PARAMETERS);
    assert_int_equal(agent_call2(d0, S, SCMI_SENSOR_READING_GET, 1, 0),
                     SCMI_NOT_FOUND);
}

static void test_description_fw_errors(void **state)
{
    struct fixture *f = *state;
    struct agent *a;

    make_domains(f, &a, NULL);
    /* a lookup answered SUCCESS without a descriptor, a bad status, none */
    assert_int_equal(agent_call1(a, S, SCMI_SENSOR_DESCRIPTION_GET, 1),
                     SCMI_SUCCESS);
    simfw_set_fault(f->fw, SIMFW_FAULT_GARBAGE, 1);
    assert_int_equal(agent_call1(a, S, SCMI_SENSOR_DESCRIPTION_GET, 0),
                     SCMI_GENERIC_ERROR);
    assert_int_equal(a->rsp_len, 4);
    simfw_set_fault(f->fw, SIMFW_FAULT_BAD_STATUS, 1);
    assert_int_equal(agent_call1(a, S, SCMI_SENSOR_DESCRIPTION_GET, 0),
                     SCMI_GENERIC_ERROR);
    assert_int_equal(a->rsp_len, 4);
    simfw_set_fault(f->fw, SIMFW_FAULT_SILENT, 1);
    assert_int_equal(agent_call1(a, S, SCMI_SENSOR_DESCRIPTION_GET, 0),
                     SCMI_COMMS_ERROR);
    assert_int_equal(a->rsp_len, 4);
}

/* Value of a simulated sensor: its base plus a small per-read ripple. */
static void assert_reading_of(const struct agent *a, uint32_t phys)
{
    static const int64_t base[SIMFW_NR_SENSORS] = { 45000, 52000, 900000, 3200 };
    int64_t v = (int64_t)((uint64_t)a->rsp[2] << 32 | a->rsp[1]);

    assert_true(v >= base[phys] && v <= base[phys] + 7 * 125);
}

static void test_reading(void **state)
{
    struct fixture *f = *state;
    struct agent *a, *b;
    uint32_t i;

    make_domains(f, &a, &b);
    for ( i = 0; i < 3; i++ )
    {
        assert_int_equal(agent_call2(a, S, SCMI_SENSOR_READING_GET, i, 0),
                         SCMI_SUCCESS);
        assert_last_fw(f, S, SCMI_SENSOR_READING_GET, phys_a[i]);
        assert_int_equal(a->rsp_len, 12);
        assert_reading_of(a, phys_a[i]);
    }
    assert_int_equal(agent_call2(b, S, SCMI_SENSOR_READING_GET, 1, 0),
                     SCMI_SUCCESS);
    assert_last_fw(f, S, SCMI_SENSOR_READING_GET, 0);
    assert_reading_of(b, 0);

    /*
     * asynchronous reads are refused before firmware; reserved flag bits
     * make the request invalid first, as for every other command
     */
    simfw_log_clear(f->fw);
    assert_int_equal(agent_call2(a, S, SCMI_SENSOR_READING_GET, 0,
                                 SCMI_SENSOR_READ_ASYNC), SCMI_NOT_SUPPORTED);
    assert_int_equal(agent_call2(a, S, SCMI_SENSOR_READING_GET, 1,
                                 SCMI_SENSOR_READ_ASYNC | 2),
                     SCMI_INVALID_PARAMETERS);
    assert_int_equal(agent_call2(a, S, SCMI_SENSOR_READING_GET, 1, 2),
                     SCMI_INVALID_PARAMETERS);
    assert_int_equal(fw_count(f), 0);
}

static void test_config(void **state)
{
    struct fixture *f = *state;
    struct agent *a, *b;
    uint32_t old;
    size_t before;

    make_domains(f, &a, &b);

    /* read-only: get yes, set no */
    assert_int_equal(agent_call1(a, S, SCMI_SENSOR_CONFIG_GET, 1), SCMI_SUCCESS);
    assert_last_fw(f, S, SCMI_SENSOR_CONFIG_GET, 1);
    assert_int_equal(a->rsp_len, 8);
    assert_int_equal(a->rsp[1], simfw_sensor_config(f->fw, 1));
    old = simfw_sensor_config(f->fw, 1);
    before = fw_count(f);
    assert_int_equal(agent_call2(a, S, SCMI_SENSOR_CONFIG_SET, 1, old ^ 1),
                     SCMI_DENIED);
    assert_int_equal(fw_count(f), before);
    assert_int_equal(simfw_sensor_config(f->fw, 1), old);

    /* full: disabling fw 3 makes its reading fail in firmware */
    assert_int_equal(simfw_sensor_config(f->fw, 3) & 1, 1);
    assert_int_equal(agent_call2(a, S, SCMI_SENSOR_CONFIG_SET, 0, 0),
                     SCMI_SUCCESS);
    assert_last_fw(f, S, SCMI_SENSOR_CONFIG_SET, 3);
    assert_int_equal(simfw_sensor_config(f->fw, 3), 0);
    assert_int_equal(simfw_sensor_config(f->fw, 1) & 1, 1);
    assert_int_equal(agent_call1(a, S, SCMI_SENSOR_CONFIG_GET, 0), SCMI_SUCCESS);
    assert_int_equal(a->rsp[1], 0);
    assert_int_equal(agent_call2(a, S, SCMI_SENSOR_READING_GET, 0, 0),
                     SCMI_GENERIC_ERROR);
    assert_last_fw(f, S, SCMI_SENSOR_READING_GET, 3);

    /* shared: the non-owner is refused, the owner reaches fw 2 */
    before = fw_count(f);
    assert_int_equal(agent_call2(a, S, SCMI_SENSOR_CONFIG_SET, 2, 0),
                     SCMI_DENIED);
    assert_int_equal(fw_count(f), before);
    assert_int_equal(simfw_sensor_config(f->fw, 2) & 1, 1);
    assert_int_equal(agent_call2(b, S, SCMI_SENSOR_CONFIG_SET, 0, 0),
                     SCMI_SUCCESS);
    assert_last_fw(f, S, SCMI_SENSOR_CONFIG_SET, 2);
    assert_int_equal(simfw_sensor_config(f->fw, 2), 0);
}

static void test_trip_point_config(void **state)
{
    struct fixture *f = *state;
    struct agent *a, *b;
    uint32_t tp[4] = { 0, 3 | (1u << 4), 60000, 0 };
    size_t before;

    make_domains(f, &a, &b);
    assert_int_equal(agent_call(a, S, SCMI_SENSOR_TRIP_POINT_CONFIG, tp, 16),
                     SCMI_SUCCESS);
    assert_last_fw(f, S, SCMI_SENSOR_TRIP_POINT_CONFIG, 3);
    /* a trip point the sensor lacks: the firmware's answer */
    tp[1] = 3 | (9u << 4);
    assert_int_equal(agent_call(a, S, SCMI_SENSOR_TRIP_POINT_CONFIG, tp, 16),
                     SCMI_INVALID_PARAMETERS);
    assert_last_fw(f, S, SCMI_SENSOR_TRIP_POINT_CONFIG, 3);

    tp[1] = 3 | (1u << 4);
    before = fw_count(f);
    tp[0] = 1;                                  /* read-only */
    assert_int_equal(agent_call(a, S, SCMI_SENSOR_TRIP_POINT_CONFIG, tp, 16),
                     SCMI_DENIED);
    tp[0] = 2;                                  /* shared, not owner */
    assert_int_equal(agent_call(a, S, SCMI_SENSOR_TRIP_POINT_CONFIG, tp, 16),
                     SCMI_DENIED);
    assert_int_equal(fw_count(f), before);
    tp[0] = 0;                                  /* B, the owner */
    assert_int_equal(agent_call(b, S, SCMI_SENSOR_TRIP_POINT_CONFIG, tp, 16),
                     SCMI_SUCCESS);
    assert_last_fw(f, S, SCMI_SENSOR_TRIP_POINT_CONFIG, 2);
}

static void test_update_intervals(void **state)
{
    struct fixture *f = *state;
    struct agent *a;
    uint32_t rx[32], tx[2] = { 1, 0 };
    size_t n;

    make_domains(f, &a, NULL);
    assert_int_equal(fw_direct(f, S, SCMI_SENSOR_LIST_UPDATE_INTERVALS, tx, 8, rx,
                               &n), SCMI_SUCCESS);
    assert_int_equal(rx[1], 3 | (1u << 12));    /* one segmented triplet */
    /* guest 1 (read-only) is fw 1: the triplet passes through whole */
    assert_int_equal(agent_call2(a, S, SCMI_SENSOR_LIST_UPDATE_INTERVALS, 1, 0),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, n);
    assert_memory_equal(a->rsp, rx, n);
    assert_last_fw(f, S, SCMI_SENSOR_LIST_UPDATE_INTERVALS, 1);

    /* a triplet is never split: too small a channel gets an error */
    assert_int_equal(small_call(a->d, SMT_HDR_SIZE + 16, S,
                                SCMI_SENSOR_LIST_UPDATE_INTERVALS, tx, 8, rx,
                                &n), SCMI_GENERIC_ERROR);
    assert_int_equal(n, 4);
    /* the firmware's range check still applies */
    assert_int_equal(agent_call2(a, S, SCMI_SENSOR_LIST_UPDATE_INTERVALS, 1, 5),
                     SCMI_OUT_OF_RANGE);
}

static void test_passthrough_unsupported_by_fw(void **state)
{
    struct fixture *f = *state;
    struct agent *a;

    make_domains(f, &a, NULL);
    /* mediated, translated, and the firmware's own NOT_SUPPORTED comes back */
    assert_int_equal(agent_call2(a, S, SCMI_SENSOR_AXIS_DESCRIPTION_GET, 0, 0),
                     SCMI_NOT_SUPPORTED);
    assert_last_fw(f, S, SCMI_SENSOR_AXIS_DESCRIPTION_GET, 3);
}

/*
 * A command newer than the firmware's protocol version (NAME_GET and
 * AXIS_NAME_GET came with sensor v3.0; the firmware reports v2.0) is not
 * implemented: NOT_SUPPORTED whatever its length, NOT_FOUND for its
 * message attributes, and nothing reaches firmware.
 */
static void test_newer_than_firmware(void **state)
{
    struct fixture *f = *state;
    uint32_t tx[4] = { 0 };
    struct agent *a;

    make_domains(f, &a, NULL);
    assert_int_equal(agent_call(a, S, SCMI_SENSOR_NAME_GET, tx, 0),
                     SCMI_NOT_SUPPORTED);
    assert_int_equal(agent_call(a, S, SCMI_SENSOR_NAME_GET, tx, 4),
                     SCMI_NOT_SUPPORTED);
    assert_int_equal(agent_call(a, S, SCMI_SENSOR_AXIS_NAME_GET, tx, 12),
                     SCMI_NOT_SUPPORTED);
    assert_int_equal(agent_call1(a, S, SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
                                 SCMI_SENSOR_NAME_GET), SCMI_NOT_FOUND);
    assert_int_equal(fw_count(f), 0);
    /* a v2.0 command with a wrong length is still malformed */
    assert_int_equal(agent_call(a, S, SCMI_SENSOR_CONFIG_GET, tx, 0),
                     SCMI_PROTOCOL_ERROR);
}

static void test_refused(void **state)
{
    struct fixture *f = *state;
    struct agent *a;

    make_domains(f, &a, NULL);
    assert_int_equal(agent_call2(a, S, SCMI_SENSOR_TRIP_POINT_NOTIFY, 0, 1),
                     SCMI_NOT_SUPPORTED);
    assert_int_equal(agent_call2(a, S, SCMI_SENSOR_CONTINUOUS_UPDATE_NOTIFY, 0, 1),
                     SCMI_NOT_SUPPORTED);
    assert_int_equal(agent_call1(a, S, 0xe, 0), SCMI_NOT_SUPPORTED);
    assert_int_equal(agent_call1(a, S, 0x11, 0), SCMI_NOT_SUPPORTED);
    assert_int_equal(agent_call1(a, S, 0x80, 0), SCMI_NOT_SUPPORTED);
    assert_int_equal(fw_count(f), 0);

    assert_int_equal(agent_call1(a, S, SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
                                 SCMI_SENSOR_TRIP_POINT_NOTIFY), SCMI_NOT_FOUND);
    assert_int_equal(agent_call1(a, S, SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
                                 SCMI_SENSOR_CONTINUOUS_UPDATE_NOTIFY),
                     SCMI_NOT_FOUND);
    assert_int_equal(agent_call1(a, S, SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
                                 SCMI_SENSOR_READING_GET), SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 8);
}

static void test_not_granted(void **state)
{
    static const uint8_t msgs[] = {
        SCMI_SENSOR_TRIP_POINT_CONFIG, SCMI_SENSOR_READING_GET,
        SCMI_SENSOR_AXIS_DESCRIPTION_GET, SCMI_SENSOR_LIST_UPDATE_INTERVALS,
        SCMI_SENSOR_CONFIG_GET, SCMI_SENSOR_CONFIG_SET,
    };
    static const uint8_t lens[] = { 16, 8, 8, 8, 4, 8 };
    static const uint32_t ids[] = { 3, 4, 0x10000u, 0xffffffffu };
    struct fixture *f = *state;
    struct agent *a;
    uint32_t tx[4] = { 0, 0x10, 1, 0 };
    unsigned int i, j;

    make_domains(f, &a, NULL);
    for ( i = 0; i < VSCMI_ARRAY_SIZE(msgs); i++ )
        for ( j = 0; j < VSCMI_ARRAY_SIZE(ids); j++ )
        {
            tx[0] = ids[j];
            assert_int_equal(agent_call(a, S, msgs[i], tx, lens[i]),
                             SCMI_NOT_FOUND);
            assert_int_equal(a->rsp_len, 4);
        }
    assert_int_equal(fw_count(f), 0);
}

static void test_malformed_lengths(void **state)
{
    static const struct { uint8_t msg; uint8_t len; } bad[] = {
        { SCMI_PROTOCOL_ATTRIBUTES, 4 },
        { SCMI_SENSOR_DESCRIPTION_GET, 0 }, { SCMI_SENSOR_DESCRIPTION_GET, 8 },
        { SCMI_SENSOR_TRIP_POINT_CONFIG, 12 },
        { SCMI_SENSOR_TRIP_POINT_CONFIG, 20 },
        { SCMI_SENSOR_READING_GET, 4 }, { SCMI_SENSOR_READING_GET, 12 },
        { SCMI_SENSOR_AXIS_DESCRIPTION_GET, 4 },
        { SCMI_SENSOR_LIST_UPDATE_INTERVALS, 12 },
        { SCMI_SENSOR_CONFIG_GET, 8 }, { SCMI_SENSOR_CONFIG_SET, 4 },
    };
    struct fixture *f = *state;
    struct agent *a;
    uint32_t tx[5] = { 0 };
    unsigned int i;

    make_domains(f, &a, NULL);
    for ( i = 0; i < VSCMI_ARRAY_SIZE(bad); i++ )
    {
        assert_int_equal(agent_call(a, S, bad[i].msg, tx, bad[i].len),
                         SCMI_PROTOCOL_ERROR);
        assert_int_equal(a->rsp_len, 4);
    }
    assert_int_equal(fw_count(f), 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

/*
 * From sensor v3.0 a reading is 16 bytes per axis (value, timestamp): an
 * answer with a partial reading is cut to whole readings, and one without
 * a whole reading is an error, never half a reading.
 */
static void v3_readings(void *priv, uint32_t hdr, uint32_t *r, size_t *len,
                        size_t max)
{
    if ( scmi_hdr_proto(hdr) != S || r[0] != SCMI_SUCCESS )
        return;
    if ( scmi_hdr_msg(hdr) == SCMI_PROTOCOL_VERSION )
        r[1] = 0x30000;
    if ( scmi_hdr_msg(hdr) == SCMI_SENSOR_READING_GET )
    {
        size_t words = *(const size_t *)priv;
        size_t i;

        for ( i = 1; i <= words && 4 * (i + 1) <= max; i++ )
            r[i] = 0x1000 + (uint32_t)i;
        *len = 4 + 4 * words;
    }
}

static void test_reading_v3_whole_readings(void **state)
{
    struct fixture *f = *state;
    struct simfw_hooks hooks = { .after = v3_readings };
    struct vscmi_mediator *m;
    struct vscmi_domain *d;
    struct agent *a = calloc(1, sizeof(*a));
    struct vscmi_domain_cfg cfg = { .domid = 3, .protocols = VSCMI_PROTO_BIT(S) };
    struct vscmi_error err;
    size_t words = 6;                           /* 1.5 readings */

    hooks.priv = &words;
    simfw_set_hooks(f->fw, &hooks);
    assert_int_equal(vscmi_mediator_create(simfw_fw(f->fw), &m, &err), VSCMI_OK);
    GRANTS(cfg, S, grants_a);
    assert_int_equal(vscmi_domain_create(m, &cfg, &d, &err), VSCMI_OK);
    agent_init(a, d);

    assert_int_equal(agent_call2(a, S, SCMI_SENSOR_READING_GET, 0, 0),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 4 + 16);
    assert_int_equal(a->rsp[4], 0x1004);

    words = 8;                                  /* two readings */
    assert_int_equal(agent_call2(a, S, SCMI_SENSOR_READING_GET, 0, 0),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp_len, 4 + 32);

    words = 2;                                  /* not one v3 reading */
    assert_int_equal(agent_call2(a, S, SCMI_SENSOR_READING_GET, 0, 0),
                     SCMI_GENERIC_ERROR);

    simfw_set_hooks(f->fw, NULL);
    vscmi_domain_destroy(d);
    vscmi_mediator_destroy(m);
    free(a);
}

/*
 * SENSOR_DESCRIPTION_GET costs one firmware transaction per sensor: each one
 * after the first takes a token of the rate limit too, so one call cannot
 * buy several transactions for the price of one.
 */
static void test_description_pays_per_transaction(void **state)
{
    struct fixture *f = *state;
    struct vscmi_domain_cfg cfg = { .domid = 1, .protocols = VSCMI_PROTO_BIT(S),
                                    .rate = 4, .burst = 4 };
    struct vscmi_counters cnt;
    struct agent *a;

    GRANTS(cfg, S, grants_a);                   /* three sensors */
    a = fixture_domain(f, 0, &cfg);
    simfw_log_clear(f->fw);

    /* 4 tokens: the first call takes 3 (three descriptors) */
    assert_int_equal(agent_call1(a, S, SCMI_SENSOR_DESCRIPTION_GET, 0),
                     SCMI_SUCCESS);
    assert_int_equal(a->rsp[1] & 0xfff, 3);
    assert_int_equal(fw_count(f), 3);
    /* the second has one token: its second transaction is refused */
    assert_int_equal(agent_call1(a, S, SCMI_SENSOR_DESCRIPTION_GET, 0),
                     SCMI_BUSY);
    assert_int_equal(fw_count(f), 4);
    /* and the bucket is empty */
    assert_int_equal(agent_call1(a, S, SCMI_SENSOR_CONFIG_GET, 0), SCMI_BUSY);
    assert_int_equal(fw_count(f), 4);
    vscmi_domain_counters(a->d, &cnt);
    assert_int_equal(cnt.busy, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_version_negotiate),
        T(test_protocol_attributes),
        T(test_description_virtual_ids),
        T(test_description_pages),
        T(test_description_all_domain),
        T(test_description_fw_errors),
        T(test_description_pays_per_transaction),
        T(test_reading),
        T(test_reading_v3_whole_readings),
        T(test_config),
        T(test_trip_point_config),
        T(test_update_intervals),
        T(test_passthrough_unsupported_by_fw),
        T(test_newer_than_firmware),
        T(test_refused),
        T(test_not_granted),
        T(test_malformed_lengths),
    };

    return cmocka_run_group_tests_name("sensor", tests, NULL, NULL);
}
