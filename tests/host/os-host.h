/* SPDX-License-Identifier: MIT */
/* Host-only controls of the OS shim, for tests and tools. */
#ifndef VSCMI_OS_HOST_H
#define VSCMI_OS_HOST_H

#include <vscmi/os.h>

typedef void (*vscmi_host_log_fn)(const char *line);

/* How far the manual clock moves per busy-wait step (vscmi_relax()). */
#define VSCMI_HOST_RELAX_NS     100000ull

void vscmi_host_clock_set(uint64_t ns);
void vscmi_host_clock_advance(uint64_t ns);
void vscmi_host_clock_real(bool on);
void vscmi_host_log_hook(vscmi_host_log_fn fn);
/* Called at every clock read: lets tests act between snapshot and policy. */
void vscmi_host_clock_hook(void (*fn)(void));

#endif /* VSCMI_OS_HOST_H */
