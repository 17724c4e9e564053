/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

int fixture_setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));

    if ( !f )
        return -1;
    vscmi_host_clock_set(1000000000ull);
    f->fw = simfw_create();
    if ( !f->fw ||
         vscmi_mediator_create(&simfw_ops, f->fw, &f->m, f->err, sizeof(f->err)) )
    {
        print_error("fixture: %s\n", f->err);
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
    rc = vscmi_domain_create(f->m, cfg, &d, f->err, sizeof(f->err));
    if ( rc )
        print_error("domain create: %s\n", f->err);
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
