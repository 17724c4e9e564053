/* SPDX-License-Identifier: MIT */
/*
 * vscmi guest agent: modes for the toolstack's life-cycle scenarios, where
 * xl creates, destroys and reboots the agent's domain.
 *
 *   vote    enable every clock granted full or shared (CLOCK_CONFIG_SET),
 *           then stay idle holding those votes until the domain goes: Xen
 *           must release them at shutdown or destroy
 *   crash   (main.c) with a channel, vote first (and with vscmi.wait_on,
 *           wait until another guest switches that clock on: the teardown
 *           bench), then report a crash
 *   remap   vote, then attack the channel's guest page: give it back to
 *           Xen (XENMEM_decrease_reservation) and put ordinary RAM at its
 *           gfn (XENMEM_populate_physmap), then keep ringing the doorbell;
 *           destroying the domain must leave no zombie and no page behind
 *           (issue 11, defect 1)
 */
#include <string.h>

#include "agent.h"
#include "suite.h"

#define HYPERVISOR_memory_op        12
#define XENMEM_decrease_reservation 1
#define XENMEM_populate_physmap     6
#define DOMID_SELF                  0x7ff0u

/* struct xen_memory_reservation, arm64 layout (handles are 64 bits) */
struct xen_memory_reservation {
    uint64_t extent_start;      /* guest address of the gfn array */
    uint64_t nr_extents;
    uint32_t extent_order;
    uint32_t mem_flags;
    uint16_t domid;
    uint16_t pad[3];
};

static long xen_memory_op(unsigned int op, struct xen_memory_reservation *r)
{
    register uint64_t x0 asm("x0") = op;
    register uint64_t x1 asm("x1") = (uintptr_t)r;
    register uint64_t x16 asm("x16") = HYPERVISOR_memory_op;

    asm volatile("hvc #0xea1" : "+r"(x0), "+r"(x1), "+r"(x16) : : "memory");
    return (long)x0;
}

/* Enable every clock granted full or shared; the number of votes taken. */
static unsigned int vote(void)
{
    uint32_t o[1];
    unsigned int i, n = 0;
    int32_t s;

    for ( i = 0; cfg.clk.present && i < cfg.clk.n; i++ )
    {
        if ( !strchr("FSs", cfg.clk.mode[i]) )
            continue;
        s = CMDV(P_CLOCK, 7, o, 1, i, 1);
        con_printf("VSCMI-AGENT-VOTE: name=%s clock=%u status=%s enabled=%d\n",
                   cfg.name, i, st(s), clk_enabled(i));
        n += s == 0;
    }
    return n;
}

int vote_run(void)
{
    unsigned int n = vote();

    con_printf("VSCMI-AGENT-VOTES: name=%s held=%u\n", cfg.name, n);
    return 0;
}

void wait_for_clock(uint32_t id)
{
    uint64_t t0 = ticks(), end = t0 + cfg.sync_ms * tick_freq() / 1000;
    unsigned int polls = 0;
    int e = 0;

    while ( ticks() < end && (e = clk_enabled(id)) != 1 )
    {
        polls++;
        xen_yield();
    }
    con_printf("VSCMI-AGENT-WAITED: name=%s clock=%u %s polls=%u ms=%lu\n", cfg.name, id,
               e == 1 ? "on" : "timeout", polls, (ticks() - t0) * 1000 / tick_freq());
}

int remap_run(void)
{
    uint64_t gfn = (uint64_t)cfg.ch.shm >> 12;
    struct xen_memory_reservation r = {
        .extent_start = (uintptr_t)&gfn, .nr_extents = 1, .domid = DOMID_SELF,
    };
    long dec, pop;
    unsigned int i, answered = 0;
    uint32_t o[1];

    vote_run();
    dec = xen_memory_op(XENMEM_decrease_reservation, &r);
    gfn = (uint64_t)cfg.ch.shm >> 12;       /* Xen may have written it */
    r.nr_extents = 1;
    pop = xen_memory_op(XENMEM_populate_physmap, &r);
    for ( i = 0; i < 16; i++ )
        answered += CMD0(P_BASE, 0, o, 1) == 0;
    con_printf("VSCMI-AGENT-REMAP: name=%s gfn=0x%lx decrease=%ld populate=%ld base_version_answered=%u/16\n",
               cfg.name, (unsigned long)((uint64_t)cfg.ch.shm >> 12), dec, pop, answered);
    return 0;
}
