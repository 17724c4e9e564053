/* SPDX-License-Identifier: MIT */
/*
 * SMT channel codec: byte layout of post / respond, and the bounds of
 * smt_xfer (waits bounded by time, echoed header, length checks, rx
 * truncation).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <vscmi/smt.h>
#include "os-host.h"
#include <vscmi/vscmi.h>

#define CHAN 128

static uint32_t rd(const uint8_t *c, size_t off)
{
    uint32_t v;

    memcpy(&v, c + off, 4);
    return v;
}

static void wr(uint8_t *c, size_t off, uint32_t v)
{
    memcpy(c + off, &v, 4);
}

static void test_post_layout(void **state)
{
    uint8_t c[CHAN] __attribute__((aligned(8)));
    const uint32_t p[3] = { 0x11111111, 0x22222222, 0x33333333 };

    memset(c, 0xa5, sizeof(c));
    wr(c, SMT_OFF_STATUS, SMT_STATUS_FREE);
    smt_post(c, sizeof(c), 0x1234, p, sizeof(p));
    assert_int_equal(rd(c, 0), 0xa5a5a5a5);                 /* reserved */
    assert_int_equal(rd(c, SMT_OFF_STATUS), 0);             /* busy */
    assert_int_equal(rd(c, SMT_OFF_FLAGS), 0);              /* polled */
    assert_int_equal(rd(c, SMT_OFF_LENGTH), 4 + sizeof(p));
    assert_int_equal(rd(c, SMT_OFF_HEADER), 0x1234);
    assert_memory_equal(c + SMT_OFF_PAYLOAD, p, sizeof(p));
    assert_int_equal(rd(c, SMT_OFF_PAYLOAD + 12), 0xa5a5a5a5);
}

static void test_post_truncates_to_channel(void **state)
{
    uint8_t *c = malloc(64);        /* exact size: ASan catches overruns */
    uint8_t big[200];

    memset(big, 0x5a, sizeof(big));
    smt_post(c, 64, 1, big, sizeof(big));
    assert_int_equal(rd(c, SMT_OFF_LENGTH), 4 + (64 - SMT_OFF_PAYLOAD));
    assert_int_equal(c[63], 0x5a);
    free(c);
}

static void test_post_unaligned_length(void **state)
{
    uint8_t c[CHAN] __attribute__((aligned(8)));
    const uint8_t p[6] = { 1, 2, 3, 4, 5, 6 };

    memset(c, 0, sizeof(c));
    smt_post(c, sizeof(c), 7, p, sizeof(p));
    assert_int_equal(rd(c, SMT_OFF_LENGTH), 10);
    assert_memory_equal(c + SMT_OFF_PAYLOAD, p, 6);
    assert_int_equal(c[SMT_OFF_PAYLOAD + 6], 0);
}

static void test_respond_layout(void **state)
{
    uint8_t c[CHAN] __attribute__((aligned(8)));
    const uint32_t r[2] = { (uint32_t)SCMI_NOT_FOUND, 0xdead };

    memset(c, 0, sizeof(c));
    smt_respond(c, sizeof(c), 0xabc, r, sizeof(r), false);
    assert_int_equal(rd(c, SMT_OFF_STATUS), SMT_STATUS_FREE);
    assert_int_equal(rd(c, SMT_OFF_LENGTH), 12);
    assert_int_equal(rd(c, SMT_OFF_HEADER), 0xabc);
    assert_memory_equal(c + SMT_OFF_PAYLOAD, r, sizeof(r));

    smt_respond(c, sizeof(c), 0xabc, r, 4, true);
    assert_int_equal(rd(c, SMT_OFF_STATUS), SMT_STATUS_FREE | SMT_STATUS_ERROR);
    assert_int_equal(rd(c, SMT_OFF_LENGTH), 8);
}

static void test_respond_truncates(void **state)
{
    uint8_t *c = malloc(40);
    uint32_t r[16];

    memset(r, 0x77, sizeof(r));
    smt_respond(c, 40, 1, r, sizeof(r), false);
    assert_int_equal(rd(c, SMT_OFF_LENGTH), 4 + 40 - SMT_OFF_PAYLOAD);
    assert_true(rd(c, SMT_OFF_STATUS) & SMT_STATUS_FREE);
    free(c);
}

static void test_read_head(void **state)
{
    uint8_t c[CHAN] __attribute__((aligned(8)));
    struct smt_head h;

    wr(c, SMT_OFF_STATUS, 3);
    wr(c, SMT_OFF_FLAGS, 1);
    wr(c, SMT_OFF_LENGTH, 44);
    wr(c, SMT_OFF_HEADER, 0x55);
    smt_read_head(c, &h);
    assert_int_equal(h.status, 3);
    assert_int_equal(h.flags, 1);
    assert_int_equal(h.length, 44);
    assert_int_equal(h.header, 0x55);
}

/* ---- smt_xfer against a scripted platform ---- */

struct plat {
    uint8_t *chan;
    unsigned int rings;
    int ring_rc;
    bool answer;            /* set FREE at all */
    uint32_t hdr_xor;       /* corrupt the echoed header */
    bool force_len;
    uint32_t length;        /* if force_len; else 4 + rsp_len */
    uint32_t status_bits;
    uint32_t rsp[24];
    size_t rsp_len;
    uint32_t seen_hdr, seen_len;
    uint32_t seen_payload[24];
};

static int plat_ring(void *priv)
{
    struct plat *p = priv;

    p->rings++;
    if ( p->ring_rc )
        return p->ring_rc;
    p->seen_hdr = rd(p->chan, SMT_OFF_HEADER);
    p->seen_len = rd(p->chan, SMT_OFF_LENGTH);
    memcpy(p->seen_payload, p->chan + SMT_OFF_PAYLOAD,
           VSCMI_MIN((size_t)p->seen_len - 4, sizeof(p->seen_payload)));
    if ( !p->answer )
        return 0;
    memcpy(p->chan + SMT_OFF_PAYLOAD, p->rsp, p->rsp_len);
    wr(p->chan, SMT_OFF_LENGTH, p->force_len ? p->length : 4 + (uint32_t)p->rsp_len);
    wr(p->chan, SMT_OFF_HEADER, p->seen_hdr ^ p->hdr_xor);
    wr(p->chan, SMT_OFF_STATUS, SMT_STATUS_FREE | p->status_bits);
    return 0;
}

static struct plat *plat_new(void)
{
    struct plat *p = calloc(1, sizeof(*p));

    p->chan = calloc(1, CHAN);
    wr(p->chan, SMT_OFF_STATUS, SMT_STATUS_FREE);
    p->answer = true;
    p->rsp[0] = SCMI_SUCCESS;
    p->rsp[1] = 0x10203040;
    p->rsp[2] = 0x50607080;
    p->rsp_len = 12;
    return p;
}

static void plat_free(struct plat *p)
{
    free(p->chan);
    free(p);
}

#define TIMEOUT_NS  30000000ull        /* 30 ms, as the mediator's */

static int xfer(struct plat *p, uint32_t hdr, const void *tx, size_t tx_len,
                void *rx, size_t rx_max, size_t *rx_len)
{
    struct vscmi_fw_chan fw = {
        .shm = p->chan, .size = CHAN, .ring = plat_ring, .priv = p,
    };

    return smt_xfer(&fw, TIMEOUT_NS, hdr, tx, tx_len, rx, rx_max, rx_len);
}

static void test_xfer_ok(void **state)
{
    struct plat *p = plat_new();
    uint32_t tx[2] = { 7, 9 }, rx[8];
    size_t n = 99;

    assert_int_equal(xfer(p, 0x4242, tx, sizeof(tx), rx, sizeof(rx), &n), VSCMI_OK);
    assert_int_equal(p->rings, 1);
    assert_int_equal(p->seen_hdr, 0x4242);
    assert_int_equal(p->seen_len, 12);
    assert_memory_equal(p->seen_payload, tx, sizeof(tx));
    assert_int_equal(n, 12);
    assert_int_equal(rx[0], SCMI_SUCCESS);
    assert_int_equal(rx[2], 0x50607080);
    plat_free(p);
}

/* A page a failed transaction left busy is taken back after the wait. */
static void test_xfer_reclaims_busy_channel(void **state)
{
    struct plat *p = plat_new();
    uint32_t rx[4];
    size_t n = 5;

    wr(p->chan, SMT_OFF_STATUS, 0);
    assert_int_equal(xfer(p, 1, NULL, 0, rx, sizeof(rx), &n), VSCMI_OK);
    assert_int_equal(p->rings, 1);
    assert_int_equal(p->seen_hdr, 1);
    assert_int_equal(n, 12);

    /* and a transaction that never answers does not wedge the next one */
    p->answer = false;
    assert_int_equal(xfer(p, 2, NULL, 0, rx, sizeof(rx), &n), VSCMI_ETIMEDOUT);
    p->answer = true;
    assert_int_equal(xfer(p, 3, NULL, 0, rx, sizeof(rx), &n), VSCMI_OK);
    assert_int_equal(p->seen_hdr, 3);
    plat_free(p);
}

static void test_xfer_no_answer_times_out(void **state)
{
    struct plat *p = plat_new();
    uint32_t rx[4];
    size_t n;

    p->answer = false;
    assert_int_equal(xfer(p, 1, NULL, 0, rx, sizeof(rx), &n), VSCMI_ETIMEDOUT);
    assert_int_equal(p->rings, 1);
    assert_int_equal(n, 0);
    plat_free(p);
}

/*
 * The waits are bounded by time, not by polls: the host clock moves on at
 * each poll, so a platform that never answers is given up after 30 ms of
 * clock, and one that answers at 20 ms is still heard.
 */
static struct plat *late;
static uint64_t late_at;

static void answer_late(void)
{
    struct plat *p = late;

    late = NULL;                    /* reading the clock calls this again */
    if ( !p )
        return;
    if ( vscmi_now_ns() < late_at )
    {
        late = p;                   /* not yet */
        return;
    }
    wr(p->chan, SMT_OFF_LENGTH, 4 + (uint32_t)p->rsp_len);
    memcpy(p->chan + SMT_OFF_PAYLOAD, p->rsp, p->rsp_len);
    wr(p->chan, SMT_OFF_HEADER, p->seen_hdr);
    wr(p->chan, SMT_OFF_STATUS, SMT_STATUS_FREE);
}

static void test_xfer_waits_by_time(void **state)
{
    struct plat *p = plat_new();
    uint32_t rx[4];
    uint64_t t0;
    size_t n;

    vscmi_host_clock_set(1000000000ull);
    p->answer = false;
    t0 = vscmi_now_ns();
    assert_int_equal(xfer(p, 1, NULL, 0, rx, sizeof(rx), &n), VSCMI_ETIMEDOUT);
    assert_true(vscmi_now_ns() - t0 >= TIMEOUT_NS);
    assert_true(vscmi_now_ns() - t0 < TIMEOUT_NS + 1000000);

    /* the channel is busy now: reclaimed after the wait, then a late answer */
    wr(p->chan, SMT_OFF_STATUS, SMT_STATUS_FREE);
    t0 = vscmi_now_ns();
    late = p;
    late_at = t0 + 20000000ull;
    vscmi_host_clock_hook(answer_late);
    assert_int_equal(xfer(p, 2, NULL, 0, rx, sizeof(rx), &n), VSCMI_OK);
    vscmi_host_clock_hook(NULL);
    assert_null(late);
    assert_true(vscmi_now_ns() - t0 >= 20000000ull);
    assert_int_equal(rx[1], 0x10203040);
    plat_free(p);
}

static void test_xfer_ring_failure(void **state)
{
    struct plat *p = plat_new();
    uint32_t rx[4];
    size_t n;

    p->ring_rc = -1;
    assert_int_equal(xfer(p, 1, NULL, 0, rx, sizeof(rx), &n), VSCMI_EIO);
    plat_free(p);
}

static void test_xfer_header_mismatch(void **state)
{
    struct plat *p = plat_new();
    uint32_t rx[4];
    size_t n;

    p->hdr_xor = 1u << SCMI_HDR_TOKEN_SHIFT;       /* another token */
    assert_int_equal(xfer(p, scmi_hdr(0x14, 5, 3), NULL, 0, rx, sizeof(rx), &n),
                     VSCMI_EPROTO);
    p->hdr_xor = 1;                                 /* another message */
    assert_int_equal(xfer(p, scmi_hdr(0x14, 5, 4), NULL, 0, rx, sizeof(rx), &n),
                     VSCMI_EPROTO);
    plat_free(p);
}

static void test_xfer_error_bit(void **state)
{
    struct plat *p = plat_new();
    uint32_t rx[4];
    size_t n;

    p->status_bits = SMT_STATUS_ERROR;
    assert_int_equal(xfer(p, 1, NULL, 0, rx, sizeof(rx), &n), VSCMI_EIO);
    plat_free(p);
}

static void test_xfer_bad_lengths(void **state)
{
    static const uint32_t lens[] = { 0, 4, 7, CHAN - SMT_OFF_HEADER + 1, 0xffffffff };
    struct plat *p = plat_new();
    uint32_t rx[32];
    size_t n, i;

    for ( i = 0; i < VSCMI_ARRAY_SIZE(lens); i++ )
    {
        p->force_len = true;
        p->length = lens[i];
        assert_int_equal(xfer(p, 1, NULL, 0, rx, sizeof(rx), &n), VSCMI_EPROTO);
    }
    /* the largest legal answer fills the page exactly */
    p->length = CHAN - SMT_OFF_HEADER;
    assert_int_equal(xfer(p, 1, NULL, 0, rx, sizeof(rx), &n), VSCMI_OK);
    assert_int_equal(n, CHAN - SMT_OFF_PAYLOAD);
    plat_free(p);
}

static void test_xfer_rx_truncated(void **state)
{
    struct plat *p = plat_new();
    uint32_t *rx = malloc(8);       /* room for 2 of the 3 words */
    size_t n;

    assert_int_equal(xfer(p, 1, NULL, 0, rx, 8, &n), VSCMI_OK);
    assert_int_equal(n, 8);
    assert_int_equal(rx[1], 0x10203040);
    free(rx);
    plat_free(p);
}

static void test_xfer_tx_too_long(void **state)
{
    struct plat *p = plat_new();
    uint8_t tx[CHAN];
    uint32_t rx[4];
    size_t n;

    memset(tx, 0, sizeof(tx));
    assert_int_equal(xfer(p, 1, tx, CHAN - SMT_OFF_PAYLOAD + 1, rx, sizeof(rx), &n),
                     VSCMI_EPROTO);
    assert_int_equal(p->rings, 0);
    assert_int_equal(xfer(p, 1, tx, CHAN - SMT_OFF_PAYLOAD, rx, sizeof(rx), &n),
                     VSCMI_OK);
    plat_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_post_layout),
        cmocka_unit_test(test_post_truncates_to_channel),
        cmocka_unit_test(test_post_unaligned_length),
        cmocka_unit_test(test_respond_layout),
        cmocka_unit_test(test_respond_truncates),
        cmocka_unit_test(test_read_head),
        cmocka_unit_test(test_xfer_ok),
        cmocka_unit_test(test_xfer_reclaims_busy_channel),
        cmocka_unit_test(test_xfer_no_answer_times_out),
        cmocka_unit_test(test_xfer_waits_by_time),
        cmocka_unit_test(test_xfer_ring_failure),
        cmocka_unit_test(test_xfer_header_mismatch),
        cmocka_unit_test(test_xfer_error_bit),
        cmocka_unit_test(test_xfer_bad_lengths),
        cmocka_unit_test(test_xfer_rx_truncated),
        cmocka_unit_test(test_xfer_tx_too_long),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
