/* SPDX-License-Identifier: MIT */
/*
 * Per-domain policy: configuration (validated all or nothing), resource
 * lookup, access modes, shared votes and teardown.
 *
 * A domain sees resources 0..n-1 of each protocol; entry i of its grant
 * table names the firmware resource.  Lookups are an array index on both
 * sides: O(1) in the number of domains and resources.
 */
#include "private.h"
#include "wire.h"

static const char *const mode_names[] = { "full", "ro", "shared", "none" };

static void vote_commit(struct vscmi_domain *d, uint8_t proto,
                        struct vscmi_grant *g, bool on);

/* The protocol of index @idx (0..VSCMI_NR_PROTOS-1): all are in the table. */
static const struct vscmi_protocol *proto_of(unsigned int idx)
{
    return vscmi_protocol_get(SCMI_PROTO_BASE + idx);
}

/* ---- configuration ---- */

static int validate_grants(struct vscmi_mediator *m,
                           const struct vscmi_domain_cfg *cfg,
                           unsigned int idx, struct vscmi_error *err)
{
    const char *what = proto_of(idx)->name;
    uint32_t i;

    if ( !cfg->res[idx].nr )
        return VSCMI_OK;
    err->proto = SCMI_PROTO_BASE + idx;     /* where a failure below lies */
    err->entry = VSCMI_ERR_ALL;
    if ( !proto_of(idx)->has_resources )
    {
        vscmi_snprintf(err->line, sizeof(err->line), "dom%u: protocol 0x%x has no resources to grant",
                       cfg->domid, idx + SCMI_PROTO_BASE);
        return VSCMI_EINVAL;
    }
    if ( !(m->fw_protocols & (1u << idx)) )
    {
        vscmi_snprintf(err->line, sizeof(err->line), "dom%u: %s grants: firmware has no protocol 0x%x",
                       cfg->domid, what, idx + SCMI_PROTO_BASE);
        return VSCMI_ENODEV;
    }
    if ( !cfg->res[idx].grant || cfg->res[idx].nr > m->nr_res[idx] )
    {
        vscmi_snprintf(err->line, sizeof(err->line), "dom%u: %u %s grants, firmware has %u",
                       cfg->domid, cfg->res[idx].nr, what, m->nr_res[idx]);
        return VSCMI_EINVAL;
    }

    m->mark++;
    for ( i = 0; i < cfg->res[idx].nr; i++ )
    {
        const struct vscmi_grant_cfg *g = &cfg->res[idx].grant[i];
        const struct vscmi_res *r;
        const struct vscmi_domain *all = m->all_domain;

        err->entry = i;

        if ( g->mode == VSCMI_MODE_NONE && g->owner )
        {
            vscmi_snprintf(err->line, sizeof(err->line), "dom%u: %s %u: owner needs mode shared, not none",
                           cfg->domid, what, i);
            return VSCMI_EINVAL;
        }
        if ( g->mode == VSCMI_MODE_NONE )
            continue;
        if ( g->phys >= m->nr_res[idx] )
        {
            vscmi_snprintf(err->line, sizeof(err->line),
                           "dom%u: %s %u: firmware has no %s %u (it has %u)",
                           cfg->domid, what, i, what, g->phys, m->nr_res[idx]);
            return VSCMI_ENODEV;
        }
        if ( g->mode > VSCMI_MODE_NONE )
        {
            vscmi_snprintf(err->line, sizeof(err->line), "dom%u: %s %u: unknown mode %u",
                           cfg->domid, what, i, g->mode);
            return VSCMI_EINVAL;
        }
        r = &m->res[idx][g->phys];
        if ( r->mark == m->mark )
        {
            vscmi_snprintf(err->line, sizeof(err->line), "dom%u: %s %u: firmware %s %u granted twice",
                           cfg->domid, what, i, what, g->phys);
            return VSCMI_EINVAL;
        }
        m->res[idx][g->phys].mark = m->mark;

        if ( r->excl )
        {
            vscmi_snprintf(err->line, sizeof(err->line),
                           "dom%u: %s %u: firmware %s %u is exclusive to dom%u",
                           cfg->domid, what, i, what, g->phys, r->excl->domid);
            return VSCMI_EINVAL;
        }
        if ( g->mode == VSCMI_MODE_FULL && r->sharers )
        {
            vscmi_snprintf(err->line, sizeof(err->line),
                           "dom%u: %s %u: firmware %s %u is already shared, cannot be full",
                           cfg->domid, what, i, what, g->phys);
            return VSCMI_EINVAL;
        }
        if ( g->mode == VSCMI_MODE_FULL && all && all->view[idx].nr &&
             all->view[idx].grant[g->phys].held )
        {
            vscmi_snprintf(err->line, sizeof(err->line),
                           "dom%u: %s %u: firmware %s %u is in use by dom%u",
                           cfg->domid, what, i, what, g->phys, all->domid);
            return VSCMI_EINVAL;
        }
        if ( g->owner && g->mode != VSCMI_MODE_SHARED )
        {
            vscmi_snprintf(err->line, sizeof(err->line), "dom%u: %s %u: owner needs mode shared, not %s",
                           cfg->domid, what, i, mode_names[g->mode]);
            return VSCMI_EINVAL;
        }
        if ( g->owner && !proto_of(idx)->has_owner )
        {
            vscmi_snprintf(err->line, sizeof(err->line),
                           "dom%u: %s %u: shared-owner: a %s has nothing to set beyond its votes",
                           cfg->domid, what, i, what);
            return VSCMI_EINVAL;
        }
        if ( g->owner && r->owner )
        {
            vscmi_snprintf(err->line, sizeof(err->line),
                           "dom%u: %s %u: firmware %s %u already owned by dom%u",
                           cfg->domid, what, i, what, g->phys, r->owner->domid);
            return VSCMI_EINVAL;
        }
        if ( g->mode == VSCMI_MODE_FULL && cfg->agent &&
             cfg->agent->id[idx][g->phys] == VSCMI_AGENT_NO_ID )
        {
            vscmi_snprintf(err->line, sizeof(err->line),
                           "dom%u: %s %u: firmware %s %u is not one its agent channel sees (by a unique name)",
                           cfg->domid, what, i, what, g->phys);
            return VSCMI_ENODEV;
        }
    }
    return VSCMI_OK;
}

static int validate_cfg(struct vscmi_mediator *m, const struct vscmi_domain_cfg *cfg,
                    struct vscmi_error *err)
{
    unsigned int idx;
    int rc;

    err->proto = 0;
    err->entry = VSCMI_ERR_ALL;
    if ( cfg->protocols >> VSCMI_NR_PROTOS )
    {
        vscmi_snprintf(err->line, sizeof(err->line), "dom%u: unknown protocol bits 0x%x",
                       cfg->domid, cfg->protocols);
        return VSCMI_EINVAL;
    }
    for ( idx = 1; idx < VSCMI_NR_PROTOS; idx++ )
        if ( (cfg->protocols & (1u << idx)) && !(m->fw_protocols & (1u << idx)) )
        {
            vscmi_snprintf(err->line, sizeof(err->line), "dom%u: firmware has no protocol 0x%x (%s)",
                           cfg->domid, idx + SCMI_PROTO_BASE, proto_of(idx)->name);
            return VSCMI_ENODEV;
        }
    if ( cfg->agent && cfg->agent->m != m )
    {
        vscmi_snprintf(err->line, sizeof(err->line),
                       "dom%u: agent channel of another mediator", cfg->domid);
        return VSCMI_EINVAL;
    }
    if ( cfg->all )
    {
        if ( cfg->agent )
        {
            vscmi_snprintf(err->line, sizeof(err->line),
                           "dom%u: policy all cannot have a firmware agent channel of its own",
                           cfg->domid);
            return VSCMI_EINVAL;
        }
        if ( m->all_domain )
        {
            vscmi_snprintf(err->line, sizeof(err->line), "dom%u: policy all: dom%u already has it",
                           cfg->domid, m->all_domain->domid);
            return VSCMI_EINVAL;
        }
        return VSCMI_OK;
    }
    for ( idx = 0; idx < VSCMI_NR_PROTOS; idx++ )
    {
        rc = validate_grants(m, cfg, idx, err);
        if ( rc )
            return rc;
    }
    return VSCMI_OK;
}

static int alloc_views(struct vscmi_domain *d, const struct vscmi_domain_cfg *cfg)
{
    struct vscmi_mediator *m = d->m;
    unsigned int idx;
    uint32_t i;

    for ( idx = 0; idx < VSCMI_NR_PROTOS; idx++ )
    {
        uint32_t nr = cfg->all ? m->nr_res[idx] : cfg->res[idx].nr;
        struct vscmi_grant *g;

        if ( !nr || !proto_of(idx)->has_resources ||
             !(d->protocols & (1u << idx)) )
            continue;
        g = vscmi_zalloc(nr * sizeof(*g));
        if ( !g )
            return VSCMI_ENOMEM;
        for ( i = 0; i < nr; i++ )
        {
            g[i].phys = cfg->all ? i : cfg->res[idx].grant[i].phys;
            g[i].mode = cfg->all ? VSCMI_MODE_FULL : cfg->res[idx].grant[i].mode;
            g[i].on_agent = cfg->agent && g[i].mode == VSCMI_MODE_FULL;
            g[i].agent_id = g[i].on_agent ? cfg->agent->id[idx][g[i].phys]
                                          : g[i].phys;
        }
        d->view[idx].grant = g;
        d->view[idx].nr = nr;
    }
    return VSCMI_OK;
}

static void free_views(struct vscmi_domain *d)
{
    unsigned int idx;

    for ( idx = 0; idx < VSCMI_NR_PROTOS; idx++ )
    {
        vscmi_free(d->view[idx].grant);
        d->view[idx].grant = NULL;
        d->view[idx].nr = 0;
    }
}

/* Register the domain's grants in the mediator's resource table. */
static void apply(struct vscmi_domain *d, const struct vscmi_domain_cfg *cfg)
{
    struct vscmi_mediator *m = d->m;
    unsigned int idx;
    uint32_t i;

    m->nr_domains++;
    if ( cfg->all )
    {
        m->all_domain = d;
        return;
    }
    for ( idx = 0; idx < VSCMI_NR_PROTOS; idx++ )
        for ( i = 0; i < d->view[idx].nr; i++ )
        {
            const struct vscmi_grant_cfg *g = &cfg->res[idx].grant[i];
            struct vscmi_res *r;

            if ( g->mode == VSCMI_MODE_NONE )
                continue;
            r = &m->res[idx][g->phys];
            if ( g->mode == VSCMI_MODE_FULL )
                r->excl = d;
            else
                r->sharers++;
            if ( g->owner )
                r->owner = d;
        }
}

static void unapply(struct vscmi_domain *d)
{
    struct vscmi_mediator *m = d->m;
    unsigned int idx;
    uint32_t i;

    m->nr_domains--;
    if ( d->all )
    {
        m->all_domain = NULL;
        return;
    }
    for ( idx = 0; idx < VSCMI_NR_PROTOS; idx++ )
        for ( i = 0; i < d->view[idx].nr; i++ )
        {
            struct vscmi_res *r;

            if ( d->view[idx].grant[i].mode == VSCMI_MODE_NONE )
                continue;
            r = &m->res[idx][d->view[idx].grant[i].phys];
            if ( r->excl == d )
                r->excl = NULL;
            else if ( r->sharers )
                r->sharers--;
            if ( r->owner == d )
                r->owner = NULL;
        }
}

int vscmi_domain_create(struct vscmi_mediator *m,
                        const struct vscmi_domain_cfg *cfg,
                        struct vscmi_domain **out, struct vscmi_error *err)
{
    struct vscmi_domain *d;
    unsigned int idx;
    int rc;

    *out = NULL;
    vscmi_lock(&m->lock);
    rc = validate_cfg(m, cfg, err);
    vscmi_unlock(&m->lock);
    if ( rc )
        return rc;

    d = vscmi_zalloc(sizeof(*d));
    if ( !d )
    {
        vscmi_snprintf(err->line, sizeof(err->line), "dom%u: out of memory", cfg->domid);
        return VSCMI_ENOMEM;
    }
    d->m = m;
    d->agent = cfg->agent;
    d->domid = cfg->domid;
    d->privileged = cfg->privileged;
    d->all = cfg->all;
    if ( cfg->name )
    {
        for ( idx = 0; idx + 1 < sizeof(d->name) && cfg->name[idx]; idx++ )
            d->name[idx] = cfg->name[idx];
    }
    else
        vscmi_snprintf(d->name, sizeof(d->name), "dom%u", cfg->domid);

    d->protocols = VSCMI_PROTO_BIT(SCMI_PROTO_BASE) |
                   (cfg->all && !cfg->protocols ? m->fw_protocols
                                                : cfg->protocols);
    for ( idx = 0; idx < VSCMI_NR_PROTOS; idx++ )
        if ( !cfg->all && cfg->res[idx].nr )
            d->protocols |= 1u << idx;
    d->protocols &= m->fw_protocols;

    if ( cfg->rate )
    {
        uint64_t burst = cfg->burst ? cfg->burst : cfg->rate;

        d->rate = cfg->rate;
        d->burst_ns = burst * 1000000000ull;
        d->fill_ns = d->burst_ns / d->rate;
        d->tokens_ns = d->burst_ns;
        d->last_ns = vscmi_now_ns();
    }

    if ( alloc_views(d, cfg) )
    {
        free_views(d);
        vscmi_free(d);
        vscmi_snprintf(err->line, sizeof(err->line), "dom%u: out of memory for grants", cfg->domid);
        return VSCMI_ENOMEM;
    }

    /* Validate again under the lock: another domain may have raced us. */
    vscmi_lock(&m->lock);
    rc = validate_cfg(m, cfg, err);
    if ( !rc )
        apply(d, cfg);
    vscmi_unlock(&m->lock);
    if ( rc )
    {
        free_views(d);
        vscmi_free(d);
        return rc;
    }

    *out = d;
    return VSCMI_OK;
}

/*
 * Drop the domain's vote on @g: the protocol's vote_off message reaches
 * firmware when it was the last vote (or the grant is exclusive).  The vote
 * is dropped whatever firmware answers: a failure is logged.
 */
static void release_vote(struct vscmi_domain *d, const struct vscmi_protocol *p,
                         struct vscmi_grant *g)
{
    struct vscmi_call c = {
        .d = d, .m = d->m, .p = p, .proto = p->id,
        .rsp = d->rsp, .rsp_max = sizeof(d->rsp),
    };
    uint32_t tx[VSCMI_REQ_MAX / 4];
    uint8_t msg;
    size_t len = p->vote_off(d->m, vscmi_route(&c, g), &msg, tx);
    int32_t status;

    c.msg = msg;
    vscmi_vote(&c, g, false, msg, tx, len);
    status = vscmi_rsp(&c, status)->status;
    if ( status != SCMI_SUCCESS )
    {
        vscmi_log("dom%u: %s %u: releasing at teardown failed (%d)",
                  d->domid, p->name, g->phys, status);
        vote_commit(d, p->id, g, false);
    }
}

int vscmi_domain_release(struct vscmi_domain *d, unsigned int budget)
{
    unsigned int idx;
    uint32_t i;

    vscmi_lock(&d->m->lock);
    d->released = true;                 /* a racing vCPU gets no new vote */
    vscmi_unlock(&d->m->lock);

    for ( idx = 0; idx < VSCMI_NR_PROTOS; idx++ )
    {
        const struct vscmi_protocol *p = proto_of(idx);
        struct vscmi_proto_view *v = &d->view[idx];

        if ( !p->vote_off )
            continue;
        for ( i = 0; i < v->nr; i++ )
        {
            if ( !v->grant[i].held )
                continue;
            if ( !budget-- )
                return VSCMI_EAGAIN;
            /* the lock for one transaction: other domains' calls go between */
            vscmi_lock(&d->m->lock);
            if ( v->grant[i].held )
                release_vote(d, p, &v->grant[i]);
            vscmi_unlock(&d->m->lock);
        }
    }
    return VSCMI_OK;
}

void vscmi_domain_teardown(struct vscmi_domain *d)
{
    vscmi_domain_release(d, ~0u);
}

void vscmi_domain_destroy(struct vscmi_domain *d)
{
    if ( !d )
        return;
    vscmi_domain_teardown(d);
    vscmi_lock(&d->m->lock);
    unapply(d);
    vscmi_unlock(&d->m->lock);
    free_views(d);
    vscmi_free(d);
}

void vscmi_domain_counters(const struct vscmi_domain *d,
                           struct vscmi_counters *c)
{
    *c = d->cnt;
}

uint16_t vscmi_domain_id(const struct vscmi_domain *d)
{
    return d->domid;
}

bool vscmi_domain_grant(const struct vscmi_domain *d, unsigned int n,
                        struct vscmi_grant_info *out)
{
    struct vscmi_mediator *m = d->m;
    unsigned int idx, i;
    bool found = false;

    vscmi_lock(&m->lock);
    for ( idx = 0; idx < VSCMI_NR_PROTOS && !found; idx++ )
        for ( i = 0; i < d->view[idx].nr; i++ )
        {
            const struct vscmi_grant *g = &d->view[idx].grant[i];

            if ( g->mode == VSCMI_MODE_NONE || n-- )
                continue;
            out->proto = SCMI_PROTO_BASE + idx;
            out->mode = g->mode;
            out->owner = m->res[idx][g->phys].owner == d;
            out->held = g->held;
            out->guest_id = i;
            out->phys = g->phys;
            found = true;
            break;
        }
    vscmi_unlock(&m->lock);

    return found;
}

/* ---- the call path ---- */

static struct vscmi_res *res_of(const struct vscmi_call *c,
                                const struct vscmi_grant *g)
{
    return &c->m->res[VSCMI_PROTO_IDX(c->proto)][g->phys];
}

struct vscmi_grant *vscmi_lookup(struct vscmi_call *c, uint32_t virt,
                                 uint8_t *mode)
{
    struct vscmi_proto_view *v = &c->d->view[VSCMI_PROTO_IDX(c->proto)];
    struct vscmi_grant *g;
    const struct vscmi_res *r;

    if ( virt >= v->nr )
        return NULL;
    g = &v->grant[vscmi_index_nospec(virt, v->nr)];
    if ( !c->d->all )
    {
        *mode = g->mode;
        return g->mode == VSCMI_MODE_NONE ? NULL : g;
    }
    r = res_of(c, g);
    if ( r->excl && r->excl != c->d )
        return NULL;
    *mode = r->sharers ? VSCMI_MODE_SHARED : VSCMI_MODE_FULL;
    return g;
}

struct vscmi_grant *vscmi_resolve(struct vscmi_call *c, uint32_t virt,
                                  uint8_t *mode)
{
    struct vscmi_grant *g = vscmi_lookup(c, virt, mode);

    if ( !g )
        vscmi_deny(c, SCMI_NOT_FOUND);
    return g;
}

bool vscmi_may_control(const struct vscmi_call *c, uint8_t mode)
{
    return mode == VSCMI_MODE_FULL || mode == VSCMI_MODE_SHARED;
}

bool vscmi_may_set(const struct vscmi_call *c, const struct vscmi_grant *g,
                   uint8_t mode)
{
    if ( mode == VSCMI_MODE_FULL )
        return true;
    return mode == VSCMI_MODE_SHARED && res_of(c, g)->owner == c->d;
}

uint32_t vscmi_view_count(const struct vscmi_call *c)
{
    return c->d->view[VSCMI_PROTO_IDX(c->proto)].nr;
}

void vscmi_deny(struct vscmi_call *c, int32_t status)
{
    c->d->cnt.denied++;
    vscmi_reply(c, status);
}

/* Does the vote change resource @r (first on, last off, or exclusive)? */
static bool vote_needs_fw(const struct vscmi_res *r, const struct vscmi_grant *g,
                          bool on)
{
    if ( !r->sharers )
        return true;                        /* exclusive: direct control */
    if ( on )
        return !g->held && r->votes == 0;
    return g->held && r->votes == 1;
}

static void vote_commit(struct vscmi_domain *d, uint8_t proto,
                        struct vscmi_grant *g, bool on)
{
    struct vscmi_res *r = &d->m->res[VSCMI_PROTO_IDX(proto)][g->phys];

    if ( on == g->held )
        return;
    g->held = on;
    if ( on )
    {
        r->votes++;
        d->cnt.votes++;
    }
    else
    {
        r->votes--;
        d->cnt.votes--;
    }
}

void vscmi_vote_record(struct vscmi_domain *d, uint8_t proto,
                       struct vscmi_grant *g, bool on)
{
    vote_commit(d, proto, g, on);
}

/*
 * The message went through vscmi_route(): a shared resource's first on and
 * last off go on the mediator's channel whoever votes.
 */
void vscmi_vote(struct vscmi_call *c, struct vscmi_grant *g, bool on,
                uint8_t msg, const void *tx, size_t tx_len)
{
    const struct vscmi_res *r = res_of(c, g);

    if ( vote_needs_fw(r, g, on) &&
         !vscmi_forward(c, msg, tx, tx_len, sizeof(struct scmi_status_p2a)) )
        return;
    vote_commit(c->d, c->proto, g, on);
    vscmi_reply(c, SCMI_SUCCESS);
}
