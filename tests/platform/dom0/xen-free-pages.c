/* SPDX-License-Identifier: MIT */
/*
 * xen-free-pages: Xen's free memory in pages (XEN_SYSCTL_physinfo), for
 * the dom0 scripts' leak checks.  `xl info` rounds free memory to MiB,
 * which hides a page lost per domain over a hundred create/destroy cycles.
 *
 * Prints "<free pages> <pages still to scrub>".
 */
#include <stdio.h>
#include <inttypes.h>
#include <xenctrl.h>

int main(void)
{
    xc_interface *xch = xc_interface_open(NULL, NULL, 0);
    xc_physinfo_t info = { 0 };

    if ( !xch )
    {
        perror("xen-free-pages: xc_interface_open");
        return 1;
    }
    if ( xc_physinfo(xch, &info) )
    {
        perror("xen-free-pages: xc_physinfo");
        xc_interface_close(xch);
        return 1;
    }
    printf("%" PRIu64 " %" PRIu64 "\n", (uint64_t)info.free_pages,
           (uint64_t)info.scrub_pages);
    xc_interface_close(xch);
    return 0;
}
