#!/bin/sh
# init of the boot proof's dom0 (busybox sh, PID 1). It reports facts as
# "XENCFG-BOOT key=value" lines on the console; tests/boot/run.sh compares
# them with what the role means. No judgement here: facts only.
# The kernel command line's xencfg.guests=pv+pvh+neg lists the domUs to
# start with xl, each from /etc/xen/NAME-domU.cfg (pv, pvh, hvm: the domU
# kernel; neg, neghvm: the negative control's kernel).
export PATH=/bin:/sbin:/usr/bin:/usr/sbin:/usr/lib/xen-4.17/bin
fact() { echo "XENCFG-BOOT $1=$2"; }
mount -t proc proc /proc
mount -t sysfs sysfs /sys 2>/dev/null
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts && mount -t devpts devpts /dev/pts 2>/dev/null
mkdir -p /tmp /run /var/run/xen /var/run/xenstored /var/lib/xen /var/lib/xenstored /var/log/xen/console /var/lock
fact init reached
fact guest_type "$(cat /sys/hypervisor/guest_type 2>/dev/null || echo missing)"
if mount -t xenfs xenfs /proc/xen 2>/dev/null; then fact xenfs mounted; else fact xenfs failed; fi
fact capabilities "$(cat /proc/xen/capabilities 2>/dev/null || echo missing)"
nodes=
for n in evtchn gntdev privcmd xenbus; do [ -c /dev/xen/$n ] && nodes="$nodes${nodes:+,}$n"; done
fact dev-xen "${nodes:-none}"

guests=$(sed -n 's/.*xencfg\.guests=\([a-z+]*\).*/\1/p' /proc/cmdline)
if [ -n "$guests" ]; then
  # The toolstack, as Debian's xen-utils runs it at boot.
  xenstored --pid-file /var/run/xenstored.pid >/tmp/xenstored.log 2>&1
  i=0; while [ ! -S /var/run/xenstored/socket ] && [ $i -lt 20 ]; do sleep 1; i=$((i + 1)); done
  if xenstore-read /local/domain/0 >/dev/null 2>&1 || xenstore-ls / >/dev/null 2>&1; then fact xenstored running; else fact xenstored failed; cat /tmp/xenstored.log; fi
  xen-init-dom0 >/tmp/init-dom0.log 2>&1 && fact xen-init-dom0 ok || { fact xen-init-dom0 failed; cat /tmp/init-dom0.log; }
  xenconsoled --log=guest --log-dir=/var/log/xen/console >/tmp/xenconsoled.log 2>&1
  sleep 1
  if pidof xenconsoled >/dev/null; then fact xenconsoled running; else fact xenconsoled failed; cat /tmp/xenconsoled.log; fi
  # The guests' disk: a token the guests read back through blkback.
  dd if=/etc/boot-token of=/dev/ram0 bs=64 count=1 conv=sync 2>/dev/null && fact ramdisk written || fact ramdisk failed
  # One guest at a time (TCG is slow enough with one): start it, then wait
  # for it to power itself off (240 s at most), or destroy it.
  for g in $(echo "$guests" | tr + ' '); do
    if xl create /etc/xen/$g-domU.cfg >/tmp/xl-$g.log 2>&1; then
      fact "$g-domU.created" yes
    else
      fact "$g-domU.created" no; sed "s/^/xl create $g: /" /tmp/xl-$g.log
    fi
    i=0
    while [ $i -lt 240 ] && xl domid "$g-domU" >/dev/null 2>&1; do sleep 2; i=$((i + 2)); done
    [ $i -lt 240 ] && echo "xl: $g-domU gone after about $i s" || echo "xl: $g-domU still there after $i s: destroyed"
    # How it went (xl's log: "has shut down, reason code 0": poweroff, 1:
    # reboot, 3: crash).
    grep -h "shut down" /var/log/xen/xl-$g-domU.log 2>/dev/null | sed "s/^/xl $g: /"
    xl list 2>&1 | sed 's/^/xl list: /'
    xl destroy "$g-domU" >/dev/null 2>&1
  done
  for g in $(echo "$guests" | tr + ' '); do
    # An HVM guest's device model (QEMU in dom0) logs here, what it lacks
    # in dom0's kernel included ("Failed to create epoll instance").
    [ ! -f /var/log/xen/qemu-dm-$g-domU.log ] || tr -d '\r' </var/log/xen/qemu-dm-$g-domU.log | sed "s/^/qemu-dm $g: /"
    log=/var/log/xen/console/guest-$g-domU.log
    [ -f "$log" ] || { echo "no console log for $g-domU"; continue; }
    # The guest's own facts, prefixed with its name: wherever on the line
    # (a kernel message may come before one), so that no guest's fact can
    # pass for dom0's or another guest's.
    tr -d '\r' <"$log" | sed -e "s/XENCFG-BOOT /XENCFG-BOOT $g-domU./g" -e "s/^/[$g-domU] /"
  done
fi
fact done yes
# -no-reboot makes QEMU exit when Xen restarts the machine.
reboot -f
