/* SPDX-License-Identifier: MIT */
/*
 * vCPU1, the race partner.  Started with PSCI CPU_ON, it waits (WFE) for a
 * round, then calls the user's rewrite function over and over until vCPU0,
 * which rang the doorbell meanwhile, closes the round; PSCI CPU_OFF at the
 * end.  The two vCPUs meet through the volatile words below (MMU off: every
 * access is a Device access, no cache maintenance needed).
 */
#include "agent.h"

static volatile uint32_t race_req, race_started, race_seen, race_variant, cpu1_alive;
static volatile uint64_t race_flips;
static race_fn volatile race_rewrite;    /* the user's rewrite, race_start() */

void secondary_entry(void);
void secondary_main(void);
void secondary_main(void)
{
    uint32_t last = 0, r;
    uint64_t k;
    struct smccc_res res;

    cpu1_alive = 1;
    asm volatile("dsb sy; sev" ::: "memory");
    for ( ; ; )
    {
        r = race_req;
        if ( r == 0xffffffffu )
            break;
        if ( r == 0 || r == last )
        {
            asm volatile("wfe");
            continue;
        }
        last = r;
        race_started = r;
        for ( k = 0; race_req == r; k++ )
            race_rewrite(race_variant, k);
        race_flips += k;
        race_seen = r;
    }
    cpu1_alive = 2;
    smccc_call(false, 0x84000002u, 0, 0, 0, 0, 0, 0, 0, &res);    /* CPU_OFF */
    for ( ; ; )
        asm volatile("wfi");
}

static bool wait_word(volatile uint32_t *w, uint32_t v, uint64_t us)
{
    uint64_t end = ticks() + us * tick_freq() / 1000000;

    while ( *w != v )
        if ( ticks() > end )
            return false;
    return true;
}

bool race_start(race_fn flip)
{
    struct smccc_res r;
    uint64_t end;

    race_rewrite = flip;
    if ( cpu1_alive == 1 )
        return true;
    smccc_call(false, PSCI_CPU_ON_64, 1, (uintptr_t)secondary_entry, 0, 0, 0, 0, 0, &r);
    if ( r.a0 )
    {
        con_printf("# PSCI CPU_ON(1): %ld\n", (int64_t)r.a0);
        return false;
    }
    end = ticks() + tick_freq();
    while ( cpu1_alive != 1 )
        if ( ticks() > end )
            return false;
    return true;
}

bool race_round(struct chan *c, struct msg *m, uint32_t variant, uint32_t round)
{
    bool overlap;

    race_variant = variant;
    race_req = round;
    asm volatile("dsb sy; sev" ::: "memory");
    overlap = wait_word(&race_started, round, 20000);
    chan_ring(c, m);
    race_req = 0;
    asm volatile("dsb sy; sev" ::: "memory");
    wait_word(&race_seen, round, 20000);
    return overlap;
}

bool race_stop(uint64_t us)
{
    race_req = 0xffffffffu;
    asm volatile("dsb sy; sev" ::: "memory");
    return wait_word(&cpu1_alive, 2, us);
}

uint64_t race_rewrites(void)
{
    return race_flips;
}
