/* SPDX-License-Identifier: MIT */
/*
 * The TAP suite: conformance (what a friendly agent needs), policy (what the
 * grants forbid) and attacks (what a hostile guest can throw at the
 * backend).  Expectations come from the DT (cfg, main.c), never from a
 * policy compiled in.  In baseline mode (dom0 of upstream Xen, unfiltered
 * forwarding) the policy and attack parts are skipped with the reason.
 */
#include <string.h>

#include "agent.h"

static unsigned int tno, npass, nfail, nskip;

static void tap(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tap(bool ok, const char *fmt, ...)
{
    char d[200];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf_(d, sizeof(d), fmt, ap);
    va_end(ap);
    tno++;
    if ( ok )
        npass++;
    else
        nfail++;
    con_printf("%s %u - %s\n", ok ? "ok" : "not ok", tno, d);
}

static void skip(const char *why, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void skip(const char *why, const char *fmt, ...)
{
    char d[160];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf_(d, sizeof(d), fmt, ap);
    va_end(ap);
    tno++;
    nskip++;
    con_printf("ok %u - %s # SKIP %s\n", tno, d, why);
}

#define diag(...) con_printf("# " __VA_ARGS__)

static struct chan *ch = &cfg.ch;

static int32_t cmd(unsigned int proto, unsigned int msgid, const uint32_t *a,
                   unsigned int n, uint32_t *out, unsigned int outmax)
{
    return scmi_cmd(ch, proto, msgid, a, n, out, outmax, NULL);
}

#define CMD0(p, m, out, max)        cmd(p, m, NULL, 0, out, max)
#define CMDV(p, m, out, max, ...)   ({ const uint32_t a_[] = { __VA_ARGS__ }; \
                                       cmd(p, m, a_, ARRAY_SIZE(a_), out, max); })

static const char *st(int32_t s)
{
    return scmi_status_name(s);
}

static int first_mode(const struct grants *g, const char *modes)
{
    unsigned int i;

    for ( i = 0; i < g->n; i++ )
        if ( strchr(modes, g->mode[i]) )
            return (int)i;
    return -1;
}

/* A 16-byte SCMI name, cut at NUL, non-printables replaced. */
static void name16(char *dst, const uint32_t *w)
{
    unsigned int i;

    memcpy(dst, w, 16);
    dst[16] = '\0';
    for ( i = 0; dst[i]; i++ )
        if ( dst[i] < 0x21 || dst[i] > 0x7e )
            dst[i] = '?';
}

/* ------------------------------------------------------------ conformance */

static uint32_t expected_protocols(uint8_t *list)
{
    unsigned int n = 0;

    if ( cfg.pd.present )
        list[n++] = P_POWER;
    if ( cfg.clk.present )
        list[n++] = P_CLOCK;
    if ( cfg.sns.present )
        list[n++] = P_SENSOR;
    if ( cfg.rst.present )
        list[n++] = P_RESET;
    return n;
}

static void t_base(void)
{
    uint32_t o[MSG_WORDS];
    uint8_t exp[8], got[32];
    unsigned int nexp = expected_protocols(exp), ngot = 0, i, j;
    char vendor[17] = "", sub[17] = "";
    int32_t s;
    bool same;

    s = CMD0(P_BASE, 0, o, 4);
    tap(s == 0 && o[0] >= 0x10000, "base: PROTOCOL_VERSION (%s, 0x%x)", st(s), o[0]);
    s = CMD0(P_BASE, 1, o, 4);
    tap(s == 0 && (o[0] & 0xff) == nexp,
        "base: PROTOCOL_ATTRIBUTES lists %u protocols (expected %u; %s)",
        s == 0 ? o[0] & 0xff : 0, nexp, st(s));

    s = CMDV(P_BASE, 6, o, MSG_WORDS, 0);
    if ( s == 0 )
    {
        ngot = MIN(o[0], (uint32_t)sizeof(got));
        for ( i = 0; i < ngot; i++ )
            got[i] = (o[1 + i / 4] >> (8 * (i % 4))) & 0xff;
    }
    same = s == 0 && ngot == nexp;
    for ( i = 0; same && i < nexp; i++ )
    {
        bool found = false;

        for ( j = 0; j < ngot; j++ )
            found |= got[j] == exp[i];
        same = found;
    }
    tap(same, "base: DISCOVER_LIST_PROTOCOLS shows exactly the granted protocols (%u: %x %x %x %x)",
        ngot, ngot > 0 ? got[0] : 0, ngot > 1 ? got[1] : 0, ngot > 2 ? got[2] : 0,
        ngot > 3 ? got[3] : 0);

    s = CMD0(P_BASE, 3, o, 4);
    if ( s == 0 )
        name16(vendor, o);
    i = CMD0(P_BASE, 4, o, 4);
    if ( (int32_t)i == 0 )
        name16(sub, o);
    tap(s == 0 && (int32_t)i == 0 && vendor[0],
        "base: DISCOVER_VENDOR / SUB_VENDOR ('%s:%s')", vendor, sub);
    con_printf("VSCMI-AGENT-BASE: name=%s vendor=%s sub=%s protocols=%u\n",
               cfg.name, vendor, sub, ngot);
    s = CMDV(P_BASE, 7, o, 8, 0xffffffffu);
    if ( s == 0 )
    {
        char an[17];

        name16(an, &o[1]);
        diag("DISCOVER_AGENT: agent %u '%s'\n", o[0], an);
    }
    else
        diag("DISCOVER_AGENT: %s\n", st(s));
}

static void t_counts(void)
{
    static const struct { uint8_t p; const char *n; } ps[] = {
        { P_POWER, "power" }, { P_CLOCK, "clock" }, { P_SENSOR, "sensor" },
        { P_RESET, "reset" },
    };
    const struct grants *g[] = { &cfg.pd, &cfg.clk, &cfg.sns, &cfg.rst };
    uint32_t o[4];
    unsigned int i;
    int32_t s, v;

    for ( i = 0; i < ARRAY_SIZE(ps); i++ )
    {
        v = CMD0(ps[i].p, 0, o, 1);
        if ( !g[i]->present )
        {
            tap(v == SCMI_NOT_SUPPORTED, "%s: not granted: PROTOCOL_VERSION -> NOT_SUPPORTED (%s)",
                ps[i].n, st(v));
            continue;
        }
        s = CMD0(ps[i].p, 1, o, 1);
        tap(v == 0 && s == 0 && (o[0] & 0xffff) == g[i]->n,
            "%s: version ok, PROTOCOL_ATTRIBUTES counts %u (expected %u; %s)",
            ps[i].n, s == 0 ? o[0] & 0xffff : 0, g[i]->n, st(s));
    }
    v = CMD0(P_PERF, 0, o, 1);
    tap(v == SCMI_NOT_SUPPORTED, "perf: not granted: PROTOCOL_VERSION -> NOT_SUPPORTED (%s)", st(v));
    v = CMD0(P_VOLTAGE, 0, o, 1);
    tap(v == SCMI_NOT_SUPPORTED, "voltage: not granted: PROTOCOL_VERSION -> NOT_SUPPORTED (%s)", st(v));
}

static bool clk_rate(uint32_t id, uint64_t *rate)
{
    uint32_t o[2];

    if ( CMDV(P_CLOCK, 6, o, 2, id) != 0 )
        return false;
    *rate = o[0] | (uint64_t)o[1] << 32;
    return true;
}

static int clk_enabled(uint32_t id)
{
    uint32_t o[8];

    return CMDV(P_CLOCK, 3, o, 8, id) == 0 ? (int)(o[0] & 1) : -1;
}

/* Another valid rate for @id (from DESCRIBE_RATES), 0 if none. */
static uint64_t clk_other_rate(uint32_t id, uint64_t cur)
{
    uint32_t o[MSG_WORDS];
    unsigned int n, i;

    if ( CMDV(P_CLOCK, 4, o, MSG_WORDS, id, 0) != 0 )
        return 0;
    n = o[0] & 0xfff;
    if ( o[0] & (1u << 12) )
    {
        /* range: min, max, step */
        uint64_t min = o[1] | (uint64_t)o[2] << 32;
        uint64_t max = o[3] | (uint64_t)o[4] << 32;
        uint64_t step = o[5] | (uint64_t)o[6] << 32;

        if ( cur != min )
            return min;
        return min + step <= max && step ? min + step : 0;
    }
    for ( i = 0; i < n && 1 + 2 * i + 1 < MSG_WORDS - 1; i++ )
    {
        uint64_t r = o[1 + 2 * i] | (uint64_t)o[2 + 2 * i] << 32;

        if ( r != cur )
            return r;
    }
    return 0;
}

static void t_clock(void)
{
    uint32_t o[MSG_WORDS];
    unsigned int i, bad = 0;
    int t;
    uint64_t cur, other, now;
    int32_t s, s2;

    if ( !cfg.clk.present )
        return;
    for ( i = 0; i < cfg.clk.n; i++ )
    {
        char nm[17] = "";
        uint64_t rate = 0;

        s = CMDV(P_CLOCK, 3, o, 8, i);
        if ( s == 0 )
            name16(nm, &o[1]);
        if ( s != 0 || !clk_rate(i, &rate) )
            bad++;
        con_printf("VSCMI-AGENT-CLK: name=%s id=%u clk=%s enabled=%u rate=%lu mode=%c\n",
                   cfg.name, i, nm, s == 0 ? o[0] & 1 : 0, rate, cfg.clk.mode[i]);
    }
    tap(!bad, "clock: CLOCK_ATTRIBUTES and RATE_GET answer for all %u clocks (%u failed)",
        cfg.clk.n, bad);

    t = first_mode(&cfg.clk, "F");
    if ( t < 0 )
    {
        skip("no fully granted clock", "clock: rate set / enable");
        return;
    }
    if ( !clk_rate(t, &cur) )
        cur = 0;
    other = clk_other_rate(t, cur);
    if ( !other )
        skip("one rate only", "clock %d: RATE_SET", t);
    else
    {
        s = CMDV(P_CLOCK, 5, o, 1, 0, t, (uint32_t)other, (uint32_t)(other >> 32));
        now = 0;
        clk_rate(t, &now);
        s2 = CMDV(P_CLOCK, 5, o, 1, 0, t, (uint32_t)cur, (uint32_t)(cur >> 32));
        tap(s == 0 && now == other && s2 == 0,
            "clock %d: RATE_SET %lu -> RATE_GET %lu, restored %lu (%s, %s)",
            t, other, now, cur, st(s), st(s2));
    }
    s = CMDV(P_CLOCK, 7, o, 1, t, 1);
    i = clk_enabled(t);
    s2 = CMDV(P_CLOCK, 7, o, 1, t, 0);
    tap(s == 0 && i == 1 && s2 == 0 && clk_enabled(t) == 0,
        "clock %d: CONFIG_SET enable -> enabled, disable -> disabled (%s, %s)", t, st(s), st(s2));
}

static void t_power(void)
{
    uint32_t o[8];
    unsigned int i, bad = 0;
    int t;
    int32_t s1, s2;
    uint32_t g1 = 1, g2 = 1;

    if ( !cfg.pd.present )
        return;
    for ( i = 0; i < cfg.pd.n; i++ )
    {
        char nm[17] = "";
        int32_t s = CMDV(P_POWER, 3, o, 8, i);
        uint32_t state = 0;

        if ( s == 0 )
            name16(nm, &o[1]);
        if ( s != 0 || CMDV(P_POWER, 5, &state, 1, i) != 0 )
            bad++;
        con_printf("VSCMI-AGENT-PD: name=%s id=%u pd=%s state=0x%x mode=%c\n",
                   cfg.name, i, nm, state, cfg.pd.mode[i]);
    }
    tap(!bad, "power: ATTRIBUTES and STATE_GET answer for all %u domains (%u failed)",
        cfg.pd.n, bad);
    t = first_mode(&cfg.pd, "F");
    if ( t < 0 )
    {
        skip("no fully granted power domain", "power: STATE_SET");
        return;
    }
    s1 = CMDV(P_POWER, 4, o, 1, 0, t, 0);
    CMDV(P_POWER, 5, &g1, 1, t);
    s2 = CMDV(P_POWER, 4, o, 1, 0, t, 0x40000000);
    CMDV(P_POWER, 5, &g2, 1, t);
    tap(s1 == 0 && g1 == 0 && s2 == 0 && g2 == 0x40000000,
        "power %d: STATE_SET on -> 0x%x, off -> 0x%x (%s, %s)", t, g1, g2, st(s1), st(s2));
}

static void t_reset(void)
{
    uint32_t o[8];
    unsigned int i, bad = 0;
    int t;
    int32_t s1, s2, s3;

    if ( !cfg.rst.present )
        return;
    for ( i = 0; i < cfg.rst.n; i++ )
    {
        char nm[17] = "";
        int32_t s = CMDV(P_RESET, 3, o, 8, i);

        if ( s == 0 )
            name16(nm, &o[2]);          /* attributes, latency, name */
        else
            bad++;
        con_printf("VSCMI-AGENT-RST: name=%s id=%u rst=%s mode=%c\n", cfg.name, i, nm,
                   cfg.rst.mode[i]);
    }
    tap(!bad, "reset: DOMAIN_ATTRIBUTES answer for all %u domains (%u failed)", cfg.rst.n, bad);
    t = first_mode(&cfg.rst, "F");
    if ( t < 0 )
    {
        skip("no fully granted reset domain", "reset: RESET");
        return;
    }
    s1 = CMDV(P_RESET, 4, o, 1, t, 1, 0);          /* autonomous */
    s2 = CMDV(P_RESET, 4, o, 1, t, 2, 0);          /* explicit assert */
    s3 = CMDV(P_RESET, 4, o, 1, t, 0, 0);          /* explicit deassert */
    tap(s1 == 0 && s2 == 0 && s3 == 0, "reset %d: autonomous, assert, deassert (%s, %s, %s)",
        t, st(s1), st(s2), st(s3));
}

static void t_sensor(void)
{
    uint32_t o[MSG_WORDS];
    unsigned int i, bad = 0, read = 0;
    int32_t s;

    if ( !cfg.sns.present )
        return;
    s = CMDV(P_SENSOR, 3, o, MSG_WORDS, 0);
    tap(s == 0 && (o[0] & 0xfff) >= 1 && (o[0] & 0xfff) + (o[0] >> 16) == cfg.sns.n,
        "sensor: DESCRIPTION_GET(0) returns %u + %u remaining = %u (%s)",
        o[0] & 0xfff, o[0] >> 16, cfg.sns.n, st(s));
    for ( i = 0; i < cfg.sns.n; i++ )
    {
        if ( cfg.sns.mode[i] == 'X' )
            continue;
        s = CMDV(P_SENSOR, 6, o, 4, i, 0);
        read++;
        if ( s != 0 )
            bad++;
        con_printf("VSCMI-AGENT-SNS: name=%s id=%u value=%d status=%s\n", cfg.name, i,
                   s == 0 ? (int)o[0] : 0, st(s));
    }
    tap(!bad, "sensor: READING_GET of %u sensors (%u failed)", read, bad);
}

/* ----------------------------------------------------------------- policy */

#define NOT_IN_BASELINE "baseline: upstream Xen forwards dom0's calls unfiltered"

static void t_policy(void)
{
    uint32_t o[8], ids[4];
    unsigned int i, bad;
    int r;
    int32_t s, s2;

    if ( cfg.clk.present )
    {
        ids[0] = cfg.clk.n; ids[1] = cfg.clk.n + 7; ids[2] = 0xffff; ids[3] = 0xffffffff;
        bad = 0;
        for ( i = 0; i < 4; i++ )
        {
            bad += CMDV(P_CLOCK, 3, o, 8, ids[i]) != SCMI_NOT_FOUND;
            bad += CMDV(P_CLOCK, 6, o, 2, ids[i]) != SCMI_NOT_FOUND;
            bad += CMDV(P_CLOCK, 5, o, 1, 0, ids[i], 24000000, 0) != SCMI_NOT_FOUND;
            bad += CMDV(P_CLOCK, 7, o, 1, ids[i], 1) != SCMI_NOT_FOUND;
        }
        tap(!bad, "policy: clock ids %u.. / 0xffff / ~0 -> NOT_FOUND on attributes, rate get/set, config (%u wrong)",
            cfg.clk.n, bad);
        r = first_mode(&cfg.clk, "R");
        if ( r >= 0 )
        {
            uint64_t before = 0, after = 1, other;

            clk_rate(r, &before);
            other = clk_other_rate(r, before);
            s = CMDV(P_CLOCK, 5, o, 1, 0, r, (uint32_t)(other ? other : before),
                     (uint32_t)((other ? other : before) >> 32));
            s2 = CMDV(P_CLOCK, 7, o, 1, r, 1);
            clk_rate(r, &after);
            tap(s == SCMI_DENIED && s2 == SCMI_DENIED && before == after,
                "policy: read-only clock %d: RATE_SET %s, CONFIG_SET %s, rate unchanged", r,
                st(s), st(s2));
        }
        else
            skip("no read-only clock granted", "policy: read-only clock");
        r = first_mode(&cfg.clk, "s");
        if ( r >= 0 )
        {
            uint64_t cur = 0;

            clk_rate(r, &cur);
            s = CMDV(P_CLOCK, 5, o, 1, 0, r, (uint32_t)cur, (uint32_t)(cur >> 32));
            s2 = CMDV(P_CLOCK, 7, o, 1, r, 1);
            i = CMDV(P_CLOCK, 7, o, 1, r, 0);
            tap(s == SCMI_DENIED && s2 == 0 && (int32_t)i == 0,
                "policy: shared clock %d (not owner): RATE_SET %s, enable vote %s, release %s",
                r, st(s), st(s2), st((int32_t)i));
        }
    }
    if ( cfg.pd.present )
    {
        s = CMDV(P_POWER, 4, o, 1, 0, cfg.pd.n, 0);
        s2 = CMDV(P_POWER, 5, o, 1, 0xffffffffu);
        tap(s == SCMI_NOT_FOUND && s2 == SCMI_NOT_FOUND,
            "policy: power domain %u / ~0 -> NOT_FOUND (%s, %s)", cfg.pd.n, st(s), st(s2));
        r = first_mode(&cfg.pd, "R");
        if ( r >= 0 )
        {
            s = CMDV(P_POWER, 4, o, 1, 0, r, 0);
            tap(s == SCMI_DENIED, "policy: read-only power domain %d: STATE_SET %s", r, st(s));
        }
    }
    if ( cfg.rst.present )
    {
        s = CMDV(P_RESET, 4, o, 1, cfg.rst.n, 1, 0);
        tap(s == SCMI_NOT_FOUND, "policy: reset domain %u -> NOT_FOUND (%s)", cfg.rst.n, st(s));
        r = first_mode(&cfg.rst, "R");
        if ( r >= 0 )
        {
            s = CMDV(P_RESET, 4, o, 1, r, 1, 0);
            tap(s == SCMI_DENIED, "policy: read-only reset domain %d: RESET %s", r, st(s));
        }
    }
    if ( cfg.sns.present )
    {
        s = CMDV(P_SENSOR, 6, o, 4, cfg.sns.n, 0);
        tap(s == SCMI_NOT_FOUND, "policy: sensor %u -> NOT_FOUND (%s)", cfg.sns.n, st(s));
    }
    s = CMDV(P_SYSTEM, 3, o, 1, 0, 0);                  /* shutdown */
    s2 = CMDV(P_SYSTEM, 3, o, 1, 1, 1);                 /* graceful cold reset */
    tap((s == SCMI_DENIED || s == SCMI_NOT_SUPPORTED) &&
        (s2 == SCMI_DENIED || s2 == SCMI_NOT_SUPPORTED),
        "policy: SYSTEM_POWER_STATE_SET shutdown / reset refused (%s, %s)", st(s), st(s2));
    s = CMDV(P_BASE, 9, o, 1, 0, 0, 1);
    s2 = CMDV(P_BASE, 10, o, 1, 0, 0, P_CLOCK, 1);
    i = CMDV(P_BASE, 11, o, 1, 0, 1);
    tap(s == SCMI_DENIED && s2 == SCMI_DENIED && (int32_t)i == SCMI_DENIED,
        "policy: BASE SET_DEVICE/SET_PROTOCOL_PERMISSIONS, RESET_AGENT_CONFIGURATION -> DENIED (%s, %s, %s)",
        st(s), st(s2), st((int32_t)i));
}

/* ---------------------------------------------------------------- attacks */

static void raw(struct msg *m, unsigned int proto, unsigned int msgid, unsigned int type,
                const uint32_t *a, unsigned int n)
{
    msg_init(ch, m, proto, msgid, type, a, n);
}

static void t_lengths(void)
{
    struct msg m;
    uint32_t len, bad = 0, big[] = {
        0, 0, 0x1000, 0x10000, 0x7ffffffc, 0x80000000, 0xfffffffc, 0xffffffff,
    };
    unsigned int i;
    int32_t s;

    for ( len = 0; len < 8; len++ )
    {
        int32_t want = len == 4 ? SCMI_SUCCESS : SCMI_PROTOCOL_ERROR;

        raw(&m, P_BASE, 0, 0, NULL, 0);
        m.length = len;
        m.req[0] = 0xdeadbeef;
        m.req_words = 1;
        chan_xfer(ch, &m);
        s = msg_status(&m);
        if ( s != want )
        {
            bad++;
            diag("length %u: %s (%s)\n", len, st(s), m.why ? m.why : "");
        }
    }
    tap(!bad, "attack: SMT length 0..7 -> PROTOCOL_ERROR except 4, answers well-formed (%u wrong)", bad);

    bad = 0;
    big[0] = chan_payload_max(ch) + 8;               /* one word beyond the channel */
    big[1] = ch->size;
    for ( i = 0; i < ARRAY_SIZE(big); i++ )
    {
        raw(&m, P_CLOCK, 6, 0, (const uint32_t[]){ 0 }, 1);
        m.length = big[i];
        chan_xfer(ch, &m);
        s = msg_status(&m);
        if ( s != SCMI_PROTOCOL_ERROR )
        {
            bad++;
            diag("length 0x%x: %s (%s)\n", big[i], st(s), m.why ? m.why : "");
        }
    }
    tap(!bad, "attack: SMT length beyond the channel / huge -> PROTOCOL_ERROR (%u wrong)", bad);

    /* in-channel but longer than any command, and wrong for the command */
    bad = 0;
    raw(&m, P_BASE, 0, 0, NULL, 0);
    m.length = MIN(chan_payload_max(ch), 256u);   /* beyond any request */
    chan_xfer(ch, &m);
    bad += msg_status(&m) != SCMI_PROTOCOL_ERROR;
    raw(&m, P_BASE, 0, 0, (const uint32_t[]){ 7 }, 1);      /* VERSION + 4 bytes */
    chan_xfer(ch, &m);
    bad += msg_status(&m) != SCMI_PROTOCOL_ERROR;
    raw(&m, P_CLOCK, 6, 0, NULL, 0);                        /* RATE_GET, no id */
    chan_xfer(ch, &m);
    bad += msg_status(&m) != SCMI_PROTOCOL_ERROR;
    raw(&m, P_CLOCK, 5, 0, (const uint32_t[]){ 0, 0, 1 }, 3);  /* RATE_SET short */
    chan_xfer(ch, &m);
    bad += msg_status(&m) != SCMI_PROTOCOL_ERROR;
    tap(!bad, "attack: payload length wrong for the command -> PROTOCOL_ERROR (%u wrong)", bad);
}

static void t_header(void)
{
    struct msg m;
    unsigned int b, bad = 0;
    int32_t s;

    for ( b = 28; b < 32; b++ )
    {
        raw(&m, P_BASE, 0, 0, NULL, 0);
        m.header |= 1u << b;
        chan_xfer(ch, &m);              /* expects the header echoed without it */
        s = msg_status(&m);
        if ( s != SCMI_PROTOCOL_ERROR )
        {
            bad++;
            diag("reserved bit %u: %s (%s)\n", b, st(s), m.why ? m.why : "");
        }
    }
    tap(!bad, "attack: reserved header bits 28..31 -> PROTOCOL_ERROR, header echoed without them (%u wrong)",
        bad);

    bad = 0;
    for ( b = 1; b < 4; b++ )
    {
        raw(&m, P_CLOCK, 6, b, (const uint32_t[]){ 0 }, 1);
        chan_xfer(ch, &m);
        s = msg_status(&m);
        if ( s != SCMI_NOT_SUPPORTED )
        {
            bad++;
            diag("message type %u: %s (%s)\n", b, st(s), m.why ? m.why : "");
        }
    }
    tap(!bad, "attack: message types 1..3 (delayed response, notification, reserved) -> NOT_SUPPORTED (%u wrong)",
        bad);

    bad = 0;
    {
        static const uint8_t pm[][2] = {
            { P_BASE, 0x7f }, { P_BASE, 0xff }, { P_CLOCK, 0xff }, { 0x00, 0 },
            { 0x0f, 0 }, { 0x18, 0 }, { 0x80, 0 }, { 0xff, 0xff },
        };

        for ( b = 0; b < ARRAY_SIZE(pm); b++ )
        {
            raw(&m, pm[b][0], pm[b][1], 0, NULL, 0);
            chan_xfer(ch, &m);
            s = msg_status(&m);
            if ( s != SCMI_NOT_SUPPORTED )
            {
                bad++;
                diag("protocol 0x%x message 0x%x: %s\n", pm[b][0], pm[b][1], st(s));
            }
        }
    }
    tap(!bad, "attack: unknown protocols and message ids -> NOT_SUPPORTED (%u wrong)", bad);

    /* doorbell with nothing posted: the channel still says FREE */
    raw(&m, P_BASE, 0, 0, NULL, 0);
    m.status_in = SMT_FREE;
    chan_xfer(ch, &m);
    s = msg_status(&m);
    tap(s == SCMI_PROTOCOL_ERROR || (m.x0 == 0 && !m.why),
        "attack: doorbell with nothing posted -> answered, channel free (%s%s%s)", st(s),
        m.why ? ": " : "", m.why ? m.why : "");

    /* garbage in x1..x7 of a valid doorbell */
    raw(&m, P_BASE, 0, 0, NULL, 0);
    for ( b = 0; b < 7; b++ )
        m.args[b] = 0xdead0000beef0000ull | b;
    chan_xfer(ch, &m);
    tap(msg_status(&m) == SCMI_SUCCESS, "attack: garbage in x1..x7 is ignored (%s)",
        st(msg_status(&m)));
}

/* Function ids that are not ours (the real firmware's channels among them). */
static void t_fids(void)
{
    struct msg m;
    unsigned int i, bad = 0;

    for ( i = 0; i < cfg.nfids; i++ )
    {
        uint32_t sentinel = scmi_hdr(P_BASE, 0, 0, 0x155);

        /* a well-formed request sits in our channel: nobody may consume it */
        raw(&m, P_BASE, 0, 0, NULL, 0);
        m.header = sentinel;
        m.fid = cfg.fids[i];
        chan_post(ch, &m);
        chan_ring(ch, &m);
        if ( (uint32_t)m.x0 != 0xffffffffu || chan_r32(ch, SMT_STATUS) != 0 ||
             chan_r32(ch, SMT_HEADER) != sentinel )
        {
            bad++;
            diag("fid 0x%x: x0=0x%lx status=0x%x\n", cfg.fids[i], m.x0, chan_r32(ch, SMT_STATUS));
        }
        chan_w32(ch, SMT_STATUS, SMT_FREE);
    }
    tap(!bad, "attack: %u foreign SiP function ids (firmware channels 0x%x..) -> SMCCC NOT_SUPPORTED, channel untouched (%u wrong)",
        cfg.nfids, cfg.nfids ? cfg.fids[0] : 0, bad);
}

static void t_conduit(void)
{
    struct msg m;

    raw(&m, P_BASE, 0, 0, NULL, 0);
    m.use_smc = !ch->smc;
    if ( cfg.smc_accept )
    {
        chan_xfer(ch, &m);
        tap(msg_status(&m) == SCMI_SUCCESS, "attack: the other conduit (%s) reaches the same channel (%s)",
            m.use_smc ? "smc" : "hvc", st(msg_status(&m)));
    }
    else
    {
        chan_post(ch, &m);
        chan_ring(ch, &m);
        tap((uint32_t)m.x0 == 0xffffffffu && chan_r32(ch, SMT_STATUS) == 0,
            "attack: the other conduit (%s) is refused, channel untouched (x0=0x%lx)",
            m.use_smc ? "smc" : "hvc", m.x0);
        chan_w32(ch, SMT_STATUS, SMT_FREE);
    }
}

/*
 * Phase markers: the hostile scenario checks that another guest's SCMI
 * calls completed between a phase's begin and end lines.
 */
static void phase(const char *name, const char *what)
{
    con_printf("VSCMI-AGENT-PHASE: name=%s phase=%s %s t_ms=%lu\n", cfg.name, name, what,
               ticks() * 1000 / tick_freq());
}

/*
 * vscmi.sync=<clock>: wait (bounded, yielding the pCPU) until the read-only
 * clock, which another guest switches on and off, has been seen on and then
 * off: that guest's SCMI calls are under way before the attacks start.
 */
static void sync_wait(void)
{
    uint64_t t0 = ticks(), end = t0 + cfg.sync_ms * tick_freq() / 1000, next;
    unsigned int polls = 0, seen_on = 0, seen_off_after = 0;
    int e;

    while ( ticks() < end && !seen_off_after )
    {
        e = clk_enabled((uint32_t)cfg.sync);
        polls++;
        if ( e == 1 )
            seen_on++;
        else if ( e == 0 && seen_on )
            seen_off_after++;
        next = ticks() + tick_freq() / 10;
        while ( ticks() < next )
            xen_yield();
    }
    con_printf("VSCMI-AGENT-SYNC: name=%s clock=%d %s polls=%u ms=%lu\n", cfg.name, cfg.sync,
               seen_off_after ? "toggling" : "timeout", polls,
               (ticks() - t0) * 1000 / tick_freq());
}

static void t_flood(void)
{
    struct msg m;
    unsigned int i, ok = 0, busy = 0, other = 0, bad = 0;
    uint64_t t0 = ticks(), t, end;
    int32_t s = XFER_TIMEOUT;

    phase("flood", "begin");
    end = t0 + cfg.phase_ms * tick_freq() / 1000;
    for ( i = 0; i < cfg.flood || ticks() < end; i++ )
    {
        raw(&m, P_BASE, 0, 0, NULL, 0);
        chan_xfer(ch, &m);
        s = msg_status(&m);
        if ( s == SCMI_SUCCESS )
            ok++;
        else if ( s == SCMI_BUSY )
            busy++;
        else if ( s <= XFER_X0 )
        {
            if ( !bad++ )
                diag("flood call %u: %s (x0=0x%lx status=0x%x length=%u header=0x%x sent 0x%x)\n",
                     i, m.why ? m.why : st(s), m.x0, m.status_out, m.length_out,
                     m.header_out, m.header);
        }
        else
            other++;
    }
    t = ticks() - t0;
    phase("flood", "end");
    con_printf("VSCMI-AGENT-FLOOD: name=%s calls=%u ok=%u busy=%u other=%u malformed=%u ticks=%lu\n",
               cfg.name, i, ok, busy, other, bad, t);
    tap(!bad && !other && ok > 0,
        "attack: flood of %u calls: all answered (%u ok, %u BUSY) in %lu ms", i, ok, busy,
        t * 1000 / tick_freq());
    end = ticks() + 3 * tick_freq();
    do {
        s = CMD0(P_BASE, 0, NULL, 0);
    } while ( s == SCMI_BUSY && ticks() < end && (delay_us(10000), true) );
    tap(s == 0, "attack: after the flood a call succeeds again (%s)", st(s));
}

/* ------------------------------------------------------------------ race */

static uint32_t race_good, race_ro, race_nx;
static uint64_t race_rate_a, race_rate_b;

/* One rewrite by vCPU1 (race_start()): the @k-th of round @variant. */
static void race_flip(uint32_t variant, uint64_t k)
{
    if ( variant == 1 )
    {
        static const unsigned int sel[] = { 0, 1, 2, 3 };
        uint32_t id = 0;

        switch ( sel[k & 3] )
        {
        case 0: id = race_ro; break;
        case 1: id = race_nx; break;
        case 2: id = 0xffffffffu; break;
        default: id = race_good; break;
        }
        chan_w32(ch, SMT_PAYLOAD + 4, id);
        chan_w32(ch, SMT_PAYLOAD + 8, (uint32_t)((k & 4) ? race_rate_b : race_rate_a));
    }
    else
    {
        switch ( k & 3 )
        {
        case 0:
            chan_w32(ch, SMT_LENGTH, 0xfffffff0u);
            chan_w32(ch, SMT_HEADER, scmi_hdr(P_SYSTEM, 3, 0, 0x3ff));
            break;
        case 1:
            chan_w32(ch, SMT_LENGTH, 3);
            chan_w32(ch, SMT_HEADER, scmi_hdr(P_CLOCK, 5, 0, 0x3ff) | 0xf0000000u);
            break;
        case 2:
            chan_w32(ch, SMT_LENGTH, 12);
            chan_w32(ch, SMT_HEADER, scmi_hdr(P_BASE, 9, 0, 0x3ff));
            break;
        default:
            chan_w32(ch, SMT_LENGTH, 20);
            chan_w32(ch, SMT_HEADER, scmi_hdr(P_CLOCK, 5, 1, 0x3ff));
            break;
        }
    }
}

static void t_race(void)
{
    struct msg m;
    unsigned int i, v, bad, missed, busy, seen_ok;
    uint64_t ro_before = 0, ro_after = 0, flips;
    int g = first_mode(&cfg.clk, "F"), r = first_mode(&cfg.clk, "R");
    int32_t s;

    if ( !cfg.clk.present || g < 0 )
    {
        skip("needs a fully granted clock", "attack: second vCPU rewrites the channel during calls");
        return;
    }
    if ( !race_start(race_flip) )
    {
        tap(false, "attack: race: vCPU1 did not come up (PSCI CPU_ON)");
        return;
    }
    race_good = g;
    race_ro = r >= 0 ? (uint32_t)r : (uint32_t)g;
    race_nx = cfg.clk.n + 3;
    clk_rate(g, &race_rate_a);
    race_rate_b = clk_other_rate(g, race_rate_a);
    if ( r >= 0 )
    {
        clk_rate(r, &ro_before);
        race_rate_b = clk_other_rate(r, ro_before) ? clk_other_rate(r, ro_before) : race_rate_b;
    }

    phase("race", "begin");
    for ( v = 1; v <= 2; v++ )
    {
        uint64_t end = ticks() + cfg.phase_ms * tick_freq() / 2000;

        bad = missed = busy = seen_ok = 0;
        flips = race_rewrites();
        for ( i = 1; i <= cfg.race || ticks() < end; i++ )
        {
            uint32_t round = v * 0x100000u + i;

            raw(&m, P_CLOCK, 5, 0, (const uint32_t[]){ 0, (uint32_t)g, (uint32_t)race_rate_a,
                                                      (uint32_t)(race_rate_a >> 32) }, 4);
            chan_post(ch, &m);
            if ( !race_round(ch, &m, v, round) )
                missed++;
            /* vCPU1 is quiet now: judge what the backend left in the channel */
            m.status_out = chan_r32(ch, SMT_STATUS);
            s = (int32_t)chan_r32(ch, SMT_PAYLOAD);
            if ( m.x0 == (uint64_t)(int64_t)-4 )       /* backend busy (documented) */
            {
                busy++;
                chan_w32(ch, SMT_STATUS, SMT_FREE);
                continue;
            }
            if ( m.x0 || !(m.status_out & SMT_FREE) || (m.status_out & SMT_ERROR) ||
                 s > 0 || s < SCMI_PROTOCOL_ERROR )
            {
                if ( bad++ < 4 )
                    diag("race %u.%u: x0=0x%lx status=0x%x scmi=%d\n", v, i, m.x0,
                         m.status_out, s);
            }
            seen_ok += s == 0;
        }
        i--;
        tap(!bad && missed < i,
            "attack: vCPU1 rewrites %s during %u calls: every answer well-formed (%u bad, %u BUSY, %u ok, %lu rewrites, %u rounds without overlap)",
            v == 1 ? "resource id and rate" : "header and length", i, bad, busy, seen_ok,
            race_rewrites() - flips, missed);
    }
    phase("race", "end");
    /* vCPU1 must be quiet before anything else uses the channel */
    tap(race_stop(2000000), "attack: race: vCPU1 stopped (PSCI CPU_OFF)");
    if ( r >= 0 )
    {
        clk_rate(r, &ro_after);
        tap(ro_before == ro_after,
            "attack: race: read-only clock %d rate unchanged (%lu -> %lu)", r, ro_before, ro_after);
    }
    s = CMDV(P_CLOCK, 5, NULL, 0, 0, g, (uint32_t)race_rate_a, (uint32_t)(race_rate_a >> 32));
    tap(s == 0, "attack: race: channel usable afterwards, clock %d restored (%s)", g, st(s));
}

/* ------------------------------------------------------------------- run */

int suite_run(void)
{
    bool base = cfg.mode == MODE_BASELINE;

    con_printf("TAP version 13\n");
    t_base();
    t_counts();
    t_clock();
    t_power();
    t_reset();
    t_sensor();
    if ( base )
    {
        skip(NOT_IN_BASELINE, "policy: ungranted ids, read-only, SYSTEM_POWER, BASE permissions");
        skip(NOT_IN_BASELINE, "attack: malformed lengths");
        skip(NOT_IN_BASELINE, "attack: reserved header bits, message types, unknown ids");
        skip(NOT_IN_BASELINE, "attack: second vCPU rewrites the channel during calls");
        skip(NOT_IN_BASELINE, "attack: flood");
    }
    else
    {
        t_policy();
        t_lengths();
        t_header();
        if ( cfg.sync >= 0 )
            sync_wait();
        t_race();
        t_flood();
    }
    t_fids();
    t_conduit();
    {
        int32_t s = CMD0(P_BASE, 0, NULL, 0);

        tap(s == 0, "channel still answers at the end (%s)", st(s));
    }
    con_printf("1..%u\n", tno);
    con_printf("VSCMI-AGENT: %u passed, %u failed, %u skipped (name=%s mode=%s binding=%s)\n",
               npass, nfail, nskip, cfg.name, base ? "baseline" : "suite", cfg.binding);
    return nfail ? 1 : 0;
}

/* ----------------------------------------------------------------- faults */

/*
 * The test firmware's misbehaving resources, granted to this agent by the
 * scenario: vscmi.fclk (rate set answered late), vscmi.fsns (reading with a
 * garbage SMT length), vscmi.frst (reset that leaves the firmware channel
 * busy), vscmi.fpd (power domain answering HARDWARE_ERROR).  Every call must
 * be answered, well-formed, within vscmi.bound_ms; afterwards the good
 * resources work again.
 */
static bool bounded(uint64_t t, uint64_t ms)
{
    return t * 1000 / tick_freq() <= ms;
}

static void t_recovers(const char *after, int good, uint64_t ms)
{
    uint64_t end = ticks() + ms * tick_freq() / 1000, t0 = ticks();
    uint32_t o[2];
    int32_t s;

    for ( ; ; )
    {
        s = CMDV(P_CLOCK, 6, o, 2, good);
        if ( s == 0 || ticks() > end )
            break;
        delay_us(5000);
    }
    tap(s == 0, "faults: after %s, clock %d answers again in %lu ms (%s)", after, good,
        (ticks() - t0) * 1000 / tick_freq(), st(s));
}

int faults_run(void)
{
    struct msg m;
    uint64_t bound = cfg.bound_ms;
    int good = first_mode(&cfg.clk, "F");
    int32_t s;

    con_printf("TAP version 13\n");
    if ( good < 0 )
    {
        tap(false, "faults: needs a fully granted good clock (vscmi.clk)");
        goto out;
    }
    t_recovers("boot", good, bound);

    if ( cfg.fclk >= 0 )
    {
        raw(&m, P_CLOCK, 5, 0, (const uint32_t[]){ 0, (uint32_t)cfg.fclk, 2000000, 0 }, 4);
        chan_xfer(ch, &m);
        s = msg_status(&m);
        tap(!m.why && !m.x0 && bounded(m.ticks, bound),
            "faults: late-answering clock %d: RATE_SET answered (%s) in %lu ms (bound %lu)",
            cfg.fclk, st(s), m.ticks * 1000 / tick_freq(), bound);
        t_recovers("the late answer", good, bound);
    }
    if ( cfg.fsns >= 0 )
    {
        raw(&m, P_SENSOR, 6, 0, (const uint32_t[]){ (uint32_t)cfg.fsns, 0 }, 2);
        chan_xfer(ch, &m);
        s = msg_status(&m);
        tap(!m.why && !m.x0 && s != 0 && s > XFER_X0 && bounded(m.ticks, bound),
            "faults: garbage-answering sensor %d: error status %s, answer well-formed (length %u) in %lu ms",
            cfg.fsns, st(s), m.length_out, m.ticks * 1000 / tick_freq());
        t_recovers("the garbage answer", good, bound);
    }
    if ( cfg.fpd >= 0 )
    {
        s = CMDV(P_POWER, 4, NULL, 0, 0, cfg.fpd, 0);
        tap(s == SCMI_HARDWARE_ERROR || (s < 0 && s > XFER_X0),
            "faults: failing power domain %d: STATE_SET -> %s", cfg.fpd, st(s));
        t_recovers("the hardware error", good, bound);
    }
    if ( cfg.frst >= 0 )
    {
        raw(&m, P_RESET, 4, 0, (const uint32_t[]){ (uint32_t)cfg.frst, 1, 0 }, 3);
        chan_xfer(ch, &m);
        s = msg_status(&m);
        tap(!m.why && !m.x0 && bounded(m.ticks, bound),
            "faults: reset %d leaving the firmware channel busy: answered (%s) in %lu ms",
            cfg.frst, st(s), m.ticks * 1000 / tick_freq());
        t_recovers("the busy channel", good, 3 * bound);
    }
out:
    con_printf("1..%u\n", tno);
    con_printf("VSCMI-AGENT: %u passed, %u failed, %u skipped (name=%s mode=faults binding=%s)\n",
               npass, nfail, nskip, cfg.name, cfg.binding);
    return nfail ? 1 : 0;
}
