# SPDX-License-Identifier: MIT
# Helpers of an xl-capable dom0 (installed as /lib/vscmi-dom0.sh next to
# /lib/vscmi.sh): bring the toolstack up, then run the scenario's dom0 script
# (/etc/vscmi/dom0-script, which the harness appends to the image) with step
# and phase helpers whose lines the harness checks (docs/qemu.md):
#
#   VSCMI-STEP step=<s> rc=<rc> want=<rc|any> ms=<ms> ok=<0|1>
#   VSCMI-OUT step=<s>: <a line of the command's output>
#   VSCMI-PHASE phase=<p> begin|end ms=<ms since the phase began>
#   VSCMI-DOM0-SCRIPT-END failed=<steps with ok=0> ms=<ms>
#
# Times come from /proc/uptime (10 ms resolution).

VSCMI_FAILED=0

vscmi_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }

# vscmi_step <step> <want: exit code, "!0" (1..127) or "any"> <command...>: run it, print
# its output (at most 40 lines) and one VSCMI-STEP line; returns the
# command's exit code
vscmi_step() {
    local step=$1 want=$2
    shift 2
    vscmi_run "$step" "$want" 40 "$@"
}

# vscmi_step_all: the same, with all of its output (for a check hook)
vscmi_step_all() {
    local step=$1 want=$2
    shift 2
    vscmi_run "$step" "$want" 100000 "$@"
}

# vscmi_check <step> <command...>: a step that is a test: it must exit 0;
# its output is not shown
vscmi_check() {
    local step=$1
    shift
    vscmi_run "$step" 0 0 "$@"
}

vscmi_run() {
    local step=$1 want=$2 max=$3 t0 rc ok n
    shift 3
    t0=$(vscmi_ms)
    "$@" > /tmp/vscmi-step.out 2>&1
    rc=$?
    n=$(wc -l < /tmp/vscmi-step.out)
    head -n "$max" /tmp/vscmi-step.out | sed "s/^/VSCMI-OUT step=$step: /"
    [ "$n" -le "$max" ] || echo "VSCMI-OUT step=$step: ... ($n lines)"
    ok=1
    # "!0": failed, and by itself (1..127), not killed by a signal
    [ "$want" = any ] || [ "$rc" = "$want" ] || { [ "$want" = '!0' ] && [ "$rc" -ge 1 ] && [ "$rc" -le 127 ]; } || ok=0
    [ $ok = 1 ] || VSCMI_FAILED=$((VSCMI_FAILED + 1))
    echo "VSCMI-STEP step=$step rc=$rc want=$want ms=$(($(vscmi_ms) - t0)) ok=$ok"
    return $rc
}

VSCMI_PHASE="" VSCMI_PHASE_T0=0
vscmi_phase() {     # vscmi_phase <name>: ends the current phase, begins one
    local now
    now=$(vscmi_ms)
    [ -z "$VSCMI_PHASE" ] || echo "VSCMI-PHASE phase=$VSCMI_PHASE end ms=$((now - VSCMI_PHASE_T0))"
    VSCMI_PHASE=$1 VSCMI_PHASE_T0=$now
    [ -z "$1" ] || echo "VSCMI-PHASE phase=$1 begin"
}

# vscmi_wait_for <seconds> <command...>: until the command succeeds
# (polled every 0.2 s), bounded by time; 1 on timeout
vscmi_wait_for() {
    local end
    end=$(($(vscmi_ms) + $1 * 1000))
    shift
    until "$@" >/dev/null 2>&1; do
        [ "$(vscmi_ms)" -lt "$end" ] || return 1
        sleep 0.2
    done
}

# ---- xl helpers of the scenarios' scripts ----

VSCMI_CONSOLE_LOGS=/var/log/xen/console

# Xen's free memory: in MiB as xl info shows it, and to the page
vscmi_free_mb() { xl info | sed -n 's/^free_memory *: *//p'; }
vscmi_free_pages() { set -- $(xen-free-pages); echo "$1"; }
vscmi_report_memory() {
    echo "VSCMI-MEM phase=$VSCMI_PHASE free_mb=$(vscmi_free_mb) free_pages=$(vscmi_free_pages) domains=$(($(xl list | wc -l) - 1))"
}
# vscmi_gone <domain>: Xen has no domain of that name
vscmi_gone() { ! xl domid "$1" >/dev/null 2>&1; }
# vscmi_seen <log> <pattern>: the guest's console log has shown it
# (<log>: the domain's name, or <name>-vuart0 for its vuart)
vscmi_seen() { grep -q "$2" "$VSCMI_CONSOLE_LOGS/guest-$1.log" 2>/dev/null; }
# vscmi_show_guest <log>: the guest's own report (its VSCMI-* lines), for
# the harness
vscmi_show_guest() { grep -a 'VSCMI-' "$VSCMI_CONSOLE_LOGS/guest-$1.log"; }
# vscmi_linux_up <name>: an xl Linux guest reached user space (90 s at
# most) with SCMI; steps <name>-user-space, report-<name>, <name>-scmi-ok
vscmi_linux_up() {
    vscmi_check "$1-user-space" vscmi_wait_for 90 vscmi_seen "$1" "VSCMI-GUEST-DONE name=$1"
    vscmi_step "report-$1" 0 vscmi_show_guest "$1"
    vscmi_check "$1-scmi-ok" vscmi_seen "$1" "VSCMI-SCMI name=$1 state=ok"
}
# vscmi_domains_above <domid>: the names of the domains above @domid, dying
# or not (xl shows a domain without xenstore entries, dom0less or dying,
# as "(null)"), sorted, on one line
vscmi_domains_above() { echo $(xl list | awk -v b="$1" 'NR > 1 && $2 > b { print $1 }' | sort); }
# vscmi_seen_times <log> <n> <pattern>: at least n times (a log outlives
# its domain: a domain created again under the same name appends to it)
vscmi_seen_times() {
    [ "$(grep -c "$3" "$VSCMI_CONSOLE_LOGS/guest-$1.log" 2>/dev/null)" -ge "$2" ]
}

# vscmi_agent_cfg <name> <vscmi.* words> [<xl.cfg line>...]: the bare-metal
# agent as an xl guest, printing on its vuart, destroyed if it crashes
vscmi_agent_cfg() {
    local name=$1 words=$2
    shift 2
    {
        echo "name = \"$name\""
        echo 'kernel = "/guests/agent.Image"'
        echo 'memory = 16'
        echo 'vcpus = 1'
        echo 'vuart = "sbsa_uart"'
        echo "extra = \"vscmi.name=$name $words\""
        echo 'on_crash = "destroy"'
        for l in "$@"; do echo "$l"; done
    } > "/etc/xen/$name.cfg"
}

# the toolstack: Xen's modules, xenfs, xenstored, xen-init-dom0, xenconsoled
vscmi_toolstack_up() {
    local m t0
    t0=$(vscmi_ms)
    mkdir -p /dev/pts && mount -t devpts devpts /dev/pts
    for m in xen-privcmd xenfs xen-evtchn xen-gntdev xen-gntalloc; do
        vscmi_step "insmod-$m" 0 insmod /lib/modules/xen/$m.ko || return 1
    done
    vscmi_step mount-xenfs 0 mount -t xenfs xenfs /proc/xen || return 1
    mkdir -p /var/run/xen /var/lib/xen /var/log/xen/console
    vscmi_step xenstored 0 /usr/sbin/xenstored --pid-file /var/run/xen/xenstored.pid || return 1
    vscmi_step xen-init-dom0 0 /usr/lib/xen/bin/xen-init-dom0 || return 1
    vscmi_step xenconsoled 0 /usr/sbin/xenconsoled --log=guest --log-dir=/var/log/xen/console \
        --pid-file=/var/run/xen/xenconsoled.pid || return 1
    echo "VSCMI-DOM0-TOOLSTACK name=$NAME up ms=$(($(vscmi_ms) - t0))"
}

# the scenario's script, if the harness gave one
vscmi_dom0_script() {
    local t0
    [ -f /etc/vscmi/dom0-script ] || return 0
    t0=$(vscmi_ms)
    echo "VSCMI-DOM0-SCRIPT-BEGIN name=$NAME"
    . /etc/vscmi/dom0-script
    vscmi_phase ""
    echo "VSCMI-DOM0-SCRIPT-END failed=$VSCMI_FAILED ms=$(($(vscmi_ms) - t0))"
}
