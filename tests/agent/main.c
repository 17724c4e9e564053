/* SPDX-License-Identifier: MIT */
/*
 * vscmi guest agent: boot, console, SMCCC, device tree and configuration.
 *
 * Console: Xen's HYPERVISOR_console_io (CONSOLEIO_write), which Xen 4.20
 * allows for dom0 and for dom0less domUs (d->is_console); a domU's lines
 * appear on Xen's console as "(d1) ..." with guest_loglvl=all.  A domain
 * xl creates is not console-capable: given an emulated SBSA UART (xl's
 * vuart = "sbsa_uart", an "arm,sbsa-uart" DT node), the agent writes there
 * instead, and `xl console -t vuart` shows it.
 *
 * Configuration comes from the DT: the SCMI channel from the mailbox
 * binding (arm,smc-mbox + arm,scmi) or from arm,scmi-smc; what the agent
 * expects (its grants, the mode) from "vscmi.*" words in /chosen/bootargs,
 * written by the scenario (see README).
 */
#include <string.h>
#include <libfdt.h>

#include "agent.h"

struct agent_cfg cfg;
static const void *fdt;

/* ---------------------------------------------------------------- console */

#define HYPERVISOR_console_io   18
#define CONSOLEIO_write         0

static long xen_console_write(const char *s, size_t n)
{
    register uint64_t x0 asm("x0") = CONSOLEIO_write;
    register uint64_t x1 asm("x1") = n;
    register uint64_t x2 asm("x2") = (uintptr_t)s;
    register uint64_t x3 asm("x3") = 0;
    register uint64_t x4 asm("x4") = 0;
    register uint64_t x5 asm("x5") = 0;
    register uint64_t x16 asm("x16") = HYPERVISOR_console_io;

    asm volatile("hvc #0xea1"
                 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5),
                   "+r"(x16)
                 :
                 : "memory");
    return (long)x0;
}

#define HYPERVISOR_sched_op     29
#define SCHEDOP_yield           0
#define SCHEDOP_shutdown        2
#define SHUTDOWN_crash          3

/* Give the pCPU to other vCPUs (Xen sched_op yield); returns at once if idle. */
void xen_yield(void)
{
    register uint64_t x0 asm("x0") = SCHEDOP_yield;
    register uint64_t x1 asm("x1") = 0;
    register uint64_t x16 asm("x16") = HYPERVISOR_sched_op;

    asm volatile("hvc #0xea1" : "+r"(x0), "+r"(x1), "+r"(x16) : : "memory");
}

/* The SBSA UART's data and flag registers (a PL011 subset); 0: none */
#define UART_DR     0x00
#define UART_FR     0x18
#define UART_FR_TXFF (1u << 5)
static volatile uint32_t *vuart;

static void vuart_write(const char *s, size_t n)
{
    while ( n-- )
    {
        unsigned int spins = 1000000;

        while ( (vuart[UART_FR / 4] & UART_FR_TXFF) && --spins )
            ;
        vuart[UART_DR / 4] = (uint8_t)*s++;
    }
}

/* Tell Xen this domain crashed (what Linux's panic notifier does on x86):
 * the toolstack then applies the domain's on_crash action. */
static void xen_crash(void)
{
    uint32_t reason = SHUTDOWN_crash;
    register uint64_t x0 asm("x0") = SCHEDOP_shutdown;
    register uint64_t x1 asm("x1") = (uintptr_t)&reason;
    register uint64_t x16 asm("x16") = HYPERVISOR_sched_op;

    asm volatile("hvc #0xea1" : "+r"(x0), "+r"(x1), "+r"(x16) : : "memory");
}

void con_puts(const char *s)
{
    size_t n = strlen(s);

    if ( vuart )
    {
        vuart_write(s, n);
        return;
    }
    while ( n )
    {
        size_t k = MIN(n, (size_t)120);

        xen_console_write(s, k);
        s += k;
        n -= k;
    }
}

static void put_num(char **p, char *end, uint64_t v, unsigned int base,
                    bool neg, int width, char pad)
{
    char tmp[24];
    int n = 0;

    do {
        tmp[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while ( v );
    if ( neg )
        tmp[n++] = '-';
    for ( ; width > n; width-- )
        if ( *p < end )
            *(*p)++ = pad;
    while ( n )
        if ( *p < end )
            *(*p)++ = tmp[--n];
        else
            n--;
}

int vsnprintf_(char *buf, size_t size, const char *fmt, va_list ap)
{
    char *p = buf, *end = buf + size - 1;

    if ( !size )
        return 0;
    for ( ; *fmt; fmt++ )
    {
        int width = 0, lng = 0;
        char pad = ' ';
        uint64_t v;
        int64_t sv;

        if ( *fmt != '%' )
        {
            if ( p < end )
                *p++ = *fmt;
            continue;
        }
        fmt++;
        if ( *fmt == '0' )
        {
            pad = '0';
            fmt++;
        }
        while ( *fmt >= '0' && *fmt <= '9' )
            width = width * 10 + *fmt++ - '0';
        while ( *fmt == 'l' || *fmt == 'z' )
        {
            lng++;
            fmt++;
        }
        switch ( *fmt )
        {
        case 'd':
            sv = lng ? va_arg(ap, int64_t) : va_arg(ap, int);
            put_num(&p, end, sv < 0 ? -(uint64_t)sv : (uint64_t)sv, 10, sv < 0,
                    width, pad);
            break;
        case 'u':
        case 'x':
            v = lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned int);
            put_num(&p, end, v, *fmt == 'u' ? 10 : 16, false, width, pad);
            break;
        case 'c':
            if ( p < end )
                *p++ = (char)va_arg(ap, int);
            break;
        case 's':
        {
            const char *s = va_arg(ap, const char *);
            int n;

            if ( !s )
                s = "(null)";
            n = (int)strlen(s);
            for ( ; width > n; width-- )
                if ( p < end )
                    *p++ = ' ';
            while ( *s && p < end )
                *p++ = *s++;
            break;
        }
        case '%':
            if ( p < end )
                *p++ = '%';
            break;
        default:
            break;
        }
    }
    *p = '\0';
    return (int)(p - buf);
}

int snprintf_(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf_(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

void con_printf(const char *fmt, ...)
{
    char buf[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf_(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    con_puts(buf);
}

/* ------------------------------------------------------------ SMCCC, time */

void smccc_call(bool smc, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                uint64_t a4, uint64_t a5, uint64_t a6, uint64_t a7,
                struct smccc_res *res)
{
    register uint64_t x0 asm("x0") = a0;
    register uint64_t x1 asm("x1") = a1;
    register uint64_t x2 asm("x2") = a2;
    register uint64_t x3 asm("x3") = a3;
    register uint64_t x4 asm("x4") = a4;
    register uint64_t x5 asm("x5") = a5;
    register uint64_t x6 asm("x6") = a6;
    register uint64_t x7 asm("x7") = a7;

    if ( smc )
        asm volatile("smc #0"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4),
                       "+r"(x5), "+r"(x6), "+r"(x7)
                     :
                     : "memory", "x8", "x9", "x10", "x11", "x12", "x13",
                       "x14", "x15", "x16", "x17");
    else
        asm volatile("hvc #0"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4),
                       "+r"(x5), "+r"(x6), "+r"(x7)
                     :
                     : "memory", "x8", "x9", "x10", "x11", "x12", "x13",
                       "x14", "x15", "x16", "x17");
    res->a0 = x0;
    res->a1 = x1;
    res->a2 = x2;
    res->a3 = x3;
}

uint64_t ticks(void)
{
    uint64_t v;

    asm volatile("isb; mrs %0, cntvct_el0" : "=r"(v) : : "memory");
    return v;
}

uint64_t tick_freq(void)
{
    uint64_t v;

    asm volatile("mrs %0, cntfrq_el0" : "=r"(v));
    return v ? v : 62500000;
}

void delay_us(uint64_t us)
{
    uint64_t end = ticks() + us * tick_freq() / 1000000;

    while ( ticks() < end )
        ;
}

static void power_off(void)
{
    struct smccc_res r;

    smccc_call(false, PSCI_SYSTEM_OFF, 0, 0, 0, 0, 0, 0, 0, &r);
}

void agent_exception(uint64_t kind, uint64_t esr, uint64_t elr, uint64_t far);
void agent_exception(uint64_t kind, uint64_t esr, uint64_t elr, uint64_t far)
{
    con_printf("VSCMI-AGENT-FATAL: name=%s exception %u esr=0x%lx elr=0x%lx far=0x%lx\n",
               cfg.name, (unsigned int)kind, esr, elr, far);
    con_printf("VSCMI-AGENT: 0 passed, 1 failed (name=%s: exception)\n", cfg.name);
    power_off();
    for ( ; ; )
        asm volatile("wfi");
}

/* ------------------------------------------------------------ bootargs */

static const char *bootargs;

/* Value of "vscmi.<key>=" in bootargs into @out; false if absent. */
static bool arg(const char *key, char *out, size_t outlen)
{
    const char *p = bootargs;
    size_t kl = strlen(key);

    while ( p && *p )
    {
        while ( *p == ' ' )
            p++;
        if ( !strncmp(p, "vscmi.", 6) && !strncmp(p + 6, key, kl) &&
             (p[6 + kl] == '=' || p[6 + kl] == ' ' || !p[6 + kl]) )
        {
            size_t n = 0;

            p += 6 + kl;
            if ( *p == '=' )
                p++;
            while ( p[n] && p[n] != ' ' && n + 1 < outlen )
            {
                out[n] = p[n];
                n++;
            }
            out[n] = '\0';
            return true;
        }
        while ( *p && *p != ' ' )
            p++;
    }
    return false;
}

static unsigned long arg_num(const char *key, unsigned long def)
{
    char v[24];

    return arg(key, v, sizeof(v)) ? strtoul(v, NULL, 0) : def;
}

static void arg_grants(const char *key, struct grants *g)
{
    char v[MAX_RES + 2];
    size_t i;

    memset(g, 0, sizeof(*g));
    if ( !arg(key, v, sizeof(v)) )
        return;
    g->present = true;
    for ( i = 0; v[i] && i < MAX_RES; i++ )
        g->mode[i] = v[i];
    g->mode[i] = '\0';
    g->n = (unsigned int)i;
}

/* ------------------------------------------------------------------ DT */

static int dt_node_by_phandle_prop(int node, const char *prop, int idx)
{
    int len;
    const fdt32_t *p = fdt_getprop(fdt, node, prop, &len);

    if ( !p || len < (int)sizeof(*p) * (idx + 1) )
        return -1;
    return fdt_node_offset_by_phandle(fdt, fdt32_ld(&p[idx]));
}

static bool dt_reg(int node, uint64_t *base, uint64_t *size)
{
    int parent = fdt_parent_offset(fdt, node), len, ac, sc, i;
    const fdt32_t *p = fdt_getprop(fdt, node, "reg", &len);

    if ( parent < 0 || !p )
        return false;
    ac = fdt_address_cells(fdt, parent);
    sc = fdt_size_cells(fdt, parent);
    if ( ac < 1 || ac > 2 || sc < 1 || sc > 2 || len < 4 * (ac + sc) )
        return false;
    *base = *size = 0;
    for ( i = 0; i < ac; i++ )
        *base = (*base << 32) | fdt32_ld(&p[i]);
    for ( i = 0; i < sc; i++ )
        *size = (*size << 32) | fdt32_ld(&p[ac + i]);
    return true;
}

static bool dt_str_is(int node, const char *prop, const char *val)
{
    int len;
    const char *s = fdt_getprop(fdt, node, prop, &len);

    return s && len > 0 && strnlen(s, len) < (size_t)len && !strcmp(s, val);
}

/* Find the SCMI channel: the mailbox binding first, then arm,scmi-smc. */
static const char *dt_channel(struct chan *c)
{
    int scmi, shm, mbox, len;
    const fdt32_t *p;
    uint64_t base, size;

    scmi = fdt_node_offset_by_compatible(fdt, -1, "arm,scmi");
    if ( scmi >= 0 )
    {
        unsigned int idx;

        cfg.binding = "arm,smc-mbox";
        p = fdt_getprop(fdt, scmi, "mboxes", &len);
        if ( !p || len < 4 )
            return "arm,scmi node without mboxes";
        mbox = fdt_node_offset_by_phandle(fdt, fdt32_ld(&p[0]));
        if ( mbox < 0 || fdt_node_check_compatible(fdt, mbox, "arm,smc-mbox") )
            return "mboxes does not point at an arm,smc-mbox node";
        idx = len >= 8 ? fdt32_ld(&p[1]) : 0;
        if ( dt_str_is(mbox, "method", "hvc") )
            c->smc = false;
        else if ( dt_str_is(mbox, "method", "smc") )
            c->smc = true;
        else
            return "arm,smc-mbox: method is neither \"hvc\" nor \"smc\"";
        p = fdt_getprop(fdt, mbox, "arm,func-ids", &len);
        if ( !p || len < 4 * (int)(idx + 1) )
            return "arm,smc-mbox: no arm,func-ids entry for the channel";
        c->fid = fdt32_ld(&p[idx]);
    }
    else
    {
        int psci;

        scmi = fdt_node_offset_by_compatible(fdt, -1, "arm,scmi-smc");
        if ( scmi < 0 )
            return "no arm,scmi (mailbox) nor arm,scmi-smc node";
        cfg.binding = "arm,scmi-smc";
        p = fdt_getprop(fdt, scmi, "arm,smc-id", &len);
        if ( !p || len < 4 )
            return "arm,scmi-smc without arm,smc-id";
        c->fid = fdt32_ld(&p[0]);
        /* Linux calls through the PSCI conduit: HVC under Xen */
        psci = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-1.0");
        if ( psci < 0 )
            psci = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-0.2");
        c->smc = psci >= 0 && dt_str_is(psci, "method", "smc");
    }
    shm = dt_node_by_phandle_prop(scmi, "shmem", 0);
    if ( shm < 0 )
        return "SCMI node without a valid shmem phandle";
    if ( !dt_reg(shm, &base, &size) )
        return "shmem node without a usable reg";
    if ( size < 0x80 || size > 0x10000 || (base & 3) )
        return "shmem size or alignment out of range";
    c->shm = base;
    c->size = (uint32_t)size;
    return NULL;
}

static void parse_fids(void)
{
    char v[200], *p = v;
    static const uint32_t def[] = {
        0x82000010, 0x82000011, 0x82000012, 0x82000013,
        0xc2000010, 0xc2000011, 0x82000000, 0x8200ffff,
    };
    unsigned int i;

    cfg.nfids = 0;
    if ( arg("fids", v, sizeof(v)) )
    {
        while ( *p && cfg.nfids < ARRAY_SIZE(cfg.fids) )
        {
            uint32_t f = (uint32_t)strtoul(p, &p, 0);

            if ( f != cfg.ch.fid )
                cfg.fids[cfg.nfids++] = f;
            while ( *p == ',' )
                p++;
        }
        return;
    }
    for ( i = 0; i < ARRAY_SIZE(def); i++ )
        if ( def[i] != cfg.ch.fid )
            cfg.fids[cfg.nfids++] = def[i];
}

/* The emulated SBSA UART of an xl-created domain (vuart = "sbsa_uart"). */
static void dt_vuart(void)
{
    int node = fdt_node_offset_by_compatible(fdt, -1, "arm,sbsa-uart");
    uint64_t base, size;

    if ( node >= 0 && dt_reg(node, &base, &size) && base && size >= 0x1000 )
        vuart = (volatile uint32_t *)(uintptr_t)base;
}

static const char *const mode_names[] = {
    [MODE_SUITE] = "suite", [MODE_BASELINE] = "baseline", [MODE_BENCH] = "bench",
    [MODE_FLOOD] = "flood", [MODE_FAULTS] = "faults", [MODE_IDLE] = "idle",
    [MODE_CRASH] = "crash", [MODE_VOTE] = "vote", [MODE_REMAP] = "remap",
};

static void configure(void)
{
    char v[32];
    int chosen = fdt_path_offset(fdt, "/chosen");
    int len;

    bootargs = chosen >= 0 ? fdt_getprop(fdt, chosen, "bootargs", &len) : NULL;
    if ( bootargs && strnlen(bootargs, len) >= (size_t)len )
        bootargs = NULL;

    if ( !arg("name", cfg.name, sizeof(cfg.name)) )
        memcpy(cfg.name, "agent", 6);
    cfg.mode = MODE_SUITE;
    if ( arg("mode", v, sizeof(v)) )
    {
        if ( !strcmp(v, "baseline") )
            cfg.mode = MODE_BASELINE;
        else if ( !strcmp(v, "bench") )
            cfg.mode = MODE_BENCH;
        else if ( !strcmp(v, "flood") )
            cfg.mode = MODE_FLOOD;
        else if ( !strcmp(v, "faults") )
            cfg.mode = MODE_FAULTS;
        else if ( !strcmp(v, "idle") )
            cfg.mode = MODE_IDLE;
        else if ( !strcmp(v, "crash") )
            cfg.mode = MODE_CRASH;
        else if ( !strcmp(v, "vote") )
            cfg.mode = MODE_VOTE;
        else if ( !strcmp(v, "remap") )
            cfg.mode = MODE_REMAP;
    }
    arg_grants("clk", &cfg.clk);
    arg_grants("pd", &cfg.pd);
    arg_grants("rst", &cfg.rst);
    arg_grants("sns", &cfg.sns);
    cfg.smc_accept = !(arg("smc", v, sizeof(v)) && !strcmp(v, "refuse"));
    cfg.flood = (unsigned int)arg_num("flood", 3000);
    cfg.flood_ms = arg_num("flood_ms", 3000);
    cfg.race = (unsigned int)arg_num("race", 1000);
    cfg.bench_n = (unsigned int)MIN(arg_num("bench", 1000), 4096ul);
    cfg.bclk = (unsigned int)arg_num("bclk", 0);
    cfg.end_off = !(arg("end", v, sizeof(v)) && !strcmp(v, "idle"));
    cfg.fclk = (int)arg_num("fclk", -1ul);
    cfg.fsns = (int)arg_num("fsns", -1ul);
    cfg.frst = (int)arg_num("frst", -1ul);
    cfg.fpd = (int)arg_num("fpd", -1ul);
    cfg.bound_ms = arg_num("bound_ms", 1000);
    cfg.start_ms = arg_num("start_ms", 0);
    cfg.sync = (int)arg_num("sync", -1ul);
    cfg.sync_ms = arg_num("sync_ms", 120000);
    cfg.phase_ms = arg_num("phase_ms", 0);
    cfg.signal = (int)arg_num("signal", -1ul);
    cfg.wait_on = (int)arg_num("wait_on", -1ul);
}

/* ------------------------------------------------------------------ main */

void agent_main(const void *dt, uint64_t base);
void agent_main(const void *dt, uint64_t base)
{
    const char *err;
    int rc = 1;
    struct smccc_res r;

    fdt = dt;
    memcpy(cfg.name, "agent", 6);
    con_printf("VSCMI-AGENT-UP: image at 0x%lx, DT at 0x%lx\n", base,
               (uint64_t)(uintptr_t)dt);
    if ( fdt_check_header(fdt) )
    {
        con_puts("VSCMI-AGENT: 0 passed, 1 failed (no valid DT in x0)\n");
        goto out;
    }
    dt_vuart();
    configure();
    smccc_call(false, PSCI_VERSION, 0, 0, 0, 0, 0, 0, 0, &r);
    con_printf("# name=%s mode=%s psci=0x%lx counter %lu Hz\n", cfg.name,
               mode_names[cfg.mode], r.a0, tick_freq());
    if ( cfg.mode == MODE_IDLE )
    {
        /* alive until the toolstack shuts it down or destroys it */
        con_printf("VSCMI-AGENT-IDLE: name=%s\n", cfg.name);
        for ( ; ; )
            asm volatile("wfi");
    }
    err = dt_channel(&cfg.ch);
    if ( cfg.mode == MODE_CRASH )
    {
        /* with a channel, crash holding votes: Xen must release them */
        if ( !err )
        {
            vote_run();
            if ( cfg.wait_on >= 0 )
                wait_for_clock((uint32_t)cfg.wait_on);
        }
        con_printf("VSCMI-AGENT-CRASH: name=%s\n", cfg.name);
        xen_crash();
        con_printf("VSCMI-AGENT-ERR: name=%s SCHEDOP_shutdown(crash) returned\n", cfg.name);
        goto out;
    }
    if ( err )
    {
        con_printf("VSCMI-AGENT-ERR: name=%s %s\n", cfg.name, err);
        con_printf("VSCMI-AGENT: 0 passed, 1 failed (name=%s: no SCMI channel)\n",
                   cfg.name);
        goto out;
    }
    parse_fids();
    con_printf("VSCMI-AGENT-CHAN: name=%s binding=%s conduit=%s fid=0x%x shmem=0x%lx size=0x%x\n",
               cfg.name, cfg.binding, cfg.ch.smc ? "smc" : "hvc", cfg.ch.fid,
               (uint64_t)cfg.ch.shm, cfg.ch.size);

    if ( cfg.start_ms )
        delay_us(cfg.start_ms * 1000);
    switch ( cfg.mode )
    {
    case MODE_FAULTS:
        rc = faults_run();
        break;
    case MODE_BENCH:
        rc = bench_run();
        break;
    case MODE_FLOOD:
        rc = flood_run();
        break;
    case MODE_VOTE:
    case MODE_REMAP:
        rc = cfg.mode == MODE_VOTE ? vote_run() : remap_run();
        /* hold the votes until the toolstack ends the domain */
        con_printf("VSCMI-AGENT-IDLE: name=%s\n", cfg.name);
        for ( ; ; )
            asm volatile("wfi");
    default:
        rc = suite_run();
        break;
    }
out:
    con_printf("VSCMI-AGENT-DONE: name=%s rc=%d\n", cfg.name, rc);
    if ( cfg.end_off )
        power_off();
    for ( ; ; )
        asm volatile("wfi");
}
