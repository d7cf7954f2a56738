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
fact console "$(cat /sys/class/tty/console/active 2>/dev/null || echo missing)"
[ -e /sys/class/tty/hvc0 ] && fact hvc0 present || fact hvc0 missing
i=0; while [ ! -b /dev/xvda ] && [ $i -lt 20 ]; do sleep 1; i=$((i + 1)); done
if [ -b /dev/xvda ]; then
  fact xvda "$(head -c 64 /dev/xvda | tr -dc 'a-z0-9-')"
else
  fact xvda missing
fi
if [ -e /sys/class/net/eth0 ]; then
  fact eth0-driver "$(basename "$(readlink /sys/class/net/eth0/device/driver)")"
  ip link set eth0 up 2>/dev/null
  i=0; while [ "$(cat /sys/class/net/eth0/carrier 2>/dev/null)" != 1 ] && [ $i -lt 20 ]; do sleep 1; i=$((i + 1)); done
  fact eth0-carrier "$(cat /sys/class/net/eth0/carrier 2>/dev/null || echo unknown)"
else
  fact eth0-driver missing
fi
fact done yes
poweroff -f
