# SPDX-License-Identifier: MIT
# Shared helpers for the guests' /init scripts (installed as /lib/vscmi.sh).
# Every line meant for the test harness starts with "VSCMI-" and carries
# name=<guest> (from vscmi_name= on the kernel command line).

vscmi_setup() {
    /bin/busybox --install -s /bin
    mkdir -p /proc /sys /dev /tmp
    mount -t proc proc /proc
    mount -t sysfs sysfs /sys
    mount -t devtmpfs devtmpfs /dev 2>/dev/null
    mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
    NAME=guest HOLD=0 SHELL_AT_END=0
    for a in $(cat /proc/cmdline); do
        case "$a" in
            vscmi_name=*) NAME=${a#vscmi_name=} ;;
            vscmi_hold=1) HOLD=1 ;;
            vscmi_shell=1) SHELL_AT_END=1 ;;    # vscmi-qemu.py shell
        esac
    done
    HV=$(cat /sys/hypervisor/type 2>/dev/null || echo none)
    echo "VSCMI-GUEST-UP name=$NAME uptime=$(cut -d' ' -f1 /proc/uptime) hypervisor=$HV kernel=$(uname -r)"
}

# SCMI state as Linux sees it: ok (probed), failed (probe error), absent
vscmi_report_scmi() {
    local devs proto
    devs=$(ls /sys/bus/scmi_protocol/devices 2>/dev/null | tr '\n' ' ')
    proto=$(dmesg | grep -o "SCMI Protocol v.*" | head -n1)
    if [ -n "$proto" ]; then
        SCMI=ok
    elif dmesg | grep -qE "arm-scmi.*(failed|error)"; then
        SCMI=failed
    else
        SCMI=absent
    fi
    echo "VSCMI-SCMI name=$NAME state=$SCMI devices=${devs:-none} ${proto:+info=\"$proto\"}"
    dmesg | grep -E "arm-scmi|scmi" | grep -iE "fail|error|timed out|refused" | while read -r l; do
        echo "VSCMI-SCMI-ERR name=$NAME $l"
    done
}

# clk_summary rows: clock, enable count, prepare count, rate
vscmi_report_clk() {
    local f=/sys/kernel/debug/clk/clk_summary
    [ -r $f ] || { echo "VSCMI-CLK name=$NAME none"; return; }
    awk -v n="$NAME" 'NR > 3 && NF >= 5 && $2 ~ /^[0-9]+$/ && $5 ~ /^[0-9]+$/ {
        printf "VSCMI-CLK name=%s clk=%s enable=%s prepare=%s rate=%s\n", n, $1, $2, $3, $5 }' $f
}

# generic power domains as Linux sees them
vscmi_report_pd() {
    local f=/sys/kernel/debug/pm_genpd/pm_genpd_summary
    [ -r $f ] || { echo "VSCMI-PD name=$NAME none"; return; }
    awk -v n="$NAME" 'NR > 2 && $0 !~ /^[ \t-]/ && NF >= 2 {
        printf "VSCMI-PD name=%s domain=%s status=%s\n", n, $1, $2 }
        $0 ~ /^ +\/devices/ { printf "VSCMI-PD-DEV name=%s dev=%s status=%s\n", n, $1, $2 }' $f
}

vscmi_finish() {
    echo "VSCMI-GUEST-DONE name=$NAME scmi=$SCMI uptime=$(cut -d' ' -f1 /proc/uptime)"
    if [ "$SHELL_AT_END" = 1 ]; then
        echo "VSCMI-SHELL name=$NAME: a shell on the console (exit: power off)"
        setsid cttyhack /bin/sh -l
        poweroff -f
    fi
    if [ "$HOLD" = 1 ]; then
        # stay up (e.g. a dom0 whose domUs still run) until the harness ends
        # the run, or the toolstack asks: Linux runs /sbin/poweroff or
        # /sbin/reboot (xl shutdown / xl reboot), which signal init
        trap 'vscmi_stop poweroff' USR2
        trap 'vscmi_stop reboot' TERM
        trap 'vscmi_stop halt' USR1
        while :; do sleep 1; done
    fi
    poweroff -f
}

vscmi_stop() {
    echo "VSCMI-GUEST-STOP name=$NAME how=$1 uptime=$(cut -d' ' -f1 /proc/uptime)"
    "$1" -f
}

# ---- optional helpers, driven by the kernel command line (mediated scenario) ----

# vscmi_dt=<node>[,<node>...]: one VSCMI-DT line per property of each
# device-tree node: strings quoted, other values as 32-bit cells in hex
vscmi_report_dt() {
    local n p f k v
    for n in $(tr ' ' '\n' < /proc/cmdline | sed -n 's/^vscmi_dt=//p' | tr ',' ' '); do
        p=/proc/device-tree$n
        [ -d "$p" ] || { echo "VSCMI-DT name=$NAME $n absent"; continue; }
        for f in "$p"/*; do
            [ -f "$f" ] || continue
            k=${f##*/}
            [ "$k" = name ] && continue
            case "$k" in
                compatible|method|status|*-names)
                    v="\"$(tr '\0' '\n' < "$f" | sed '/^$/d' | sed ':a;N;$!ba;s/\n/", "/g')\"" ;;
                *)
                    v=$(od -An -v -tx1 "$f" | tr -d ' \n' | sed 's/\(........\)/0x\1 /g;s/ $//')
                    [ -n "$v" ] && v="<$v>" ;;
            esac
            echo "VSCMI-DT name=$NAME $n $k${v:+=$v}"
        done
    done
}

# vscmi_rpm=<platform device>[,...]: keep each device runtime-active
# (power/control = on) once its driver is bound (bounded wait), e.g. a
# simple-pm-bus node, whose runtime resume enables its clocks
vscmi_rpm_on() {
    local d f i
    for d in $(tr ' ' '\n' < /proc/cmdline | sed -n 's/^vscmi_rpm=//p' | tr ',' ' '); do
        f=/sys/bus/platform/devices/$d
        i=0
        while [ $i -lt 100 ] && [ ! -e "$f/driver" ]; do
            sleep 0.1
            i=$((i + 1))
        done
        echo on > "$f/power/control" 2>/dev/null
        echo "VSCMI-RPM name=$NAME dev=$d driver=$(basename "$(readlink "$f/driver" 2>/dev/null)" 2>/dev/null) status=$(cat "$f/power/runtime_status" 2>/dev/null || echo missing)"
    done
}

# vscmi_linger=<s>: stay up that long before finishing (orders shutdowns)
vscmi_linger() {
    local s
    s=$(tr ' ' '\n' < /proc/cmdline | sed -n 's/^vscmi_linger=//p')
    [ -n "$s" ] || return 0
    echo "VSCMI-LINGER name=$NAME seconds=$s"
    sleep "$s"
}

# vscmi_toggle=<platform dev>,<n>,<ms>: once the driver is bound, switch the
# device's power/control n times between on and auto (runtime resume and
# suspend: a simple-pm-bus enables / disables its clocks), pausing <ms> ms
# after each switch.  One line per switch, once its runtime status is known
# (bounded wait): ok=1 when it reached active (on) / suspended (auto).
vscmi_toggle() {
    local spec d n ms f i k c want s ok
    spec=$(tr ' ' '\n' < /proc/cmdline | sed -n 's/^vscmi_toggle=//p')
    [ -n "$spec" ] || return 0
    d=${spec%%,*} n=${spec#*,}
    ms=${n#*,} n=${n%%,*}
    f=/sys/bus/platform/devices/$d
    i=0
    while [ $i -lt 100 ] && [ ! -e "$f/driver" ]; do
        sleep 0.1
        i=$((i + 1))
    done
    echo "VSCMI-RPM-TOGGLE-BEGIN name=$NAME dev=$d count=$n pause_ms=$ms uptime=$(cut -d' ' -f1 /proc/uptime)"
    ok=0 k=1
    while [ $k -le "$n" ]; do
        if [ $((k % 2)) = 1 ]; then c=on want=active; else c=auto want=suspended; fi
        echo $c > "$f/power/control" 2>/dev/null
        i=0
        while :; do
            read -r s < "$f/power/runtime_status" 2>/dev/null || s=missing
            [ "$s" = "$want" ] || [ $i -ge 200 ] && break
            sleep 0.005
            i=$((i + 1))
        done
        [ "$s" = "$want" ] && ok=$((ok + 1))
        echo "VSCMI-RPM-TOGGLE name=$NAME n=$k control=$c status=$s ok=$([ "$s" = "$want" ] && echo 1 || echo 0)"
        [ "$ms" -gt 0 ] 2>/dev/null && sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
        k=$((k + 1))
    done
    echo "VSCMI-RPM-TOGGLE-END name=$NAME dev=$d count=$n ok=$ok uptime=$(cut -d' ' -f1 /proc/uptime)"
}
