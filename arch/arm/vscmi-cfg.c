/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen/arch/arm/vscmi/vscmi-cfg.c
 *
 * Domain policies: dom0's from the command line, a dom0less domU's from
 * the properties of its "xen,domain" node (docs/admin.md).  Both end in
 * vscmi_domain_create(), which validates all or nothing against the
 * firmware and the other domains.
 */

#include <xen/ctype.h>
#include <xen/device_tree.h>
#include <xen/errno.h>
#include <xen/init.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/string.h>
#include <xen/xmalloc.h>

#include "vscmi-private.h"

/* Protocols with grantable resources, their names everywhere. */
const struct vscmi_res_kind vscmi_res_kinds[] = {
    { "xen,scmi-power-domains", "pd",
      SCMI_PROTO_POWER, "#power-domain-cells" },
    { "xen,scmi-perf-domains", "perf",
      SCMI_PROTO_PERF, "#power-domain-cells" },
    { "xen,scmi-clocks", "clock",
      SCMI_PROTO_CLOCK, "#clock-cells" },
    { "xen,scmi-sensors", "sensor",
      SCMI_PROTO_SENSOR, "#thermal-sensor-cells" },
    { "xen,scmi-resets", "reset",
      SCMI_PROTO_RESET, "#reset-cells" },
    { "xen,scmi-voltage-domains", "voltage",
      SCMI_PROTO_VOLTAGE, NULL },
};
const unsigned int vscmi_nr_res_kinds = ARRAY_SIZE(vscmi_res_kinds);

const struct vscmi_res_kind *vscmi_res_kind_of(uint8_t proto)
{
    unsigned int i;

    for ( i = 0; i < vscmi_nr_res_kinds; i++ )
        if ( vscmi_res_kinds[i].proto == proto )
            return &vscmi_res_kinds[i];

    return NULL;
}

static const char *const vscmi_mode_names[] = {
    [VSCMI_MODE_FULL] = "full",
    [VSCMI_MODE_RO] = "ro",
    [VSCMI_MODE_SHARED] = "shared",
};

/* ---- command line ---- */

static char __initdata opt_dom0[256] = "all";
string_param("vscmi-dom0", opt_dom0);

static char __initdata opt_dom0_rate[32];
string_param("vscmi-dom0-rate", opt_dom0_rate);

/* ---- helpers ---- */

/* Protocols whose nodes the guest DT describes. */
uint32_t vscmi_cfg_protocols(const struct vscmi_domain_cfg *cfg)
{
    uint32_t bits = 0;
    unsigned int i;

    for ( i = 0; i < vscmi_nr_res_kinds; i++ )
    {
        uint8_t p = vscmi_res_kinds[i].proto;

        if ( !vscmi_fw_version(vscmi.m, p) )
            continue;
        if ( cfg->all || cfg->res[VSCMI_PROTO_IDX(p)].nr )
            bits |= VSCMI_PROTO_BIT(p);
    }
    if ( cfg->privileged && vscmi_fw_version(vscmi.m, SCMI_PROTO_SYSTEM) )
        bits |= VSCMI_PROTO_BIT(SCMI_PROTO_SYSTEM);

    return bits;
}

static void __init vscmi_cfg_free(struct vscmi_domain_cfg *cfg)
{
    unsigned int i;

    for ( i = 0; i < VSCMI_NR_PROTOS; i++ )
    {
        xfree((void *)cfg->res[i].grant);
        cfg->res[i].grant = NULL;
        cfg->res[i].nr = 0;
    }
}

static int __init vscmi_mode_parse(const char *s, size_t len,
                            struct vscmi_grant_cfg *g)
{
    unsigned int i;

    if ( len == strlen("shared-owner") && !strncmp(s, "shared-owner", len) )
    {
        g->mode = VSCMI_MODE_SHARED;
        g->owner = true;
        return 0;
    }
    for ( i = 0; i < ARRAY_SIZE(vscmi_mode_names); i++ )
        if ( len == strlen(vscmi_mode_names[i]) &&
             !strncmp(s, vscmi_mode_names[i], len) )
        {
            g->mode = i;
            g->owner = false;
            return 0;
        }

    return -EINVAL;
}

/* Create the mediator side; the policy of @cfg is checked all or nothing. */
static int __init vscmi_cfg_apply(struct vscmi_mailbox *mb,
                                  const struct vscmi_domain_cfg *cfg,
                                  struct vscmi_error *err)
{
    int rc = vscmi_domain_create(vscmi.m, cfg, &mb->md, err);

    if ( rc )
        return vscmi_errno(rc);

    mb->all = cfg->all;
    mb->protocols = vscmi_cfg_protocols(cfg);

    return 0;
}

/* ---- dom0: vscmi-dom0=all|none|<item>[,<item>...] ---- */

/*
 * <item> is <kind>:<id>[-<id>][/<mode>] with <kind> one of pd, perf,
 * clock, sensor, reset, voltage, or "system" (SYSTEM_POWER allowed).
 * dom0 keeps the host's device tree consumers, so its guest ids are the
 * firmware ids: ids not listed are holes (VSCMI_MODE_NONE).
 */
static int __init vscmi_dom0_items(struct vscmi_domain_cfg *cfg, bool fill)
{
    const char *s = opt_dom0;

    while ( *s )
    {
        const char *e = strchr(s, ','), *colon, *slash;
        const struct vscmi_res_kind *k = NULL;
        struct vscmi_grant_cfg g = { .mode = VSCMI_MODE_FULL };
        unsigned long first, last, id;
        unsigned int i, idx;
        const char *p;

        if ( !e )
            e = s + strlen(s);

        if ( (size_t)(e - s) == strlen("system") && !strncmp(s, "system", 6) )
        {
            cfg->privileged = true;
            s = *e ? e + 1 : e;
            continue;
        }

        colon = memchr(s, ':', e - s);
        if ( !colon )
            goto bad;
        for ( i = 0; i < vscmi_nr_res_kinds; i++ )
            if ( (size_t)(colon - s) == strlen(vscmi_res_kinds[i].cmdline) &&
                 !strncmp(s, vscmi_res_kinds[i].cmdline, colon - s) )
                k = &vscmi_res_kinds[i];
        if ( !k )
            goto bad;

        first = simple_strtoul(colon + 1, &p, 0);
        if ( p == colon + 1 )
            goto bad;
        last = first;
        if ( *p == '-' )
        {
            const char *q = p + 1;

            last = simple_strtoul(q, &p, 0);
            if ( p == q || last < first )
                goto bad;
        }
        slash = p;
        if ( *slash == '/' )
        {
            if ( vscmi_mode_parse(slash + 1, e - slash - 1, &g) )
                goto bad;
        }
        else if ( slash != e )
            goto bad;

        idx = VSCMI_PROTO_IDX(k->proto);
        if ( last >= VSCMI_MAX_GRANTS )
            goto bad;
        if ( !fill )
            cfg->res[idx].nr = max_t(uint32_t, cfg->res[idx].nr, last + 1);
        else
        {
            struct vscmi_grant_cfg *t = (void *)cfg->res[idx].grant;

            for ( id = first; id <= last; id++ )
            {
                if ( t[id].mode != VSCMI_MODE_NONE )
                    goto bad;               /* listed twice */
                t[id] = g;
                t[id].phys = id;
            }
        }

        s = *e ? e + 1 : e;
        continue;

 bad:
        printk(XENLOG_ERR "vscmi: vscmi-dom0: bad item \"%.*s\"\n",
               (int)(e - s), s);
        return -EINVAL;
    }

    return 0;
}

static int __init vscmi_rate_parse(const char *s, struct vscmi_domain_cfg *cfg)
{
    const char *p;

    if ( !*s )
        return 0;
    cfg->rate = simple_strtoul(s, &p, 0);
    if ( *p == ':' )
        cfg->burst = simple_strtoul(p + 1, &p, 0);
    if ( *p )
    {
        printk(XENLOG_ERR "vscmi: vscmi-dom0-rate: bad value \"%s\"\n", s);
        return -EINVAL;
    }

    return 0;
}

/*
 * dom0's policy.  *@out is NULL (and 0 returned) for "none".  On error,
 * dom0 boots without SCMI: the message says why.
 */
int __init vscmi_cfg_dom0(struct vscmi_mailbox **out)
{
    struct vscmi_domain_cfg cfg = { .domid = 0, .name = "dom0" };
    struct vscmi_mailbox *mb;
    struct vscmi_error verr;
    unsigned int i;
    int rc;

    *out = NULL;
    if ( !strcmp(opt_dom0, "none") )
        return 0;

    rc = vscmi_rate_parse(opt_dom0_rate, &cfg);
    if ( rc )
        return rc;

    if ( !strcmp(opt_dom0, "all") )
    {
        /* Every resource not granted exclusively to another domain. */
        cfg.all = true;
        cfg.privileged = true;
    }
    else
    {
        rc = vscmi_dom0_items(&cfg, false);
        if ( rc )
            return rc;
        for ( i = 0; i < VSCMI_NR_PROTOS; i++ )
        {
            struct vscmi_grant_cfg *t;
            unsigned int j;

            if ( !cfg.res[i].nr )
                continue;
            t = xzalloc_array(struct vscmi_grant_cfg, cfg.res[i].nr);
            if ( !t )
            {
                vscmi_cfg_free(&cfg);
                return -ENOMEM;
            }
            for ( j = 0; j < cfg.res[i].nr; j++ )
                t[j].mode = VSCMI_MODE_NONE;
            cfg.res[i].grant = t;
        }
        rc = vscmi_dom0_items(&cfg, true);
        if ( rc )
        {
            vscmi_cfg_free(&cfg);
            return rc;
        }
    }
    /* "all" gets every firmware protocol: protocols stays 0. */
    if ( !cfg.all && cfg.privileged &&
         vscmi_fw_version(vscmi.m, SCMI_PROTO_SYSTEM) )
        cfg.protocols |= VSCMI_PROTO_BIT(SCMI_PROTO_SYSTEM);

    mb = vscmi_mailbox_alloc(0);
    rc = mb ? vscmi_cfg_apply(mb, &cfg, &verr) : -ENOMEM;
    vscmi_cfg_free(&cfg);
    if ( rc )
    {
        printk(XENLOG_ERR "vscmi: vscmi-dom0: %s\n",
               mb ? verr.line : "out of memory");
        vscmi_mailbox_free(mb);
        return rc;
    }

    mb->binding = VSCMI_BINDING_SMC;
    *out = mb;

    return 0;
}

/* ---- dom0less ---- */

/* The property of @proto's grants (a core error's proto), or "xen,scmi". */
static const char *__init vscmi_prop_of_proto(uint8_t proto)
{
    const struct vscmi_res_kind *k = vscmi_res_kind_of(proto);

    return k ? k->prop : "xen,scmi";
}

/* Parse <prop>-mode: none (all "full"), one string (all), or one each. */
static int __init vscmi_modes_parse(const struct dt_device_node *node,
                                    const struct vscmi_res_kind *k,
                                    struct vscmi_grant_cfg *g, uint32_t nr,
                                    char *err, size_t errlen)
{
    char name[48];
    const char *s, *end;
    const struct dt_property *pp;
    uint32_t n = 0, i;

    snprintf(name, sizeof(name), "%s-mode", k->prop);
    pp = dt_find_property(node, name, NULL);
    if ( !pp )
        return 0;

    s = pp->value;
    end = s + pp->length;
    if ( !pp->length || end[-1] != '\0' )
        goto bad;

    /* Count the strings, then apply them. */
    for ( ; s < end; s += strlen(s) + 1 )
        n++;
    if ( n != 1 && n != nr )
    {
        snprintf(err, errlen, "%s: %u modes for %u entries", name, n, nr);
        return -EINVAL;
    }

    s = pp->value;
    for ( i = 0; i < nr; i++ )
    {
        if ( vscmi_mode_parse(s, strlen(s), &g[i]) )
            goto bad;
        if ( n > 1 )
            s += strlen(s) + 1;
    }

    return 0;

 bad:
    snprintf(err, errlen,
             "%s: expected \"full\", \"ro\", \"shared\" or \"shared-owner\"",
             name);
    return -EINVAL;
}

/* One grant property: <&provider id>... with provider a host protocol node. */
static int __init vscmi_grants_parse(const struct dt_device_node *node,
                                     const struct vscmi_res_kind *k,
                                     struct vscmi_domain_cfg *cfg,
                                     char *err, size_t errlen)
{
    const struct dt_device_node *scmi = vscmi_main_fw()->node;
    const __be32 *cell;
    struct vscmi_grant_cfg *g;
    uint32_t len, nr, i, cells, reg;
    unsigned int idx = VSCMI_PROTO_IDX(k->proto);

    cell = dt_get_property(node, k->prop, &len);
    if ( !cell )
        return 0;

    if ( !len || len % (2 * sizeof(*cell)) )
    {
        snprintf(err, errlen, "%s: expected <&provider id> pairs", k->prop);
        return -EINVAL;
    }
    nr = len / (2 * sizeof(*cell));
    if ( nr > VSCMI_MAX_GRANTS )
    {
        snprintf(err, errlen, "%s: more than %u entries", k->prop,
                 VSCMI_MAX_GRANTS);
        return -EINVAL;
    }

    g = xzalloc_array(struct vscmi_grant_cfg, nr);
    if ( !g )
    {
        snprintf(err, errlen, "%s: out of memory", k->prop);
        return -ENOMEM;
    }
    cfg->res[idx].grant = g;
    cfg->res[idx].nr = nr;

    for ( i = 0; i < nr; i++ )
    {
        uint32_t ph = be32_to_cpu(cell[2 * i]);
        const struct dt_device_node *prov = dt_find_node_by_phandle(ph);

        if ( !prov || prov->parent != scmi ||
             !dt_property_read_u32(prov, "reg", &reg) || reg != k->proto )
        {
            snprintf(err, errlen,
                     "%s: entry %u: phandle %#x is not the protocol@%x node of %s",
                     k->prop, i, ph, k->proto, dt_node_full_name(scmi));
            return -EINVAL;
        }
        if ( k->cells && dt_property_read_u32(prov, k->cells, &cells) &&
             cells != 1 )
        {
            snprintf(err, errlen, "%s: entry %u: %s has %s = <%u>, not <1>",
                     k->prop, i, dt_node_full_name(prov), k->cells, cells);
            return -EINVAL;
        }

        g[i].phys = be32_to_cpu(cell[2 * i + 1]);
        g[i].mode = VSCMI_MODE_FULL;
        if ( g[i].phys >= vscmi_fw_count(vscmi.m, k->proto) )
        {
            snprintf(err, errlen,
                     "%s: entry %u: firmware has no %s %u (it has %u)",
                     k->prop, i, vscmi_proto_name(k->proto), g[i].phys,
                     vscmi_fw_count(vscmi.m, k->proto));
            return -ENODEV;
        }
    }

    return vscmi_modes_parse(node, k, g, nr, err, errlen);
}

/*
 * xen,scmi-agent = <&agent>: a "xen,scmi-agent" node Xen took at boot and
 * no other domain has.  *@out is NULL without the property.
 */
static int __init vscmi_agent_parse(const struct dt_device_node *node,
                                    struct vscmi_fw_agent **out,
                                    char *err, size_t errlen)
{
    const struct dt_device_node *an;
    const __be32 *cell;
    uint32_t len;
    unsigned int i;

    *out = NULL;
    cell = dt_get_property(node, "xen,scmi-agent", &len);
    if ( !cell )
        return 0;
    if ( len != sizeof(*cell) )
    {
        snprintf(err, errlen, "expected one <&agent> phandle");
        return -EINVAL;
    }

    an = dt_find_node_by_phandle(be32_to_cpu(*cell));
    for ( i = 1; an && i < vscmi.nr_fw_agents; i++ )   /* [0]: the mediator's */
        if ( vscmi.fw_agents[i].fw.node == an )
            break;
    if ( !an || i == vscmi.nr_fw_agents )
    {
        snprintf(err, errlen,
                 "phandle %#x is not a xen,scmi-agent channel of %s (see the vscmi boot messages)",
                 be32_to_cpu(*cell), dt_node_full_name(vscmi_main_fw()->node));
        return -EINVAL;
    }
    if ( vscmi.fw_agents[i].owner != DOMID_INVALID )
    {
        snprintf(err, errlen, "%s is already the channel of dom%u",
                 dt_node_full_name(an), vscmi.fw_agents[i].owner);
        return -EBUSY;
    }

    *out = &vscmi.fw_agents[i];

    return 0;
}

int __init vscmi_cfg_dom0less(const struct dt_device_node *node,
                              domid_t domid, struct vscmi_mailbox **out)
{
    struct vscmi_domain_cfg cfg = { .domid = domid, .name = dt_node_name(node) };
    const char *binding = NULL;
    const __be32 *cell;
    struct vscmi_mailbox *mb = NULL;
    struct vscmi_fw_agent *agent;
    struct vscmi_error verr;
    char err[sizeof(verr.line)];
    const char *prop = "xen,scmi";
    unsigned int i;
    uint32_t len;
    int rc;

    *out = NULL;
    err[0] = '\0';

    rc = dt_property_read_string(node, "xen,scmi", &binding);
    if ( rc || (strcmp(binding, "smc") && strcmp(binding, "mbox")) )
    {
        snprintf(err, sizeof(err), "expected \"smc\" or \"mbox\"");
        rc = -EINVAL;
        goto fail;
    }

    if ( !vscmi.enabled )
    {
        snprintf(err, sizeof(err),
                 "no mediated firmware channel (see the vscmi boot messages)");
        rc = -ENODEV;
        goto fail;
    }

    for ( i = 0; i < vscmi_nr_res_kinds; i++ )
    {
        rc = vscmi_grants_parse(node, &vscmi_res_kinds[i], &cfg, err,
                                sizeof(err));
        if ( rc )
        {
            /* The message already starts with the property. */
            prop = NULL;
            goto fail;
        }
    }

    rc = vscmi_agent_parse(node, &agent, err, sizeof(err));
    if ( rc )
    {
        prop = "xen,scmi-agent";
        goto fail;
    }
    if ( agent )
    {
        cfg.agent = agent->view;
    }

    cfg.privileged = dt_property_read_bool(node, "xen,scmi-privileged");
    if ( cfg.privileged && vscmi_fw_version(vscmi.m, SCMI_PROTO_SYSTEM) )
        cfg.protocols |= VSCMI_PROTO_BIT(SCMI_PROTO_SYSTEM);

    cell = dt_get_property(node, "xen,scmi-rate", &len);
    if ( cell )
    {
        if ( len != 4 && len != 8 )
        {
            prop = "xen,scmi-rate";
            snprintf(err, sizeof(err), "expected <calls-per-second [burst]>");
            rc = -EINVAL;
            goto fail;
        }
        cfg.rate = be32_to_cpu(cell[0]);
        cfg.burst = len == 8 ? be32_to_cpu(cell[1]) : 0;
    }

    mb = vscmi_mailbox_alloc(domid);
    if ( !mb )
    {
        snprintf(err, sizeof(err), "out of memory");
        rc = -ENOMEM;
        goto fail;
    }
    rc = vscmi_cfg_apply(mb, &cfg, &verr);
    if ( rc )
    {
        prop = vscmi_prop_of_proto(verr.proto);
        strlcpy(err, verr.line, sizeof(err));
        goto fail;
    }
    vscmi_cfg_free(&cfg);

    mb->binding = strcmp(binding, "mbox") ? VSCMI_BINDING_SMC
                                          : VSCMI_BINDING_MBOX;
    if ( agent )
    {
        agent->owner = domid;
        mb->fw_agent = agent;
    }
    *out = mb;

    return 0;

 fail:
    vscmi_cfg_free(&cfg);
    vscmi_mailbox_free(mb);
    if ( prop )
        printk(XENLOG_ERR "%s: %s: %s; domain not created\n",
               dt_node_name(node), prop, err);
    else
        printk(XENLOG_ERR "%s: %s; domain not created\n",
               dt_node_name(node), err);

    return rc;
}

/*
 * Local variables:
 * mode: C
 * c-file-style: "BSD"
 * c-basic-offset: 4
 * indent-tabs-mode: nil
 * End:
 */
