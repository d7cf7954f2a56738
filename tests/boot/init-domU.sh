#!/bin/sh
# init of the boot proof's domU (busybox sh, PID 1): facts on hvc0 as
# "XENCFG-BOOT key=value" lines, which dom0's xenconsoled logs and dom0's
# init passes on (see init-dom0.sh); tests/boot/run.sh judges them.
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
fact() { echo "XENCFG-BOOT $1=$2"; }
mount -t proc proc /proc
mount -t sysfs sysfs /sys 2>/dev/null
mount -t devtmpfs devtmpfs /dev 2>/dev/null
fact init reached
fact guest_type "$(cat /sys/hypervisor/guest_type 2>/dev/null || echo missing)"
# (The active consoles, e.g. "tty0 hvc0": hvc0 must be one of them.)
active=$(cat /sys/class/tty/console/active 2>/dev/null)
case " $active " in *" hvc0 "*) fact console-hvc0 active ;; *) fact console-hvc0 "not in '${active:-nothing}'" ;; esac
[ -e /sys/class/tty/hvc0 ] && fact hvc0 present || fact hvc0 missing
i=0; while [ ! -b /dev/xvda ] && [ $i -lt 20 ]; do sleep 1; i=$((i + 1)); done
if [ -b /dev/xvda ]; then
  fact xvda "$(head -c 64 /dev/xvda | tr -dc 'a-z0-9-')"
else
  fact xvda missing
fi
if [ -e /sys/class/net/eth0 ]; then
  fact eth0-driver "$(basename "$(readlink /sys/class/net/eth0/device/driver)")"
  # netfront connects to dom0's netback when it is probed, before any
  # ifup (which busybox's ip would do through an AF_INET socket, and a
  # guest needs no INET to be a Xen guest): the xenbus state says it.
  i=0; while [ "$(cat /sys/class/net/eth0/device/state 2>/dev/null)" != Connected ] && [ $i -lt 20 ]; do sleep 1; i=$((i + 1)); done
  fact eth0-xenbus "$(cat /sys/class/net/eth0/device/state 2>/dev/null || echo unknown)"
else
  fact eth0-driver missing
fi
fact done yes
poweroff -f
