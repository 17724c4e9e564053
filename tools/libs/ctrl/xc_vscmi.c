/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tools/libs/ctrl/xc_vscmi.c
 *
 * XEN_DOMCTL_vscmi_op: a domain's virtual SCMI mailbox (vscmi, Arm).
 */

#include "xc_private.h"

int xc_vscmi_set(xc_interface *xch, uint32_t domid,
                 struct xen_domctl_vscmi_op *op,
                 const xen_domctl_vscmi_grant_t *grants, unsigned int nr,
                 char *err, size_t err_size)
{
    struct xen_domctl domctl = {};
    DECLARE_HYPERCALL_BOUNCE_IN(grants, nr * sizeof(*grants));
    DECLARE_HYPERCALL_BOUNCE(err, err_size, XC_HYPERCALL_BUFFER_BOUNCE_OUT);
    int rc = -1;

    if ( err_size )
        err[0] = '\0';
    if ( xc_hypercall_bounce_pre(xch, grants) )
    {
        PERROR("Could not bounce the vscmi grants");
        return -1;
    }
    if ( xc_hypercall_bounce_pre(xch, err) )
    {
        PERROR("Could not bounce the vscmi error buffer");
        goto out_grants;
    }

    domctl.cmd = XEN_DOMCTL_vscmi_op;
    domctl.domain = domid;
    domctl.u.vscmi_op = *op;
    domctl.u.vscmi_op.cmd = XEN_DOMCTL_VSCMI_SET;
    domctl.u.vscmi_op.nr_grants = nr;
    domctl.u.vscmi_op.err_size = err_size;
    set_xen_guest_handle(domctl.u.vscmi_op.grants, grants);
    set_xen_guest_handle(domctl.u.vscmi_op.err, err);

    rc = do_domctl(xch, &domctl);
    *op = domctl.u.vscmi_op;

    xc_hypercall_bounce_post(xch, err);
 out_grants:
    xc_hypercall_bounce_post(xch, grants);

    return rc;
}

int xc_vscmi_get(xc_interface *xch, uint32_t domid,
                 struct xen_domctl_vscmi_op *op,
                 xen_domctl_vscmi_grant_info_t *info, unsigned int *nr)
{
    struct xen_domctl domctl = {};
    DECLARE_HYPERCALL_BOUNCE(info, *nr * sizeof(*info),
                             XC_HYPERCALL_BUFFER_BOUNCE_OUT);
    int rc;

    if ( xc_hypercall_bounce_pre(xch, info) )
    {
        PERROR("Could not bounce the vscmi grant list");
        return -1;
    }

    domctl.cmd = XEN_DOMCTL_vscmi_op;
    domctl.domain = domid;
    domctl.u.vscmi_op.cmd = XEN_DOMCTL_VSCMI_GET;
    domctl.u.vscmi_op.nr_info = *nr;
    set_xen_guest_handle(domctl.u.vscmi_op.info, info);

    rc = do_domctl(xch, &domctl);
    xc_hypercall_bounce_post(xch, info);
    if ( !rc )
    {
        *op = domctl.u.vscmi_op;
        *nr = domctl.u.vscmi_op.nr_info;
    }

    return rc;
}

int xc_vscmi_names(xc_interface *xch, uint8_t protocol, uint32_t first,
                   char *names, unsigned int *nr, unsigned int *total)
{
    struct xen_domctl domctl = {};
    DECLARE_HYPERCALL_BOUNCE(names, *nr * XEN_VSCMI_NAME_LEN,
                             XC_HYPERCALL_BUFFER_BOUNCE_OUT);
    int rc;

    if ( xc_hypercall_bounce_pre(xch, names) )
    {
        PERROR("Could not bounce the vscmi names");
        return -1;
    }

    domctl.cmd = XEN_DOMCTL_vscmi_names;
    domctl.domain = 0;
    domctl.u.vscmi_names.protocol = protocol;
    domctl.u.vscmi_names.first = first;
    domctl.u.vscmi_names.nr = *nr;
    set_xen_guest_handle(domctl.u.vscmi_names.names, names);

    rc = do_domctl(xch, &domctl);
    xc_hypercall_bounce_post(xch, names);
    if ( !rc )
    {
        *nr = domctl.u.vscmi_names.nr;
        *total = domctl.u.vscmi_names.total;
    }

    return rc;
}

int xc_vscmi_dtdev(xc_interface *xch, const char *path,
                   xen_domctl_vscmi_resource_t *res, unsigned int *nr)
{
    struct xen_domctl domctl = {};
    size_t size = strlen(path) + 1;
    DECLARE_HYPERCALL_BOUNCE_IN(path, size);
    DECLARE_HYPERCALL_BOUNCE(res, *nr * sizeof(*res),
                             XC_HYPERCALL_BUFFER_BOUNCE_OUT);
    int rc = -1;

    if ( xc_hypercall_bounce_pre(xch, path) ||
         xc_hypercall_bounce_pre(xch, res) )
    {
        PERROR("Could not bounce the vscmi dtdev buffers");
        goto out;
    }

    domctl.cmd = XEN_DOMCTL_vscmi_dtdev;
    domctl.domain = 0;
    domctl.u.vscmi_dtdev.size = size;
    domctl.u.vscmi_dtdev.nr = *nr;
    set_xen_guest_handle(domctl.u.vscmi_dtdev.path, path);
    set_xen_guest_handle(domctl.u.vscmi_dtdev.res, res);

    rc = do_domctl(xch, &domctl);
    if ( !rc )
        *nr = domctl.u.vscmi_dtdev.nr;

 out:
    xc_hypercall_bounce_post(xch, path);
    xc_hypercall_bounce_post(xch, res);

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
