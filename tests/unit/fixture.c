/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include <vscmi/smt.h>

#include "fixture.h"

int fixture_setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));

    if ( !f )
        return -1;
    vscmi_host_clock_set(1000000000ull);
    f->fw = simfw_create();
    if ( !f->fw ||
         vscmi_mediator_create(simfw_fw(f->fw), &f->m, &f->err) )
    {
        print_error("fixture: %s\n", f->err.line);
        return -1;
    }
    simfw_log_clear(f->fw);
    *state = f;
    return 0;
}

int fixture_teardown(void **state)
{
    struct fixture *f = *state;
    unsigned int i;

    for ( i = 0; i < FIXTURE_MAX_DOMAINS; i++ )
        fixture_destroy_domain(f, i);
    vscmi_mediator_destroy(f->m);
    simfw_destroy(f->fw);
    free(f);
    return 0;
}

struct agent *fixture_domain(struct fixture *f, unsigned int slot,
                             const struct vscmi_domain_cfg *cfg)
{
    struct vscmi_domain *d;
    int rc;

    assert_true(slot < FIXTURE_MAX_DOMAINS);
    assert_null(f->ag[slot]);
    rc = vscmi_domain_create(f->m, cfg, &d, &f->err);
    if ( rc )
        print_error("domain create: %s\n", f->err.line);
    assert_int_equal(rc, VSCMI_OK);
    f->ag[slot] = calloc(1, sizeof(*f->ag[slot]));
    assert_non_null(f->ag[slot]);
    agent_init(f->ag[slot], d);
    return f->ag[slot];
}

void fixture_destroy_domain(struct fixture *f, unsigned int slot)
{
    if ( !f->ag[slot] )
        return;
    vscmi_domain_destroy(f->ag[slot]->d);
    free(f->ag[slot]);
    f->ag[slot] = NULL;
}

size_t fw_count(const struct fixture *f)
{
    return simfw_log_count(f->fw);
}

const struct simfw_rec *fw_last(const struct fixture *f)
{
    size_t n = simfw_log_count(f->fw);

    return n ? simfw_log_at(f->fw, n - 1) : NULL;
}

unsigned int fw_count_of(const struct fixture *f, uint8_t proto, uint8_t msg,
                         uint32_t id)
{
    size_t i, n = simfw_log_count(f->fw);
    unsigned int hits = 0;

    for ( i = 0; i < n; i++ )
    {
        const struct simfw_rec *r = simfw_log_at(f->fw, i);

        if ( r->proto == proto && r->msg == msg && r->has_id && r->id == id )
            hits++;
    }
    return hits;
}

void assert_last_fw(const struct fixture *f, uint8_t proto, uint8_t msg,
                    uint32_t phys)
{
    const struct simfw_rec *r = fw_last(f);

    assert_non_null(r);
    assert_int_equal(r->proto, proto);
    assert_int_equal(r->msg, msg);
    assert_true(r->has_id);
    assert_int_equal(r->id, phys);
}

int32_t fw_direct(struct fixture *f, uint8_t proto, uint8_t msg,
                  const uint32_t *tx, size_t len, uint32_t *rx, size_t *rx_len)
{
    int rc;

    simfw_log_enable(f->fw, false);
    rc = simfw_xfer(f->fw, scmi_hdr(proto, msg, 0x3ff), tx, len, rx,
                        VSCMI_RSP_MAX, rx_len);
    simfw_log_enable(f->fw, true);
    assert_int_equal(rc, VSCMI_OK);
    return (int32_t)rx[0];
}

int32_t small_call(struct vscmi_domain *d, size_t size, uint8_t proto,
                   uint8_t msg, const uint32_t *tx, size_t len, uint32_t *rx,
                   size_t *rx_len)
{
    uint8_t chan[256] __attribute__((aligned(8)));
    struct smt_head h;

    size_t i;

    assert_true(size <= sizeof(chan));
    memset(chan, 0xee, sizeof(chan));
    smt_post(chan, size, scmi_hdr(proto, msg, 5), tx, len);
    assert_int_equal(vscmi_domain_call(d, chan, size), VSCMI_OK);
    smt_read_head(chan, &h);
    assert_true(h.status & SMT_STATUS_FREE);
    assert_true(h.length >= 8 && h.length - 4 <= smt_payload_max(size));
    *rx_len = h.length - 4;
    memcpy(rx, chan + SMT_OFF_PAYLOAD, *rx_len);
    /* nothing written beyond the channel */
    for ( i = size; i < sizeof(chan); i++ )
        assert_int_equal(chan[i], 0xee);
    return (int32_t)rx[0];
}
