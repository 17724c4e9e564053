# SPDX-License-Identifier: MIT
# dom0 script of the xl-lifecycle scenario, sourced by the dom0 image's init
# once xenstored, xen-init-dom0 and xenconsoled run (helpers:
# tests/platform/initramfs/dom0.sh).  Domains are created, rebooted, shut
# down, crashed and destroyed with xl as an administrator would, and every
# step is timed.  Guests come from the image's /guests: the Debian Linux
# kernel with the busybox guest initramfs, and the bare-metal agent (idle:
# alive until destroyed; crash: reports a crash to Xen), which prints on
# the emulated SBSA UART because xl-created domains may not use Xen's
# console hypercall.

CYCLES=50
PARALLEL=16

# only Domain-0 left: no other domain, and no dying "(null)" one
only_dom0() { [ "$(xl list | awk 'NR > 1' | wc -l)" = 1 ] && ! xl list | grep -q '(null)'; }
# nothing left of the domains: xl info's free memory is back to its value
# before the first domain, and (once dom0 has grown what its first guests
# need, $WARM) not a page is missing
back_mb() { only_dom0 && [ "$(vscmi_free_mb)" = "$FREE0_MB" ]; }
back_pages() { only_dom0 && [ "$(vscmi_free_mb)" = "$FREE0_MB" ] && [ "$(vscmi_free_pages)" = "$WARM" ]; }

linux_cfg() {   # linux_cfg <name>
    cat > /etc/xen/$1.cfg <<EOT
name = "$1"
kernel = "/guests/Image"
ramdisk = "/guests/guest.cpio.gz"
memory = 128
vcpus = 1
extra = "console=hvc0 rdinit=/init vscmi_name=$1 vscmi_hold=1"
on_crash = "destroy"
EOT
}
linux_cfg linux1
vscmi_agent_cfg agent1 vscmi.mode=idle
vscmi_agent_cfg crash1 vscmi.mode=crash
vscmi_agent_cfg small vscmi.mode=idle

vscmi_phase baseline
FREE0_MB=$(vscmi_free_mb)
FREE0=$(vscmi_free_pages)
vscmi_report_memory
vscmi_check only-dom0-at-start only_dom0
vscmi_step list-at-start 0 xl list

# ---- a Debian Linux domU: create, console, reboot, shutdown
vscmi_phase linux-create
vscmi_step create-linux1 0 xl create /etc/xen/linux1.cfg
vscmi_check linux1-user-space vscmi_wait_for 90 vscmi_seen linux1 'VSCMI-GUEST-DONE name=linux1'
vscmi_step list-linux1 0 xl list linux1
vscmi_step console-linux1 0 sh -c 'timeout 3 xl console linux1 </dev/null | grep -a "VSCMI-GUEST"'

vscmi_report_memory
vscmi_phase linux-reboot
D1=$(xl domid linux1)
vscmi_step reboot-linux1 0 xl reboot -w linux1
vscmi_check linux1-ran-reboot vscmi_seen linux1 'VSCMI-GUEST-STOP name=linux1 how=reboot'
vscmi_check linux1-new-domain vscmi_wait_for 30 sh -c "d=\$(xl domid linux1 2>/dev/null) && [ \"\$d\" != $D1 ]"
vscmi_check linux1-user-space-again vscmi_wait_for 90 vscmi_seen_times linux1 2 'VSCMI-GUEST-DONE name=linux1'

vscmi_report_memory
vscmi_phase linux-shutdown
vscmi_step shutdown-linux1 0 xl shutdown -w linux1
vscmi_check linux1-ran-poweroff vscmi_seen linux1 'VSCMI-GUEST-STOP name=linux1 how=poweroff'
vscmi_check linux1-gone vscmi_wait_for 10 vscmi_gone linux1

# ---- the bare-metal agent: create, console, destroy; a crash
vscmi_report_memory
vscmi_phase agent-create
vscmi_step create-agent1 0 xl create /etc/xen/agent1.cfg
vscmi_check agent1-idle vscmi_wait_for 20 vscmi_seen agent1-vuart0 'VSCMI-AGENT-IDLE: name=agent1'
vscmi_step console-agent1 0 sh -c 'timeout 3 xl console -t vuart agent1 </dev/null | grep -a "VSCMI-AGENT"'
vscmi_step list-agent1 0 xl list agent1

vscmi_report_memory
vscmi_phase agent-crash
vscmi_step create-crash1 0 xl create /etc/xen/crash1.cfg
vscmi_check crash1-crashed vscmi_wait_for 20 grep -q 'has shut down, reason code 3' /var/log/xen/xl-crash1.log
vscmi_check crash1-destroyed vscmi_wait_for 10 vscmi_gone crash1
vscmi_step xl-log-crash1 0 grep -E 'reason code|Action for' /var/log/xen/xl-crash1.log
vscmi_check agent1-unaffected xl list agent1

vscmi_report_memory
vscmi_phase agent-destroy
vscmi_step destroy-agent1 0 xl destroy agent1
vscmi_check agent1-gone vscmi_wait_for 10 vscmi_gone agent1
vscmi_check memory-back-after-life-cycle vscmi_wait_for 20 back_mb
vscmi_report_memory
WARM=$(vscmi_free_pages)
echo "VSCMI-MEM warm-up pages=$((FREE0 - WARM)) (dom0's own growth with its first guests)"

# ---- create/destroy cycles
vscmi_phase cycles
i=1
while [ $i -le $CYCLES ]; do
    vscmi_step "cycle-$i-create" 0 xl create -q /etc/xen/small.cfg
    vscmi_step "cycle-$i-destroy" 0 xl destroy small
    i=$((i + 1))
done
vscmi_check no-leftover-domain-after-cycles vscmi_wait_for 20 only_dom0
vscmi_check memory-back-after-cycles vscmi_wait_for 20 back_pages
vscmi_report_memory
vscmi_step list-after-cycles 0 xl list

# ---- many domains alive at once
vscmi_phase parallel-create
i=1
while [ $i -le $PARALLEL ]; do
    vscmi_step "create-par$i" 0 xl create -q /etc/xen/small.cfg "name=\"par$i\"" "extra=\"vscmi.name=par$i vscmi.mode=idle\""
    i=$((i + 1))
done
vscmi_check all-alive sh -c "[ \$(xl list | grep -c '^par') = $PARALLEL ]"
i=1
while [ $i -le $PARALLEL ]; do
    vscmi_check "par$i-idle" vscmi_wait_for 20 vscmi_seen "par$i-vuart0" "VSCMI-AGENT-IDLE: name=par$i"
    i=$((i + 1))
done
vscmi_report_memory
vscmi_phase parallel-destroy
i=1
while [ $i -le $PARALLEL ]; do
    vscmi_step "destroy-par$i" 0 xl destroy "par$i"
    i=$((i + 1))
done
vscmi_check no-leftover-domain-at-end vscmi_wait_for 20 only_dom0
vscmi_check memory-back-at-end vscmi_wait_for 20 back_pages
vscmi_report_memory
vscmi_step list-at-end 0 xl list
