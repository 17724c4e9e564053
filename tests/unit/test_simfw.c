/* SPDX-License-Identifier: MIT */
/*
 * The simulated platform itself, driven directly through simfw_xfer() (no
 * mediator): wire layouts, pagination, validation, the log and faults.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <vscmi/smt.h>
#include "simfw.h"

struct t {
    struct simfw *fw;
    uint16_t token;
    uint32_t rx[32];
    size_t rx_len;
};

static int setup(void **state)
{
    struct t *t = calloc(1, sizeof(*t));

    t->fw = simfw_create();
    *state = t;
    return t->fw ? 0 : -1;
}

static int teardown(void **state)
{
    struct t *t = *state;

    simfw_destroy(t->fw);
    free(t);
    return 0;
}

/* One command; returns the SCMI status, or 1000 + transport error. */
static int32_t cmd(struct t *t, uint8_t proto, uint8_t msg, size_t n, ...)
{
    uint32_t tx[8];
    va_list ap;
    size_t i;
    int rc;

    va_start(ap, n);
    for ( i = 0; i < n; i++ )
        tx[i] = va_arg(ap, uint32_t);
    va_end(ap);
    memset(t->rx, 0xee, sizeof(t->rx));
    rc = simfw_xfer(t->fw, scmi_hdr(proto, msg, t->token++), tx, 4 * n,
                        t->rx, sizeof(t->rx), &t->rx_len);
    if ( rc )
        return 1000 + rc;
    assert_true(t->rx_len >= 4);
    return (int32_t)t->rx[0];
}

static const struct simfw_rec *last(const struct t *t)
{
    size_t n = simfw_log_count(t->fw);

    assert_true(n > 0);
    return simfw_log_at(t->fw, n - 1);
}

static void test_base(void **state)
{
    struct t *t = *state;
    const uint8_t *list;

    assert_int_equal(cmd(t, SCMI_PROTO_BASE, SCMI_PROTOCOL_VERSION, 0), 0);
    assert_int_equal(t->rx[1], 0x20000);
    assert_int_equal(cmd(t, SCMI_PROTO_BASE, SCMI_PROTOCOL_ATTRIBUTES, 0), 0);
    assert_int_equal(t->rx[1] & 0xff, 7);
    assert_int_equal(cmd(t, SCMI_PROTO_BASE, SCMI_BASE_DISCOVER_VENDOR, 0), 0);
    assert_string_equal((const char *)&t->rx[1], SIMFW_VENDOR);
    assert_int_equal(t->rx_len, 20);
    assert_int_equal(cmd(t, SCMI_PROTO_BASE, SCMI_BASE_DISCOVER_IMPLEMENTATION_VERSION, 0), 0);
    assert_int_equal(t->rx[1], SIMFW_IMPL_VERSION);

    assert_int_equal(cmd(t, SCMI_PROTO_BASE, SCMI_BASE_DISCOVER_LIST_PROTOCOLS, 1, 0), 0);
    assert_int_equal(t->rx[1], 7);
    list = (const uint8_t *)&t->rx[2];
    assert_int_equal(list[0], SCMI_PROTO_POWER);
    assert_int_equal(list[6], SCMI_PROTO_VOLTAGE);
    assert_int_equal(t->rx_len, 8 + 8);                 /* 7 bytes padded */
    assert_int_equal(cmd(t, SCMI_PROTO_BASE, SCMI_BASE_DISCOVER_LIST_PROTOCOLS, 1, 5), 0);
    assert_int_equal(t->rx[1], 2);
    assert_int_equal(((const uint8_t *)&t->rx[2])[0], SCMI_PROTO_RESET);
    assert_int_equal(cmd(t, SCMI_PROTO_BASE, SCMI_BASE_DISCOVER_LIST_PROTOCOLS, 1, 8),
                     SCMI_INVALID_PARAMETERS);
    assert_int_equal(cmd(t, SCMI_PROTO_BASE, SCMI_BASE_DISCOVER_AGENT, 1, 0xffffffff), 0);
    assert_int_equal(t->rx[1], 1);
    assert_int_equal(cmd(t, SCMI_PROTO_BASE, SCMI_BASE_DISCOVER_AGENT, 1, 9),
                     SCMI_NOT_FOUND);
    assert_false(last(t)->has_id);
}

static void test_dispatch_errors(void **state)
{
    struct t *t = *state;

    assert_int_equal(cmd(t, 0x42, 0, 0), SCMI_NOT_SUPPORTED);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, 0x30, 0), SCMI_NOT_SUPPORTED);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 0), SCMI_PROTOCOL_ERROR);
    assert_false(last(t)->has_id);                      /* too short to name one */
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 2, 1, 1),
                     SCMI_PROTOCOL_ERROR);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 1, 16), SCMI_NOT_FOUND);
    assert_true(last(t)->has_id);
    assert_int_equal(last(t)->id, 16);
    assert_int_equal(last(t)->status, SCMI_NOT_FOUND);
    /* unimplemented but id-carrying: still logged with its id */
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_PARENT_GET, 1, 3),
                     SCMI_NOT_SUPPORTED);
    assert_true(last(t)->has_id);
    assert_int_equal(last(t)->id, 3);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_PROTOCOL_MESSAGE_ATTRIBUTES, 1,
                         SCMI_CLOCK_RATE_SET), 0);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_PROTOCOL_MESSAGE_ATTRIBUTES, 1,
                         SCMI_CLOCK_PARENT_SET), SCMI_NOT_FOUND);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_NEGOTIATE_PROTOCOL_VERSION, 1,
                         SIMFW_CLOCK_VERSION), 0);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_NEGOTIATE_PROTOCOL_VERSION, 1,
                         0x90000), SCMI_NOT_SUPPORTED);
}

static void test_clock_rates(void **state)
{
    struct t *t = *state;
    uint32_t idx = 0, pages = 0, total = 0;

    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_PROTOCOL_ATTRIBUTES, 0), 0);
    assert_int_equal(t->rx[1] & 0xffff, SIMFW_NR_CLOCKS);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES, 1, 2), 0);
    assert_string_equal((const char *)&t->rx[2], "uart0");
    assert_int_equal(t->rx[1] & 1, 0);

    /* audio_pll: 24 rates, 11 per page in a 128-byte channel */
    for ( ;; )
    {
        uint32_t n, rem;

        assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_DESCRIBE_RATES, 2, 14, idx), 0);
        n = t->rx[1] & 0xfff;
        rem = t->rx[1] >> 16;
        assert_false(t->rx[1] & (1u << 12));
        assert_true(n > 0 && n <= 11);
        assert_int_equal(t->rx_len, 8 + 8 * n);
        assert_int_equal(n + rem, 24 - idx);
        if ( idx == 0 )
            assert_int_equal(t->rx[2], 2048000);
        idx += n;
        total += n;
        pages++;
        if ( !rem )
            break;
    }
    assert_int_equal(total, 24);
    assert_int_equal(pages, 3);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_DESCRIBE_RATES, 2, 14, 25),
                     SCMI_OUT_OF_RANGE);

    /* cpu_pll: a range triplet */
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_DESCRIBE_RATES, 2, 0, 0), 0);
    assert_int_equal(t->rx[1], 3 | (1u << 12));
    assert_int_equal(t->rx[2], 400000000u);
    assert_int_equal(t->rx[4], 2000000000u);
    assert_int_equal(t->rx[6], 100000000u);
}

static void test_clock_set(void **state)
{
    struct t *t = *state;

    /* uart0: list {1843200 .. 48000000} */
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_SET, 4, 0, 2, 48000000, 0), 0);
    assert_int_equal(simfw_clock_rate(t->fw, 2), 48000000);
    assert_true(last(t)->has_id);
    assert_int_equal(last(t)->id, 2);
    assert_int_equal(last(t)->tx_len, 16);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_SET, 4, 0, 2, 96000000, 0),
                     SCMI_OUT_OF_RANGE);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_SET, 4, 0, 2, 1, 1),
                     SCMI_OUT_OF_RANGE);
    /* round down (default) / up */
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_SET, 4, 0, 2, 20000000, 0), 0);
    assert_int_equal(simfw_clock_rate(t->fw, 2), 14745600);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_SET, 4, 4, 2, 20000000, 0), 0);
    assert_int_equal(simfw_clock_rate(t->fw, 2), 24000000);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_SET, 4, 1, 2, 24000000, 0),
                     SCMI_NOT_SUPPORTED);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_SET, 4, 0x10, 2, 24000000, 0),
                     SCMI_INVALID_PARAMETERS);
    /* cpu_pll range 400M..2G step 100M */
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_SET, 4, 0, 0, 1550000000u, 0), 0);
    assert_int_equal(simfw_clock_rate(t->fw, 0), 1500000000u);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 1, 0), 0);
    assert_int_equal(t->rx[1], 1500000000u);
    assert_int_equal(t->rx[2], 0);

    /* enable / disable */
    assert_false(simfw_clock_enabled(t->fw, 4));
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, 2, 4, 1), 0);
    assert_true(simfw_clock_enabled(t->fw, 4));
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES, 1, 4), 0);
    assert_int_equal(t->rx[1] & 1, 1);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_GET, 2, 4, 0), 0);
    assert_int_equal(t->rx[2] & 1, 1);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, 2, 4, 2),
                     SCMI_INVALID_PARAMETERS);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, 3, 4, 0, 0), 0);
    assert_false(simfw_clock_enabled(t->fw, 4));
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, 1, 4),
                     SCMI_PROTOCOL_ERROR);

    /* extended name */
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES, 1, 15), 0);
    assert_true(t->rx[1] & (1u << 29));
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_NAME_GET, 1, 15), 0);
    assert_string_equal((const char *)&t->rx[2], "ethernet_ptp_reference");
    assert_int_equal(t->rx_len, 8 + 64);
}

static void test_power_reset_system(void **state)
{
    struct t *t = *state;

    assert_int_equal(simfw_power_state(t->fw, 3), SCMI_POWER_STATE_OFF);
    assert_int_equal(cmd(t, SCMI_PROTO_POWER, SCMI_POWER_STATE_SET, 3, 0, 3,
                         SCMI_POWER_STATE_ON), 0);
    assert_int_equal(last(t)->id, 3);
    assert_int_equal(simfw_power_state(t->fw, 3), SCMI_POWER_STATE_ON);
    assert_int_equal(cmd(t, SCMI_PROTO_POWER, SCMI_POWER_STATE_GET, 1, 3), 0);
    assert_int_equal(t->rx[1], SCMI_POWER_STATE_ON);
    assert_int_equal(cmd(t, SCMI_PROTO_POWER, SCMI_POWER_STATE_SET, 3, 0, 8, 0),
                     SCMI_NOT_FOUND);
    assert_int_equal(cmd(t, SCMI_PROTO_POWER, SCMI_POWER_STATE_SET, 3, 0, 3, 5),
                     SCMI_INVALID_PARAMETERS);

    assert_int_equal(cmd(t, SCMI_PROTO_RESET, SCMI_RESET, 3, 6, 1, 0), 0);
    assert_int_equal(cmd(t, SCMI_PROTO_RESET, SCMI_RESET, 3, 6, 1, 0), 0);
    assert_int_equal(simfw_reset_count(t->fw, 6), 2);
    assert_int_equal(cmd(t, SCMI_PROTO_RESET, SCMI_RESET, 3, 6, 2, 0), 0);
    assert_true(simfw_reset_asserted(t->fw, 6));
    assert_int_equal(cmd(t, SCMI_PROTO_RESET, SCMI_RESET, 3, 6, 0, 0), 0);
    assert_false(simfw_reset_asserted(t->fw, 6));
    assert_int_equal(cmd(t, SCMI_PROTO_RESET, SCMI_RESET, 3, 6, 4, 0), SCMI_NOT_SUPPORTED);
    assert_int_equal(cmd(t, SCMI_PROTO_RESET, SCMI_RESET_DOMAIN_ATTRIBUTES, 1, 7), 0);
    assert_true(t->rx[1] & (1u << 29));

    assert_int_equal(cmd(t, SCMI_PROTO_SYSTEM, SCMI_SYSTEM_POWER_STATE_SET, 2, 0, 2), 0);
    assert_int_equal(simfw_system_state(t->fw), 2);
    assert_false(last(t)->has_id);
}

static void test_sensor_perf_voltage(void **state)
{
    struct t *t = *state;
    uint32_t a, b;

    assert_int_equal(cmd(t, SCMI_PROTO_SENSOR, SCMI_SENSOR_DESCRIPTION_GET, 1, 0), 0);
    assert_int_equal(t->rx[1], 3 | (1u << 16));        /* 3 of 4 fit */
    assert_int_equal(t->rx[2], 0);
    assert_int_equal(t->rx[2 + 7], 1);                  /* second id */
    assert_string_equal((const char *)&t->rx[2 + 7 + 3], "cpu_temp");
    assert_false(last(t)->has_id);
    assert_int_equal(cmd(t, SCMI_PROTO_SENSOR, SCMI_SENSOR_DESCRIPTION_GET, 1, 3), 0);
    assert_int_equal(t->rx[1], 1);
    assert_int_equal(t->rx[2], 3);
    assert_int_equal(cmd(t, SCMI_PROTO_SENSOR, SCMI_SENSOR_READING_GET, 2, 0, 0), 0);
    a = t->rx[1];
    assert_int_equal(cmd(t, SCMI_PROTO_SENSOR, SCMI_SENSOR_READING_GET, 2, 0, 0), 0);
    b = t->rx[1];
    assert_int_equal(a, 45000);
    assert_int_equal(b, 45125);
    assert_int_equal(cmd(t, SCMI_PROTO_SENSOR, SCMI_SENSOR_CONFIG_SET, 2, 0, 0), 0);
    assert_int_equal(cmd(t, SCMI_PROTO_SENSOR, SCMI_SENSOR_READING_GET, 2, 0, 0),
                     SCMI_GENERIC_ERROR);

    /* perf_big: 10 levels of 12 bytes, 7 per page */
    assert_int_equal(cmd(t, SCMI_PROTO_PERF, SCMI_PERF_DESCRIBE_LEVELS, 2, 0, 0), 0);
    assert_int_equal(t->rx[1], 7 | (3u << 16));
    assert_int_equal(cmd(t, SCMI_PROTO_PERF, SCMI_PERF_DESCRIBE_LEVELS, 2, 0, 7), 0);
    assert_int_equal(t->rx[1], 3);
    assert_int_equal(t->rx[2], 1700000);
    assert_int_equal(cmd(t, SCMI_PROTO_PERF, SCMI_PERF_LIMITS_SET, 3, 0, 900000, 500000), 0);
    simfw_perf_limits(t->fw, 0, &a, &b);
    assert_int_equal(a, 900000);
    assert_int_equal(b, 500000);
    assert_int_equal(cmd(t, SCMI_PROTO_PERF, SCMI_PERF_LEVEL_SET, 2, 0, 1500000),
                     SCMI_OUT_OF_RANGE);
    assert_int_equal(cmd(t, SCMI_PROTO_PERF, SCMI_PERF_LEVEL_SET, 2, 0, 700000), 0);
    assert_int_equal(simfw_perf_level(t->fw, 0), 700000);

    assert_int_equal(cmd(t, SCMI_PROTO_VOLTAGE, SCMI_VOLTAGE_DESCRIBE_LEVELS, 2, 0, 0), 0);
    assert_int_equal(t->rx[1], 23 | (7u << 16));
    assert_int_equal(cmd(t, SCMI_PROTO_VOLTAGE, SCMI_VOLTAGE_LEVEL_SET, 3, 3, 0, 525000), 0);
    assert_int_equal(simfw_voltage_level(t->fw, 3), 525000);
    assert_int_equal(cmd(t, SCMI_PROTO_VOLTAGE, SCMI_VOLTAGE_LEVEL_SET, 3, 3, 0, 530000),
                     SCMI_OUT_OF_RANGE);
}

static void test_faults(void **state)
{
    struct t *t = *state;

    simfw_set_fault(t->fw, SIMFW_FAULT_SILENT, 1);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, 2, 5, 1),
                     1000 + VSCMI_ETIMEDOUT);
    assert_false(simfw_clock_enabled(t->fw, 5));               /* not executed */
    assert_int_equal(last(t)->id, 5);
    assert_false(smt_rd32(simfw_chan(t->fw), SMT_OFF_STATUS) & SMT_STATUS_FREE);
    assert_int_equal(cmd(t, SCMI_PROTO_BASE, 0, 0), 0);      /* recovered */

    simfw_set_fault(t->fw, SIMFW_FAULT_SILENT, 0);             /* until cleared */
    assert_int_equal(cmd(t, SCMI_PROTO_BASE, 0, 0), 1000 + VSCMI_ETIMEDOUT);
    assert_int_equal(cmd(t, SCMI_PROTO_BASE, 0, 0), 1000 + VSCMI_ETIMEDOUT);
    simfw_set_fault(t->fw, SIMFW_FAULT_NONE, 0);
    assert_int_equal(cmd(t, SCMI_PROTO_BASE, 0, 0), 0);

    simfw_set_fault(t->fw, SIMFW_FAULT_GARBAGE, 1);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 1, 0), 0);
    assert_int_equal(t->rx_len, 4);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 1, 0), 0);
    assert_int_equal(t->rx_len, 12);

    simfw_set_fault(t->fw, SIMFW_FAULT_BAD_HEADER, 1);
    assert_int_equal(cmd(t, SCMI_PROTO_BASE, 0, 0), 1000 + VSCMI_EPROTO);
    simfw_set_fault(t->fw, SIMFW_FAULT_BAD_STATUS, 1);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, 2, 5, 1), -42);
    assert_false(simfw_clock_enabled(t->fw, 5));
    simfw_set_fault(t->fw, SIMFW_FAULT_GARBAGE, 1);
    assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, 2, 5, 1), 0);
    assert_true(simfw_clock_enabled(t->fw, 5));                 /* executed */
    simfw_set_fault(t->fw, SIMFW_FAULT_OVERLONG, 2);
    assert_int_equal(cmd(t, SCMI_PROTO_BASE, 0, 0), 1000 + VSCMI_EPROTO);
    assert_int_equal(cmd(t, SCMI_PROTO_BASE, 0, 0), 1000 + VSCMI_EPROTO);
    assert_int_equal(cmd(t, SCMI_PROTO_BASE, 0, 0), 0);
}

static void test_log_ring(void **state)
{
    struct t *t = *state;
    size_t i;

    simfw_log_clear(t->fw);
    for ( i = 0; i < SIMFW_LOG_SIZE + 10; i++ )
        assert_int_equal(cmd(t, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 1,
                             (uint32_t)(i % SIMFW_NR_CLOCKS)), 0);
    assert_int_equal(simfw_log_count(t->fw), SIMFW_LOG_SIZE);
    assert_int_equal(simfw_log_at(t->fw, 0)->id, 10 % SIMFW_NR_CLOCKS);
    assert_null(simfw_log_at(t->fw, SIMFW_LOG_SIZE));
    simfw_log_enable(t->fw, false);
    simfw_log_clear(t->fw);
    assert_int_equal(cmd(t, SCMI_PROTO_BASE, 0, 0), 0);
    assert_int_equal(simfw_log_count(t->fw), 0);
    simfw_reset(t->fw);
    assert_int_equal(cmd(t, SCMI_PROTO_BASE, 0, 0), 0);
    assert_int_equal(simfw_log_count(t->fw), 1);
}

static void test_raw_channel(void **state)
{
    struct t *t = *state;
    volatile void *c = simfw_chan(t->fw);

    /* a doorbell on a FREE channel is ignored */
    simfw_raw_doorbell(t->fw);
    assert_int_equal(simfw_msg_count(t->fw), 0);
    /* a length beyond the page: PROTOCOL_ERROR with the ERROR bit */
    smt_wr32(c, SMT_OFF_STATUS, 0);
    smt_wr32(c, SMT_OFF_LENGTH, 4096);
    smt_wr32(c, SMT_OFF_HEADER, scmi_hdr(SCMI_PROTO_BASE, 0, 1));
    simfw_raw_doorbell(t->fw);
    assert_int_equal(smt_rd32(c, SMT_OFF_STATUS), SMT_STATUS_FREE | SMT_STATUS_ERROR);
    assert_int_equal(smt_rd32(c, SMT_OFF_LENGTH), 8);
    assert_int_equal((int32_t)smt_rd32(c, SMT_OFF_PAYLOAD), SCMI_PROTOCOL_ERROR);
    /* reserved header bits */
    smt_wr32(c, SMT_OFF_STATUS, 0);
    smt_wr32(c, SMT_OFF_LENGTH, 4);
    smt_wr32(c, SMT_OFF_HEADER, scmi_hdr(SCMI_PROTO_BASE, 0, 1) | 0x10000000u);
    simfw_raw_doorbell(t->fw);
    assert_int_equal((int32_t)smt_rd32(c, SMT_OFF_PAYLOAD), SCMI_PROTOCOL_ERROR);
}

static void test_sized(void **state)
{
    struct simfw *fw = simfw_create_sized(1024);
    uint32_t tx[2] = { 1000, 0 }, rx[32];
    size_t n;

    assert_non_null(fw);
    assert_int_equal(simfw_nr_clocks(fw), 1024);
    assert_int_equal(simfw_xfer(fw, scmi_hdr(SCMI_PROTO_CLOCK, SCMI_PROTOCOL_ATTRIBUTES, 1),
                                    NULL, 0, rx, sizeof(rx), &n), VSCMI_OK);
    assert_int_equal(rx[1] & 0xffff, 1024);
    assert_int_equal(simfw_xfer(fw, scmi_hdr(SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES, 2),
                                    tx, 4, rx, sizeof(rx), &n), VSCMI_OK);
    assert_int_equal(rx[0], 0);
    assert_string_equal((const char *)&rx[2], "clk1000");
    tx[0] = 1024;
    assert_int_equal(simfw_xfer(fw, scmi_hdr(SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 3),
                                    tx, 4, rx, sizeof(rx), &n), VSCMI_OK);
    assert_int_equal((int32_t)rx[0], SCMI_NOT_FOUND);
    simfw_destroy(fw);
    assert_null(simfw_create_sized(0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_base, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dispatch_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_clock_rates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_clock_set, setup, teardown),
        cmocka_unit_test_setup_teardown(test_power_reset_system, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sensor_perf_voltage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_faults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_ring, setup, teardown),
        cmocka_unit_test_setup_teardown(test_raw_channel, setup, teardown),
        cmocka_unit_test(test_sized),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
