/* SPDX-License-Identifier: MIT */
/*
 * Further agent channels of multi-agent firmware.  Each agent has its own
 * view: the firmware may show it a subset of the resources, numbered its
 * own way (SCP-firmware's per-agent tables do).  The mediator validates
 * grants against its own agent's (agent 0's) discovery, so before a domain
 * sends anything on another agent's channel each resource is matched by
 * name to that agent's id.  A name found twice on either side matches
 * nothing: better refused than sent to the wrong clock.
 */
#include "private.h"

typedef char vscmi_name_t[SCMI_SHORT_NAME_LEN];

static bool names_equal(const char *a, const char *b)
{
    unsigned int i;

    for ( i = 0; i < SCMI_SHORT_NAME_LEN; i++ )
    {
        if ( a[i] != b[i] )
            return false;
        if ( !a[i] )
            break;
    }
    return true;
}

/*
 * Read @nr names of @proto on @fw; a resource without one gets "".  A
 * channel that stops answering ends it (VSCMI_ETIMEDOUT): each silence
 * costs the whole firmware timeout.
 */
static int read_names(struct vscmi_mediator *m, const struct vscmi_fw_chan *fw,
                      uint8_t proto, uint32_t nr, vscmi_name_t *names)
{
    uint32_t i;
    int rc;

    for ( i = 0; i < nr; i++ )
    {
        rc = vscmi_fw_name_on(m, fw, proto, i, names[i]);
        if ( rc == VSCMI_ETIMEDOUT )
            return rc;
        if ( rc )
            names[i][0] = '\0';
    }
    return VSCMI_OK;
}

/* The only index of @name in @names[0..nr-1], or VSCMI_AGENT_NO_ID. */
static uint32_t unique_index(vscmi_name_t *names, uint32_t nr, const char *name)
{
    uint32_t i, found = VSCMI_AGENT_NO_ID;

    if ( !name[0] )
        return VSCMI_AGENT_NO_ID;
    for ( i = 0; i < nr; i++ )
        if ( names_equal(names[i], name) )
        {
            if ( found != VSCMI_AGENT_NO_ID )
                return VSCMI_AGENT_NO_ID;
            found = i;
        }
    return found;
}

/*
 * The agent's count of @proto's resources (at most VSCMI_MAX_RES, as the
 * mediator's), or false when it lacks the protocol.
 */
static bool agent_count(struct vscmi_mediator *m,
                        const struct vscmi_fw_chan *fw, uint8_t proto,
                        uint32_t *nr)
{
    uint32_t rx[VSCMI_RSP_MAX / 4];

    *nr = 0;
    if ( vscmi_fw_query(m, fw, proto, SCMI_PROTOCOL_ATTRIBUTES, NULL, 0, rx,
                        8) )
        return false;
    *nr = VSCMI_MIN(rx[1] & SCMI_ATTR_COUNT_MASK, (uint32_t)VSCMI_MAX_RES);
    return true;
}

static int match_protocol(struct vscmi_mediator *m, struct vscmi_agent *a,
                          unsigned int idx, struct vscmi_error *err)
{
    uint8_t proto = SCMI_PROTO_BASE + idx;
    const char *what = vscmi_protocol_get(proto)->name;
    uint32_t nr0 = m->nr_res[idx], nr;
    vscmi_name_t *names0 = NULL, *names = NULL;
    uint32_t i;
    int rc;

    if ( !agent_count(m, a->fw, proto, &nr) )
        a->lacks |= VSCMI_PROTO_BIT(proto);
    a->id[idx] = vscmi_zalloc(nr0 * sizeof(*a->id[idx]));
    if ( !a->id[idx] )
    {
        vscmi_snprintf(err->line, sizeof(err->line),
                       "agent channel: out of memory for %u %ss", nr0, what);
        return VSCMI_ENOMEM;
    }
    for ( i = 0; i < nr0; i++ )
        a->id[idx][i] = VSCMI_AGENT_NO_ID;
    if ( !nr )
        return VSCMI_OK;

    names0 = vscmi_zalloc(nr0 * sizeof(*names0));
    names = vscmi_zalloc(nr * sizeof(*names));
    rc = names0 && names ? VSCMI_OK : VSCMI_ENOMEM;
    if ( rc )
        vscmi_snprintf(err->line, sizeof(err->line),
                       "agent channel: out of memory for %u + %u %s names",
                       nr0, nr, what);
    else if ( read_names(m, m->fw, proto, nr0, names0) ||
              read_names(m, a->fw, proto, nr, names) )
    {
        rc = VSCMI_ETIMEDOUT;
        vscmi_snprintf(err->line, sizeof(err->line),
                       "agent channel: no answer to %s attributes", what);
    }
    if ( rc )
        goto out;

    for ( i = 0; i < nr0; i++ )
    {
        uint32_t id = unique_index(names, nr, names0[i]);

        if ( id != VSCMI_AGENT_NO_ID &&
             unique_index(names0, nr0, names0[i]) == i )
            a->id[idx][i] = id;
    }

 out:
    vscmi_free(names0);
    vscmi_free(names);
    return rc;
}

int vscmi_agent_create(struct vscmi_mediator *m, const struct vscmi_fw_chan *fw,
                       struct vscmi_agent **out, struct vscmi_error *err)
{
    struct vscmi_agent *a;
    uint32_t rx[VSCMI_RSP_MAX / 4];
    unsigned int idx;
    int rc;

    *out = NULL;
    err->proto = 0;
    err->entry = VSCMI_ERR_ALL;
    a = vscmi_zalloc(sizeof(*a));
    if ( !a )
    {
        vscmi_snprintf(err->line, sizeof(err->line),
                       "agent channel: out of memory");
        return VSCMI_ENOMEM;
    }
    a->m = m;
    a->fw = fw;

    rc = vscmi_fw_query(m, fw, SCMI_PROTO_BASE, SCMI_PROTOCOL_VERSION, NULL,
                        0, rx, 8) ? VSCMI_EIO : VSCMI_OK;
    if ( rc )
        vscmi_snprintf(err->line, sizeof(err->line),
                       "agent channel: no answer to BASE PROTOCOL_VERSION");
    for ( idx = 0; !rc && idx < VSCMI_NR_PROTOS; idx++ )
        if ( m->nr_res[idx] )
            rc = match_protocol(m, a, idx, err);

    if ( rc )
    {
        vscmi_agent_destroy(a);
        return rc;
    }
    *out = a;
    return VSCMI_OK;
}

void vscmi_agent_destroy(struct vscmi_agent *a)
{
    unsigned int idx;

    if ( !a )
        return;
    for ( idx = 0; idx < VSCMI_NR_PROTOS; idx++ )
        vscmi_free(a->id[idx]);
    vscmi_free(a);
}

void vscmi_agent_describe(const struct vscmi_agent *a, char *buf, size_t len)
{
    unsigned int idx;
    size_t pos = 0;

    buf[0] = '\0';
    for ( idx = 0; idx < VSCMI_NR_PROTOS && pos + 1 < len; idx++ )
    {
        uint32_t i, seen = 0;

        if ( !a->m->nr_res[idx] )
            continue;
        for ( i = 0; i < a->m->nr_res[idx]; i++ )
            seen += a->id[idx][i] != VSCMI_AGENT_NO_ID;
        vscmi_snprintf(buf + pos, len - pos, "%s%ss %u/%u", pos ? ", " : "",
                       vscmi_protocol_get(SCMI_PROTO_BASE + idx)->name,
                       seen, a->m->nr_res[idx]);
        while ( pos + 1 < len && buf[pos] )
            pos++;
    }
}

int64_t vscmi_agent_id(const struct vscmi_agent *a, uint8_t proto,
                       uint32_t phys)
{
    unsigned int idx = VSCMI_PROTO_IDX(proto);

    if ( idx >= VSCMI_NR_PROTOS || phys >= a->m->nr_res[idx] ||
         a->id[idx][phys] == VSCMI_AGENT_NO_ID )
        return -1;
    return a->id[idx][phys];
}
