# SPDX-License-Identifier: MIT
# dom0 script of the xl scenario (helpers: tests/platform/initramfs/dom0.sh):
# SCMI channels assigned with xl.  A dom0less domU (domU1, its nodes
# written by Xen) holds a shared clock for the whole run.  xl creates a
# Debian Linux domU whose nodes libxl writes, one on the mailbox binding,
# refused configurations, domains destroyed while holding votes, 50
# create/destroy cycles and 16 SCMI domUs at once of the bare-metal agent,
# and an agent that remaps its channel's page before it is destroyed.
# Firmware clocks: 10 scmi1's own, 12 shared with domU1, 4 and 5 dtdev1's
# (from its dtdev), 13 the crashing agents', 14 the cycles', 15 the remap
# attacker's, 16 shared by the 16 (votes_balanced hook).

CYCLES=50
PARALLEL=16

# the domains xl created that Xen still has, dying or not, by name; Xen's
# dom0less domU1 (domid 1, no xenstore entries: "(null)" to xl) stays
only_base() { [ -z "$(vscmi_domains_above 1)" ]; }
back_pages() { only_base && [ "$(vscmi_free_pages)" = "$WARM" ]; }

# an SCMI agent: agent_cfg <name> <mode> <vscmi.clk letters> <scmi_clocks entries>
agent_cfg() {
    vscmi_agent_cfg "$1" "vscmi.mode=$2 vscmi.clk=$3" 'arm_sci = "type=vscmi_smc"' "scmi_clocks = [ $4 ]"
}
# a configuration xl or Xen must refuse: bad_cfg <name> <xl.cfg lines>
bad_cfg() {
    printf 'name = "%s"\nkernel = "/guests/agent.Image"\nmemory = 16\nvuart = "sbsa_uart"\n%s\n' \
        "$1" "$2" > /etc/xen/$1.cfg
}

vscmi_phase baseline
vscmi_check domU1-present sh -c "xl list | awk '\$2 == 1' | grep -q ."
FREE0_MB=$(vscmi_free_mb)
FREE0=$(vscmi_free_pages)
vscmi_report_memory

# ---- grants by id on a Debian Linux domU, nodes written by libxl
vscmi_phase scmi-linux
vscmi_step create-scmi1 0 xl create /etc/xen/vscmi/scmi1.cfg
vscmi_linux_up scmi1
vscmi_check scmi1-exactly-its-clocks sh -c "[ \$(grep -c 'VSCMI-CLK name=scmi1 ' $VSCMI_CONSOLE_LOGS/guest-scmi1.log) = 2 ]"
vscmi_check scmi1-consumer-active vscmi_seen scmi1 'VSCMI-RPM name=scmi1 dev=passthrough:scmi-consumer driver=simple-pm-bus status=active'
vscmi_step scmi-list 0 xl scmi-list
vscmi_step_all scmi-list-json 0 xl scmi-list -l
# a channel cannot be saved or migrated: Arm's xl has no save (upstream's
# LIBXL_HAVE_NO_SUSPEND_RESUME), libxl refuses other callers; it runs on
vscmi_step save-scmi1 '!0' xl save scmi1 /tmp/scmi1.save
vscmi_check scmi1-still-running sh -c "xl list scmi1 | awk 'NR == 2 && \$5 !~ /[sc]/' | grep -q scmi1"
vscmi_report_memory

# ---- the mailbox binding: Linux with the arm,smc-mbox module
vscmi_phase scmi-mbox
vscmi_step create-mbox1 0 xl create /etc/xen/vscmi/mbox1.cfg
vscmi_linux_up mbox1
vscmi_check mbox1-gone vscmi_wait_for 20 vscmi_gone mbox1

# ---- grants that come with a host device (dtdev), guest ids = firmware
# ids; one more by name at a chosen guest id.  QEMU's virt has no IOMMU:
# the test platform's libxl grants a dtdev's resources without assigning
# it (tests/platform/xen/qemu-dtdev-no-iommu.patch).
vscmi_phase dtdev
vscmi_step create-dtdev1 0 xl create /etc/xen/vscmi/dtdev1.cfg
vscmi_linux_up dtdev1
vscmi_check dtdev1-exactly-its-clocks sh -c "[ \$(grep -c 'VSCMI-CLK name=dtdev1 ' $VSCMI_CONSOLE_LOGS/guest-dtdev1.log) = 4 ]"
vscmi_check dtdev1-consumer-active vscmi_seen dtdev1 'VSCMI-RPM name=dtdev1 dev=passthrough:scmi-consumer driver=simple-pm-bus status=active'
vscmi_step scmi-list-dtdev1 0 xl scmi-list dtdev1

# ---- refused configurations: one line each, no domain left
vscmi_phase refused
bad_cfg bad-id 'arm_sci = "type=vscmi_smc"
scmi_clocks = [ "99" ]'
bad_cfg bad-name 'arm_sci = "type=vscmi_smc"
scmi_clocks = [ "8", "no_such_clk" ]'
bad_cfg bad-twice 'arm_sci = "type=vscmi_smc"
scmi_clocks = [ "8", "8" ]'
bad_cfg bad-exclusive 'arm_sci = "type=vscmi_smc"
scmi_clocks = [ "10" ]'
bad_cfg bad-full-on-shared 'arm_sci = "type=vscmi_smc"
scmi_clocks = [ "12" ]'
bad_cfg bad-entry 'arm_sci = "type=vscmi_smc"
scmi_clocks = [ "i2c0 sclk" ]'
bad_cfg bad-mode 'arm_sci = "type=vscmi_smc"
scmi_clocks = [ "8:rw" ]'
bad_cfg bad-no-sci 'scmi_clocks = [ "8" ]'
bad_cfg bad-type 'arm_sci = "type=scmi_smc"'
bad_cfg bad-agent 'arm_sci = "type=vscmi_smc,agent=7"'
bad_cfg bad-dtdev-held 'arm_sci = "type=vscmi_smc"
dtdev = [ "/scmi-dtdev-consumer" ]'
bad_cfg bad-guest-id-twice 'arm_sci = "type=vscmi_smc"
scmi_clocks = [ "8@4" ]
dtdev = [ "/scmi-dtdev-consumer" ]'
bad_cfg bad-guest-id-range 'arm_sci = "type=vscmi_smc"
scmi_clocks = [ "8@90" ]'
bad_cfg bad-guest-id 'arm_sci = "type=vscmi_smc"
scmi_clocks = [ "8@x" ]'
bad_cfg bad-owner-power 'arm_sci = "type=vscmi_smc"
scmi_power_domains = [ "3:shared-owner" ]'
bad_cfg bad-owner-twice 'arm_sci = "type=vscmi_smc"
scmi_clocks = [ "i2c1_sclk:shared-owner" ]'
bad_cfg bad-phandle-dt 'arm_sci = "type=vscmi_smc"
device_tree = "/guests/dt/bad-phandle-consumer.dtb"'
bad_cfg bad-iomem 'arm_sci = "type=vscmi_smc"
iomem = [ "9030,1@22001" ]'
for b in bad-id bad-name bad-twice bad-exclusive bad-full-on-shared bad-entry bad-mode bad-no-sci bad-type bad-agent \
         bad-dtdev-held bad-guest-id-twice bad-guest-id-range bad-guest-id bad-owner-power bad-owner-twice \
         bad-phandle-dt bad-iomem; do
    vscmi_step "refuse-$b" '!0' sh -c "xl create -q /etc/xen/$b.cfg > /tmp/refused 2>&1; rc=\$?; grep -v 'qemu-xen is unavailable' /tmp/refused; exit \$rc"
done
only_scmi1_dtdev1() { [ "$(vscmi_domains_above 1)" = "dtdev1 scmi1" ]; }
vscmi_check no-refused-domain-left vscmi_wait_for 10 only_scmi1_dtdev1

# ---- destroy with votes held; the same name again
vscmi_phase destroy
vscmi_step destroy-dtdev1 0 xl destroy dtdev1
vscmi_check dtdev1-gone vscmi_wait_for 10 vscmi_gone dtdev1
vscmi_step destroy-scmi1 0 xl destroy scmi1
vscmi_check scmi1-gone vscmi_wait_for 10 vscmi_gone scmi1
vscmi_check only-domU1-left vscmi_wait_for 20 only_base
vscmi_report_memory
vscmi_step create-scmi1-again 0 xl create /etc/xen/vscmi/scmi1.cfg
vscmi_check scmi1-again-user-space vscmi_wait_for 90 vscmi_seen_times scmi1 2 'VSCMI-GUEST-DONE name=scmi1'
# reboot: the old domain's votes go, the new one takes its own
D1=$(xl domid scmi1)
vscmi_step reboot-scmi1 0 xl reboot -w scmi1
vscmi_check scmi1-ran-reboot vscmi_seen scmi1 'VSCMI-GUEST-STOP name=scmi1 how=reboot'
vscmi_check scmi1-new-domain vscmi_wait_for 30 sh -c "d=\$(xl domid scmi1 2>/dev/null) && [ \"\$d\" != $D1 ]"
vscmi_check scmi1-rebooted-user-space vscmi_wait_for 90 vscmi_seen_times scmi1 3 'VSCMI-GUEST-DONE name=scmi1'
vscmi_step scmi-list-rebooted 0 xl scmi-list scmi1
vscmi_step shutdown-scmi1 0 xl shutdown -w scmi1
vscmi_check scmi1-ran-poweroff vscmi_seen scmi1 'VSCMI-GUEST-STOP name=scmi1 how=poweroff'
vscmi_check only-domU1-left-again vscmi_wait_for 20 only_base
vscmi_report_memory

# ---- create/destroy cycles of an SCMI domU holding a vote
vscmi_phase cycles
agent_cfg cyc vote F '"14"'
i=1
while [ $i -le $CYCLES ]; do
    vscmi_step "cycle-$i-create" 0 xl create -q /etc/xen/cyc.cfg
    vscmi_check "cycle-$i-voted" vscmi_wait_for 10 vscmi_seen_times cyc-vuart0 $i 'VSCMI-AGENT-VOTES: name=cyc held=1'
    vscmi_step "cycle-$i-destroy" 0 xl destroy cyc
    if [ $i = 1 ]; then
        # dom0's own structures have now grown for every kind of guest:
        # from here on, not a page may go missing
        vscmi_check first-cycle-gone vscmi_wait_for 20 only_base
        WARM=$(vscmi_free_pages)
        echo "VSCMI-MEM warm pages=$WARM mb=$(vscmi_free_mb) (at the start: $FREE0 pages, $FREE0_MB MiB)"
    fi
    i=$((i + 1))
done
vscmi_check memory-back-after-cycles vscmi_wait_for 20 back_pages
vscmi_report_memory

# ---- many SCMI domUs at once, sharing one clock
vscmi_phase parallel
agent_cfg par vote s '"16:shared"'
i=1
while [ $i -le $PARALLEL ]; do
    vscmi_step "create-par$i" 0 xl create -q /etc/xen/par.cfg "name=\"par$i\"" \
        "extra=\"vscmi.name=par$i vscmi.mode=vote vscmi.clk=s\""
    i=$((i + 1))
done
i=1
while [ $i -le $PARALLEL ]; do
    vscmi_check "par$i-voted" vscmi_wait_for 20 vscmi_seen "par$i-vuart0" "VSCMI-AGENT-VOTES: name=par$i held=1"
    i=$((i + 1))
done
vscmi_report_memory
i=1
while [ $i -le $PARALLEL ]; do
    vscmi_step "destroy-par$i" 0 xl destroy "par$i"
    i=$((i + 1))
done
vscmi_check memory-back-after-parallel vscmi_wait_for 20 back_pages
vscmi_report_memory

# ---- a guest crashing with votes while dom0 destroys it
vscmi_phase crash-race
agent_cfg crashv crash F '"13"'
i=1
while [ $i -le 10 ]; do
    vscmi_step "race-$i-create" 0 xl create -q /etc/xen/crashv.cfg
    vscmi_step "race-$i-destroy" any xl destroy crashv
    vscmi_check "race-$i-gone" vscmi_wait_for 10 only_base
    i=$((i + 1))
done
vscmi_check memory-back-after-race vscmi_wait_for 20 back_pages
vscmi_report_memory

# ---- on_crash = "restart": each crash releases, each new domain votes again
vscmi_phase crash-restart
agent_cfg crashr crash F '"13"'
sed -i 's/^on_crash = .*/on_crash = "restart"/' /etc/xen/crashr.cfg
vscmi_step create-crashr 0 xl create -q /etc/xen/crashr.cfg
vscmi_check crashr-crashed-3-times vscmi_wait_for 30 vscmi_seen_times crashr-vuart0 3 'VSCMI-AGENT-CRASH: name=crashr'
vscmi_step destroy-crashr any xl destroy crashr
vscmi_check crashr-gone vscmi_wait_for 20 only_base
vscmi_check memory-back-after-restarts vscmi_wait_for 20 back_pages
vscmi_report_memory

# ---- a crash holding 10 votes, preserved: Xen's release at shutdown runs
# as a tasklet, VSCMI_RELEASE_BATCH (8) votes a run, outside shutdown_lock
vscmi_phase crash-bulk
agent_cfg bulk crash FFFFFFFFFF '"3", "4", "5", "6", "7", "8", "9", "10", "13", "14"'
sed -i 's/^on_crash = .*/on_crash = "preserve"/' /etc/xen/bulk.cfg
vscmi_step create-bulk 0 xl create -q /etc/xen/bulk.cfg
vscmi_check bulk-voted vscmi_wait_for 20 vscmi_seen bulk-vuart0 'VSCMI-AGENT-VOTES: name=bulk held=10'
vscmi_check bulk-released vscmi_wait_for 20 sh -c "xl dmesg | grep -q 'd[0-9]*: vscmi: SCMI votes released at shutdown, by a tasklet in 2 runs'"
vscmi_step destroy-bulk 0 xl destroy bulk
vscmi_check bulk-gone vscmi_wait_for 20 only_base
vscmi_check memory-back-after-bulk vscmi_wait_for 20 back_pages
vscmi_report_memory

# ---- a guest that takes its channel's gfn back, then is destroyed
vscmi_phase remap
agent_cfg remap remap F '"15"'
vscmi_step create-remap 0 xl create -q /etc/xen/remap.cfg
vscmi_check remap-attacked vscmi_wait_for 20 vscmi_seen remap-vuart0 'VSCMI-AGENT-REMAP: name=remap'
vscmi_step report-remap 0 grep -a 'VSCMI-AGENT-\(VOTE\|REMAP\)' $VSCMI_CONSOLE_LOGS/guest-remap-vuart0.log
vscmi_step destroy-remap 0 xl destroy remap
vscmi_check no-zombie-after-remap vscmi_wait_for 20 only_base
vscmi_check memory-back-after-remap vscmi_wait_for 20 back_pages
vscmi_report_memory
vscmi_step list-at-end 0 xl list
