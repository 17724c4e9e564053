/* SPDX-License-Identifier: MIT */
/*
 * Malformed input: SMT lengths out of range or wrong for the command,
 * reserved header bits, message types, unknown protocols and messages, a
 * doorbell with nothing posted, garbage in x1..x7.
 */
#include "suite.h"

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

void suite_malformed(void)
{
    t_lengths();
    t_header();
}
