/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tools/libs/light/libxl_vscmi.c
 *
 * vscmi (Arm): a domain's virtual SCMI mailbox.  libxl asks Xen for the
 * channel and its policy (XEN_DOMCTL_vscmi_op) once the paging pool is
 * sized, and describes it in the guest's device tree exactly as Xen does
 * for a dom0less domU (xen/arch/arm/vscmi/vscmi-dt.c), so a partial
 * device tree can consume the protocols through the same fixed phandles.
 * Grants by name are resolved first, from the names Xen asks the
 * firmware for (XEN_DOMCTL_vscmi_names); the SCMI resources of the
 * passed-through host devices (dtdev) follow, from Xen's reading of the
 * host device tree (XEN_DOMCTL_vscmi_dtdev).
 * Xen is the judge of the policy: a refusal comes back naming the grant.
 */

#include "libxl_osdeps.h"

#include <libfdt.h>

#include <xen/device_tree_defs.h>

#include "libxl_internal.h"
#include "libxl_libfdt_compat.h"

/* Fixed phandles of the generated nodes (docs/admin.md). */
#define GUEST_PHANDLE_VSCMI         65100U
#define GUEST_PHANDLE_VSCMI_SHMEM   (GUEST_PHANDLE_VSCMI + 0)
#define GUEST_PHANDLE_VSCMI_MBOX    (GUEST_PHANDLE_VSCMI + 1)
#define GUEST_PHANDLE_VSCMI_PROTO(p) (GUEST_PHANDLE_VSCMI + (p))
#define VSCMI_SHMEM_SIZE            0x1000U

/* Protocols with grantable resources: xl's option, what the firmware
 * calls them, the provider's cells. */
static const struct vscmi_kind {
    uint8_t protocol;
    const char *option;
    const char *what;
    const char *cells;
} vscmi_kinds[] = {
    { 0x11, "scmi_power_domains", "power domain", "#power-domain-cells" },
    { 0x13, "scmi_perf_domains", "performance domain", "#power-domain-cells" },
    { 0x14, "scmi_clocks", "clock", "#clock-cells" },
    { 0x15, "scmi_sensors", "sensor", "#thermal-sensor-cells" },
    { 0x16, "scmi_resets", "reset domain", "#reset-cells" },
    { 0x17, "scmi_voltage_domains", "voltage domain", NULL },
};

static const struct vscmi_kind *vscmi_kind_of(uint8_t protocol)
{
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(vscmi_kinds); i++)
        if (vscmi_kinds[i].protocol == protocol)
            return &vscmi_kinds[i];
    return NULL;
}

static const char *vscmi_option(uint8_t protocol)
{
    const struct vscmi_kind *k = vscmi_kind_of(protocol);

    return k ? k->option : "scmi grants";
}

static const char *vscmi_what(uint8_t protocol)
{
    const struct vscmi_kind *k = vscmi_kind_of(protocol);

    return k ? k->what : "resource";
}

/* A domctl Xen does not know: the hypervisor was built without vscmi. */
static bool vscmi_not_in_xen(libxl__gc *gc, uint32_t domid)
{
    if (errno != EOPNOTSUPP && errno != ENOSYS)
        return false;
    LOGD(ERROR, domid, "arm_sci: this Xen has no vscmi (virtual SCMI mailboxes)");
    return true;
}

/*
 * The firmware's names of @protocol's resources, XEN_VSCMI_NAME_LEN bytes
 * each, *@nr of them; read once per protocol (Xen asks the firmware).
 */
static int vscmi_names(libxl__gc *gc, uint32_t domid, uint8_t protocol,
                       char **names, unsigned int *nr)
{
    unsigned int total = 0, got, first = 0;
    char *buf = NULL;

    do {
        got = XEN_VSCMI_NAMES_MAX;
        buf = libxl__realloc(gc, buf, (first + got) * XEN_VSCMI_NAME_LEN);
        if (xc_vscmi_names(CTX->xch, protocol, first,
                           buf + first * XEN_VSCMI_NAME_LEN, &got, &total)) {
            if (!vscmi_not_in_xen(gc, domid))
                LOGED(ERROR, domid, "reading the firmware's %s names", vscmi_what(protocol));
            return ERROR_FAIL;
        }
        first += got;
    } while (got && first < total);
    *names = buf;
    *nr = first;
    return 0;
}

/* The entry's position in its own list, as written. */
static unsigned int vscmi_entry(const libxl_vscmi_config *cfg, unsigned int i)
{
    unsigned int j, k = 0;

    for (j = 0; j < i; j++)
        k += cfg->grants[j].protocol == cfg->grants[i].protocol;
    return k;
}

/* Firmware ids for the grants given by name; one line for an unknown one. */
static int vscmi_resolve(libxl__gc *gc, uint32_t domid,
                         const libxl_vscmi_config *cfg,
                         xen_domctl_vscmi_grant_t *grants)
{
    char *names[256] = { NULL };
    unsigned int nr[256] = { 0 }, i, id;
    int rc;

    for (i = 0; i < cfg->num_grants; i++) {
        const libxl_vscmi_grant *g = &cfg->grants[i];

        if (!g->name)
            continue;
        if (!names[g->protocol]) {
            rc = vscmi_names(gc, domid, g->protocol, &names[g->protocol],
                             &nr[g->protocol]);
            if (rc)
                return rc;
        }
        for (id = 0; id < nr[g->protocol]; id++)
            if (!strncmp(names[g->protocol] + id * XEN_VSCMI_NAME_LEN, g->name,
                         XEN_VSCMI_NAME_LEN))
                break;
        if (id == nr[g->protocol]) {
            LOGD(ERROR, domid, "%s entry %u (\"%s\"): the firmware has no %s of that name",
                 vscmi_option(g->protocol), vscmi_entry(cfg, i), g->name,
                 vscmi_what(g->protocol));
            return ERROR_INVAL;
        }
        grants[i].fw_id = id;
    }
    return 0;
}

static uint8_t vscmi_mode(libxl_vscmi_mode mode)
{
    switch (mode) {
    case LIBXL_VSCMI_MODE_RO: return XEN_VSCMI_MODE_RO;
    case LIBXL_VSCMI_MODE_SHARED: return XEN_VSCMI_MODE_SHARED;
    case LIBXL_VSCMI_MODE_SHARED_OWNER: return XEN_VSCMI_MODE_SHARED_OWNER;
    default: return XEN_VSCMI_MODE_FULL;
    }
}

/*
 * The SCMI resources of the host devices passed through (dtdev), as grants
 * after the listed ones: mode full, guest id = firmware id, so that a
 * partial device tree keeps the host node's specifiers.  A resource the
 * lists already grant keeps its entry.  origin[] gets the dtdev index.
 */
static int vscmi_dtdev_grants(libxl__gc *gc, uint32_t domid,
                              const libxl_domain_config *d_config,
                              xen_domctl_vscmi_grant_t **grants,
                              unsigned int *nr, int **origin)
{
    xen_domctl_vscmi_resource_t res[64];
    unsigned int i, j, k, n;

    for (i = 0; i < d_config->num_dtdevs; i++) {
        const char *path = d_config->dtdevs[i].path;

        n = ARRAY_SIZE(res);
        if (xc_vscmi_dtdev(CTX->xch, path, res, &n)) {
            if (!vscmi_not_in_xen(gc, domid))
                LOGED(ERROR, domid, "dtdev \"%s\": reading its SCMI resources", path);
            return ERROR_FAIL;
        }
        if (n > ARRAY_SIZE(res)) {
            LOGD(ERROR, domid, "dtdev \"%s\": more than %zu SCMI resources",
                 path, ARRAY_SIZE(res));
            return ERROR_INVAL;
        }
        for (j = 0; j < n; j++) {
            for (k = 0; k < *nr; k++)
                if ((*grants)[k].protocol == res[j].protocol &&
                    (*grants)[k].fw_id == res[j].fw_id)
                    break;
            if (k < *nr)
                continue;
            *grants = libxl__realloc(gc, *grants, (*nr + 1) * sizeof(**grants));
            *origin = libxl__realloc(gc, *origin, (*nr + 1) * sizeof(**origin));
            (*grants)[*nr] = (xen_domctl_vscmi_grant_t){
                .protocol = res[j].protocol, .mode = XEN_VSCMI_MODE_FULL,
                .fw_id = res[j].fw_id, .guest_id = res[j].fw_id,
            };
            (*origin)[*nr] = i;
            LOGD(DEBUG, domid, "dtdev \"%s\": firmware %s %u", path,
                 vscmi_what(res[j].protocol), res[j].fw_id);
            (*nr)++;
        }
    }
    return 0;
}

int libxl__vscmi_create(libxl__gc *gc, const libxl_domain_config *d_config,
                        libxl__domain_build_state *state, uint32_t domid)
{
    const libxl_domain_build_info *info = &d_config->b_info;
    const libxl_vscmi_config *cfg = &info->arch_arm.vscmi;
    struct xen_domctl_vscmi_op op = { 0 };
    xen_domctl_vscmi_grant_t *grants = NULL;
    int *origin = NULL;                 /* a grant's dtdev, -1: its list's */
    uint32_t next[256] = { 0 };         /* a protocol's next guest id */
    unsigned int i, nr = cfg->num_grants;
    char err[160];
    int r;

    state->vscmi_on = false;
    if (cfg->binding != LIBXL_VSCMI_BINDING_NONE &&
        (state->restore || state->soft_reset)) {
        LOGD(ERROR, domid, "arm_sci: %s of a domain with a virtual SCMI channel is not supported",
             state->restore ? "restore" : "soft reset");
        return ERROR_INVAL;
    }
    if (cfg->binding == LIBXL_VSCMI_BINDING_NONE) {
        if (cfg->num_grants) {
            LOGD(ERROR, domid, "%s: SCMI grants need arm_sci = \"type=vscmi_smc\" or \"type=vscmi_mbox\"",
                 vscmi_option(cfg->grants[0].protocol));
            return ERROR_INVAL;
        }
        return 0;
    }

    if (nr) {
        GCNEW_ARRAY(grants, nr);
        GCNEW_ARRAY(origin, nr);
    }
    for (i = 0; i < nr; i++) {
        const libxl_vscmi_grant *g = &cfg->grants[i];

        grants[i].protocol = g->protocol;
        grants[i].mode = vscmi_mode(g->mode);
        grants[i].fw_id = g->fw_id;
        /* without @ID, the one after the protocol's previous entry */
        grants[i].guest_id = g->guest_id >= 0 ? (uint32_t)g->guest_id
                                              : next[g->protocol];
        next[g->protocol] = grants[i].guest_id + 1;
        origin[i] = -1;
    }
    r = vscmi_resolve(gc, domid, cfg, grants);
    if (r)
        return r;
    r = vscmi_dtdev_grants(gc, domid, d_config, &grants, &nr, &origin);
    if (r)
        return r;

    op.binding = cfg->binding == LIBXL_VSCMI_BINDING_MBOX ? XEN_VSCMI_BINDING_MBOX
                                                          : XEN_VSCMI_BINDING_SMC;
    op.privileged = libxl_defbool_val(cfg->privileged);
    op.agent = cfg->agent;
    op.rate = cfg->rate;
    op.burst = cfg->burst;

    r = xc_vscmi_set(CTX->xch, domid, &op, grants, nr, err, sizeof(err));
    if (r) {
        const char *why = err[0] ? err : strerror(errno);
        const xen_domctl_vscmi_grant_t *bad;

        if (vscmi_not_in_xen(gc, domid))
            return ERROR_FAIL;
        bad = op.err_index < nr ? &grants[op.err_index] : NULL;
        if (!bad) {
            LOGD(ERROR, domid, "arm_sci: %s", why);
        } else if (origin[op.err_index] >= 0) {
            LOGD(ERROR, domid, "dtdev \"%s\" (firmware %s %u): %s",
                 d_config->dtdevs[origin[op.err_index]].path,
                 vscmi_what(bad->protocol), bad->fw_id, why);
        } else if (cfg->grants[op.err_index].name) {
            LOGD(ERROR, domid, "%s entry %u (\"%s\", firmware id %u): %s",
                 vscmi_option(bad->protocol), vscmi_entry(cfg, op.err_index),
                 cfg->grants[op.err_index].name, bad->fw_id, why);
        } else {
            LOGD(ERROR, domid, "%s entry %u (firmware id %u): %s",
                 vscmi_option(bad->protocol), vscmi_entry(cfg, op.err_index),
                 bad->fw_id, why);
        }
        return ERROR_FAIL;
    }

    /*
     * iomem ranges are mapped after this, and would replace the channel's
     * page (setdefault made every gfn explicit): refused here, the domain
     * and its channel go with the failed create.
     */
    for (i = 0; i < info->num_iomem; i++) {
        const libxl_iomem_range *io = &info->iomem[i];
        uint64_t chan_gfn = op.gpa >> XC_PAGE_SHIFT;

        if (io->gfn <= chan_gfn && chan_gfn - io->gfn < io->number) {
            LOGD(ERROR, domid, "iomem entry %u (guest frames %#"PRIx64"+%#"PRIx64"): covers the SCMI channel's page at %#"PRIx64,
                 i, io->gfn, io->number, (uint64_t)op.gpa);
            return ERROR_INVAL;
        }
    }

    state->vscmi_on = true;
    state->vscmi_binding = op.binding;
    state->vscmi_fid = op.fid;
    state->vscmi_gpa = op.gpa;
    state->vscmi_protocols = op.protocols;
    LOGD(DEBUG, domid, "vscmi channel at %#"PRIx64", function id %#x",
         (uint64_t)op.gpa, op.fid);

    return 0;
}

int libxl__vscmi_refuse(libxl__gc *gc, uint32_t domid, const char *what)
{
    struct xen_domctl_vscmi_op op;
    unsigned int nr = 0;

    if (xc_vscmi_get(CTX->xch, domid, &op, NULL, &nr))
        return 0;       /* no channel (ENOENT), or a Xen without vscmi */
    LOGD(ERROR, domid, "the domain has a virtual SCMI channel (arm_sci): %s not supported",
         what);
    return ERROR_INVAL;
}

int libxl_vscmi_get_info(libxl_ctx *ctx, uint32_t domid,
                         libxl_vscmi_info *info)
{
    GC_INIT(ctx);
    struct xen_domctl_vscmi_op op;
    xen_domctl_vscmi_grant_info_t *gi = NULL;
    unsigned int nr = 0, room, i;
    int r, rc;

    /* grants may come and go between two calls: retry with their count */
    do {
        room = nr;
        gi = libxl__realloc(gc, gi, (room ? room : 1) * sizeof(*gi));
        r = xc_vscmi_get(ctx->xch, domid, &op, gi, &nr);
    } while (!r && nr > room);
    if (r) {
        if (errno == ENOENT) {
            rc = ERROR_NOTFOUND;
        } else if (errno == EOPNOTSUPP || errno == ENOSYS) {
            rc = ERROR_NI;
        } else {
            LOGED(ERROR, domid, "reading the vscmi channel");
            rc = ERROR_FAIL;
        }
        goto out;
    }

    libxl_vscmi_info_init(info);
    info->binding = op.binding == XEN_VSCMI_BINDING_MBOX ? LIBXL_VSCMI_BINDING_MBOX
                                                         : LIBXL_VSCMI_BINDING_SMC;
    info->fid = op.fid;
    info->gpa = op.gpa;
    info->agent = op.agent;
    info->votes = op.votes;
    info->calls = op.calls;
    info->denied = op.denied;
    info->errors = op.errors;
    info->fw_errors = op.fw_errors;
    info->busy = op.busy;
    info->all = op.flags & XEN_VSCMI_FLAG_ALL;
    info->num_grants = nr;
    info->grants = libxl__calloc(NOGC, nr ? nr : 1, sizeof(*info->grants));
    for (i = 0; i < nr; i++) {
        libxl_vscmi_grant_info *g = &info->grants[i];

        libxl_vscmi_grant_info_init(g);
        g->protocol = gi[i].protocol;
        g->guest_id = gi[i].guest_id;
        g->fw_id = gi[i].fw_id;
        g->mode = gi[i].mode == XEN_VSCMI_MODE_RO ? LIBXL_VSCMI_MODE_RO :
                  gi[i].mode == XEN_VSCMI_MODE_SHARED ? LIBXL_VSCMI_MODE_SHARED :
                  gi[i].mode == XEN_VSCMI_MODE_SHARED_OWNER ? LIBXL_VSCMI_MODE_SHARED_OWNER :
                  LIBXL_VSCMI_MODE_FULL;
        g->held = gi[i].flags & XEN_VSCMI_GRANT_HELD;
    }
    rc = 0;

 out:
    GC_FREE;
    return rc;
}

/*
 * The partial device tree's /passthrough, which libxl copies into the
 * guest's, must not give a node one of the SCMI nodes' fixed phandles:
 * the consumers of the protocol would point at that node instead.
 */
static int vscmi_check_node(libxl__gc *gc, void *pfdt, int off, int depth)
{
    uint32_t ph = fdt_get_phandle(pfdt, off);
    char path[128];
    int sub, r;

    if (depth > 32) {
        LOG(ERROR, "device_tree: /passthrough is nested too deep");
        return ERROR_INVAL;
    }
    if (ph >= GUEST_PHANDLE_VSCMI && ph <= GUEST_PHANDLE_VSCMI_PROTO(0x17)) {
        if (fdt_get_path(pfdt, off, path, sizeof(path)))
            snprintf(path, sizeof(path), "%s", fdt_get_name(pfdt, off, NULL) ?: "?");
        LOG(ERROR, "device_tree: %s: phandle %u is one of the SCMI nodes' (%u-%u)",
            path, ph, GUEST_PHANDLE_VSCMI, GUEST_PHANDLE_VSCMI_PROTO(0x17));
        return ERROR_INVAL;
    }
    fdt_for_each_subnode(sub, pfdt, off) {
        r = vscmi_check_node(gc, pfdt, sub, depth + 1);
        if (r)
            return r;
    }
    return 0;
}

int libxl__vscmi_check_partial(libxl__gc *gc, void *pfdt,
                               const libxl__domain_build_state *state)
{
    int off;

    if (!state->vscmi_on)
        return 0;
    off = fdt_path_offset(pfdt, "/passthrough");
    return off < 0 ? 0 : vscmi_check_node(gc, pfdt, off, 0);
}

/* Each step of the FDT writer; the first libfdt error is returned as is
 * (libxl__prepare_dtb() grows the buffer on -FDT_ERR_NOSPACE). */
#define VFDT(x) do { int r_ = (x); if (r_) return r_; } while (0)

static int vscmi_reg(void *fdt, uint64_t base, uint64_t size)
{
    fdt32_t reg[GUEST_ROOT_ADDRESS_CELLS + GUEST_ROOT_SIZE_CELLS];
    fdt32_t *c = reg;
    int i;

    for (i = GUEST_ROOT_ADDRESS_CELLS - 1; i >= 0; i--)
        *c++ = cpu_to_fdt32((uint32_t)(base >> (32 * i)));
    for (i = GUEST_ROOT_SIZE_CELLS - 1; i >= 0; i--)
        *c++ = cpu_to_fdt32((uint32_t)(size >> (32 * i)));

    return fdt_property(fdt, "reg", reg, sizeof(reg));
}

int libxl__vscmi_make_dt(libxl__gc *gc, void *fdt,
                         const libxl__domain_build_state *state)
{
    uint64_t page = state->vscmi_gpa & ~(uint64_t)(VSCMI_SHMEM_SIZE - 1);
    char name[40];
    unsigned int i;

    if (!state->vscmi_on)
        return 0;

    VFDT( fdt_begin_node(fdt, "reserved-memory") );
    VFDT( fdt_property_cell(fdt, "#address-cells", GUEST_ROOT_ADDRESS_CELLS) );
    VFDT( fdt_property_cell(fdt, "#size-cells", GUEST_ROOT_SIZE_CELLS) );
    VFDT( fdt_property(fdt, "ranges", NULL, 0) );
    snprintf(name, sizeof(name), "scmi-shmem@%"PRIx64, page);
    VFDT( fdt_begin_node(fdt, name) );
    VFDT( fdt_property_string(fdt, "compatible", "arm,scmi-shmem") );
    VFDT( vscmi_reg(fdt, page, VSCMI_SHMEM_SIZE) );
    VFDT( fdt_property(fdt, "no-map", NULL, 0) );
    VFDT( fdt_property_cell(fdt, "phandle", GUEST_PHANDLE_VSCMI_SHMEM) );
    VFDT( fdt_end_node(fdt) );
    VFDT( fdt_end_node(fdt) );

    VFDT( fdt_begin_node(fdt, "firmware") );
    if (state->vscmi_binding == XEN_VSCMI_BINDING_MBOX) {
        VFDT( fdt_begin_node(fdt, "mailbox") );
        VFDT( fdt_property_string(fdt, "compatible", "arm,smc-mbox") );
        VFDT( fdt_property_string(fdt, "method", "hvc") );
        VFDT( fdt_property_cell(fdt, "#mbox-cells", 1) );
        VFDT( fdt_property_cell(fdt, "arm,func-ids", state->vscmi_fid) );
        VFDT( fdt_property_cell(fdt, "phandle", GUEST_PHANDLE_VSCMI_MBOX) );
        VFDT( fdt_end_node(fdt) );
    }

    VFDT( fdt_begin_node(fdt, "scmi") );
    if (state->vscmi_binding == XEN_VSCMI_BINDING_MBOX) {
        fdt32_t mboxes[2] = { cpu_to_fdt32(GUEST_PHANDLE_VSCMI_MBOX), 0 };

        VFDT( fdt_property_string(fdt, "compatible", "arm,scmi") );
        VFDT( fdt_property(fdt, "mboxes", mboxes, sizeof(mboxes)) );
    } else {
        VFDT( fdt_property_string(fdt, "compatible", "arm,scmi-smc") );
        VFDT( fdt_property_cell(fdt, "arm,smc-id", state->vscmi_fid) );
    }
    VFDT( fdt_property_cell(fdt, "shmem", GUEST_PHANDLE_VSCMI_SHMEM) );
    VFDT( fdt_property_cell(fdt, "#address-cells", 1) );
    VFDT( fdt_property_cell(fdt, "#size-cells", 0) );
    for (i = 0; i < ARRAY_SIZE(vscmi_kinds); i++) {
        uint8_t p = vscmi_kinds[i].protocol;

        if (!(state->vscmi_protocols & (1U << (p - 0x10))))
            continue;
        snprintf(name, sizeof(name), "protocol@%x", p);
        VFDT( fdt_begin_node(fdt, name) );
        VFDT( fdt_property_cell(fdt, "reg", p) );
        if (vscmi_kinds[i].cells)
            VFDT( fdt_property_cell(fdt, vscmi_kinds[i].cells, 1) );
        VFDT( fdt_property_cell(fdt, "phandle", GUEST_PHANDLE_VSCMI_PROTO(p)) );
        VFDT( fdt_end_node(fdt) );
    }
    VFDT( fdt_end_node(fdt) );           /* scmi */
    VFDT( fdt_end_node(fdt) );           /* firmware */

    return 0;
}

/*
 * Local variables:
 * mode: C
 * c-file-style: "BSD"
 * c-basic-offset: 4
 * indent-tabs-mode: nil
 * End:
 */
