/* SPDX-License-Identifier: MIT */
/*
 * Conformance: what a friendly agent needs.  BASE discovery shows exactly
 * the granted protocols; every granted resource answers; a fully granted
 * clock, power domain and reset domain can be driven.
 */
#include "suite.h"

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

void suite_conformance(void)
{
    t_base();
    t_counts();
    t_clock();
    t_power();
    t_reset();
    t_sensor();
}
