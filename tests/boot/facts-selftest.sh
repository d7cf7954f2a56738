#!/usr/bin/env bash
# Unit test of the boot proof's fact reader (tests/boot/facts.sh) on inline
# consoles: garbled the way Xen's console garbles dom0's lines (a whole Xen
# line inside one of dom0's, seen on the 6.1 arm64 boot), and lines that
# must not count as a fact (another value, another key). Seconds; no Xen,
# no QEMU. Label "fast" (tests/boot.cmake).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/facts.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/xencfg-facts.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
failures=0 checks=0

# console TEXT: TEXT (printf format: \r, \n) as the raw console; $work/log
# is what console_log makes of it.
console() { printf "$1" >"$work/raw" && console_log "$work/raw" "$work/log"; }
# states FACT / lacks FACT: the console states (does not state) FACT.
states() {
  checks=$((checks + 1))
  [ -z "$(first_missing "$work/log" "$1")" ] ||
    { echo "FAIL: '$1' not read from:"; sed 's/^/  | /' "$work/raw"; failures=$((failures + 1)); }
}
lacks() {
  checks=$((checks + 1))
  [ "$(first_missing "$work/log" "$1")" = "$1" ] ||
    { echo "FAIL: '$1' read, wrongly, from:"; sed 's/^/  | /' "$work/raw"; failures=$((failures + 1)); }
}
same() { # same WHAT GOT WANT
  checks=$((checks + 1))
  [ "$2" = "$3" ] || { echo "FAIL: $1: got '$2', want '$3'"; failures=$((failures + 1)); }
}

# A clean console, as init prints it (CRLF from QEMU's serial).
console 'XENCFG-BOOT init=reached\r\nXENCFG-BOOT guest_type=PV\r\n[pv-domU] XENCFG-BOOT pv-domU.guest_type=PVH\r\n'
states init=reached
states guest_type=PV
states pv-domU.guest_type=PVH
same "first missing, in the order asked" "$(first_missing "$work/log" init=reached done=yes guest_type=HVM)" done=yes
same "nothing missing" "$(first_missing "$work/log" init=reached guest_type=PV)" ""

# The exact key, right after the marker: a domU's fact is not dom0's.
console '[pv-domU] XENCFG-BOOT pv-domU.guest_type=PV\n'
lacks guest_type=PV
console 'XENCFG-BOOT pv-domUxcreated=yes\n'
lacks pv-domU.created=yes
# The negative HVM domU (neghvm) and the HVM domU: one name ends the other.
console '[neghvm-domU] XENCFG-BOOT neghvm-domU.guest_type=HVM\n'
lacks hvm-domU.guest_type=HVM
states neghvm-domU.guest_type=HVM
console '[hvm-domU] XENCFG-BOOT hvm-domU.init=reached\n'
lacks neghvm-domU.init=reached

# The whole value: not a prefix of another, nor another's suffix.
console 'XENCFG-BOOT guest_type=PVH\nXENCFG-BOOT done=yesno\nXENCFG-BOOT capabilities=control_d,x\n'
lacks guest_type=PV
lacks done=yes
lacks capabilities=control_d
console 'XENCFG-BOOT pv-domU.xvda=xencfg-boot-0a1b2c3d\nXENCFG-BOOT guest_type=xPV\n'
lacks pv-domU.xvda=xencfg-boot-0a1b
states pv-domU.xvda=xencfg-boot-0a1b2c3d
lacks guest_type=PV

# Seen on 6.1 arm64: a Xen line inside dom0's line right after the value.
console 'XENCFG-BOOT neg-domU.created=yes(XEN) d2v0 Unhandled SMC/HVC: 0x8600ff01\r\n\r\nXENCFG-BOOT done=yes\r\n'
states neg-domU.created=yes
states done=yes
same "what the console says for the key" "$(found_for "$work/log" neg-domU.created=no)" "XENCFG-BOOT neg-domU.created=yes"
same "Xen's line kept" "$(grep -c '^(XEN) d2v0 Unhandled SMC/HVC: 0x8600ff01$' "$work/log")" 1

# Xen lines inside the value: the halves are joined, and the value read
# is the whole one ("PVH", which is not "PV").
console 'XENCFG-BOOT guest_type=P(XEN) one\r\n(XEN) two\r\nVH\r\n'
states guest_type=PVH
lacks guest_type=PV
console 'XENCFG-BOOT guest_type=PV(XEN) one\nH\n'
lacks guest_type=PV
states guest_type=PVH
# ... inside the key, and a guest's early console line "(d1) ..." too.
console '[pvh-domU] XENCFG-BOOT pvh-do(d1) early\nmU.eth0-xenbus=Connected\n'
states pvh-domU.eth0-xenbus=Connected
# A fact after the start of a Xen line that had no newline yet, and one
# followed by a blank and more output.
console '(XEN) Freed 123kB init memoryXENCFG-BOOT xenfs=mounted\nXENCFG-BOOT ramdisk=written [  1.2] more\n'
states xenfs=mounted
states ramdisk=written
# Seen on 7.3 x86_64: dom0's kernel message between a fact and its newline
# (run.sh boots dom0 with printk.time=1: the message starts with its stamp).
console 'XENCFG-BOOT xenconsoled=running[   41.276031] clocksource: Watchdog remote CPU 1 read timed out\r\r\n\r\r\nXENCFG-BOOT ramdisk=written\r\n'
states xenconsoled=running
states ramdisk=written
same "the kernel message kept" "$(grep -c '^\[   41.276031\] clocksource: Watchdog remote CPU 1 read timed out$' "$work/log")" 1
# ... inside the value, with a Xen line too.
console '[pv-domU] XENCFG-BOOT pv-domU.guest_type=P[    7.000001] a\n(XEN) b\nVH\n'
states pv-domU.guest_type=PVH
lacks pv-domU.guest_type=P
# Without the stamp, a message is not known for one: no fact is made up.
console 'XENCFG-BOOT xenconsoled=runningclocksource: Watchdog remote CPU 1 read timed out\n\n'
lacks xenconsoled=running
# A relayed guest line keeps a stamp of its own (no fact before it).
console '[pv-domU] [    1.200000] XENCFG-BOOT-like text\n[pv-domU] XENCFG-BOOT pv-domU.done=yes\n'
same "a relayed stamped line left whole" "$(head -n 1 "$work/log")" "[pv-domU] [    1.200000] XENCFG-BOOT-like text"
states pv-domU.done=yes
# A line cut by a Xen line at the end of the console (QEMU stopped).
console 'XENCFG-BOOT done=ye(XEN) Hardware Dom0 shutdown'
lacks done=yes
states done=ye

echo "facts-selftest: $checks checks, $failures failed"
[ $failures -eq 0 ]
