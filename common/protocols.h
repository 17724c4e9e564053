/* SPDX-License-Identifier: MIT */
/*
 * The SCMI protocols the mediator serves, one line each:
 *   VSCMI_PROTOCOL(ID, name)  SCMI_PROTO_<ID>, served by proto_<name>.c's
 *                             struct vscmi_protocol vscmi_proto_<name>
 * private.h declares them and mediator.c's table lists them from here; a
 * protocol is added with its file and its line.  No include guard: the
 * includer defines VSCMI_PROTOCOL.
 */
VSCMI_PROTOCOL(BASE, base)
VSCMI_PROTOCOL(POWER, power)
VSCMI_PROTOCOL(SYSTEM, system)
VSCMI_PROTOCOL(PERF, perf)
VSCMI_PROTOCOL(CLOCK, clock)
VSCMI_PROTOCOL(SENSOR, sensor)
VSCMI_PROTOCOL(RESET, reset)
VSCMI_PROTOCOL(VOLTAGE, voltage)
