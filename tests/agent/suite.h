/* SPDX-License-Identifier: MIT */
/*
 * The TAP suite's shared part (suite.c): TAP output, commands on our
 * channel and the helpers the families use.  Families: suite_conformance.c,
 * suite_policy.c, suite_malformed.c, suite_race.c, suite_flood.c,
 * suite_conduit.c; faults.c is faults mode.  Expectations come from the DT
 * (cfg, main.c), never from a policy compiled in.
 */
#ifndef GUEST_SUITE_H
#define GUEST_SUITE_H

#include <string.h>

#include "agent.h"

/* -------------------------------------------------------------------- TAP */
void tap(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void skip(const char *why, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define diag(...) con_printf("# " __VA_ARGS__)
/* The plan and the VSCMI-AGENT summary line; 1 if a test failed. */
int tap_done(const char *mode);

/* --------------------------------------------------------------- commands */
static struct chan *const ch = &cfg.ch;

static inline int32_t cmd(unsigned int proto, unsigned int msgid, const uint32_t *a,
                          unsigned int n, uint32_t *out, unsigned int outmax)
{
    return scmi_cmd(ch, proto, msgid, a, n, out, outmax, NULL);
}

#define CMD0(p, m, out, max)        cmd(p, m, NULL, 0, out, max)
#define CMDV(p, m, out, max, ...)   ({ const uint32_t a_[] = { __VA_ARGS__ }; \
                                       cmd(p, m, a_, ARRAY_SIZE(a_), out, max); })

/* A raw request on our channel, to be altered and sent with chan_xfer(). */
static inline void raw(struct msg *m, unsigned int proto, unsigned int msgid,
                       unsigned int type, const uint32_t *a, unsigned int n)
{
    msg_init(ch, m, proto, msgid, type, a, n);
}

static inline const char *st(int32_t s)
{
    return scmi_status_name(s);
}

/* ---------------------------------------------------------------- helpers */
int first_mode(const struct grants *g, const char *modes);
void name16(char *dst, const uint32_t *w);
bool clk_rate(uint32_t id, uint64_t *rate);
int clk_enabled(uint32_t id);
uint64_t clk_other_rate(uint32_t id, uint64_t cur);
void phase(const char *name, const char *what);

/* --------------------------------------------------------------- families */
void suite_conformance(void);   /* what a friendly agent needs */
void suite_policy(void);        /* what the grants forbid */
void suite_malformed(void);     /* malformed lengths, headers, ids */
void suite_race(void);          /* vCPU1 rewrites the channel during calls */
void suite_flood(void);         /* back-to-back calls */
void suite_conduit(void);       /* foreign function ids, the other conduit */

#endif /* GUEST_SUITE_H */
