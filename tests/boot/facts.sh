# Reading the facts init prints on the boot proof's console (sourced by
# tests/boot/run.sh; tested by tests/boot/facts-selftest.sh).
#
# init-dom0.sh and init-domU.sh print facts as lines "XENCFG-BOOT KEY=VALUE"
# (a domU's relayed by dom0 as "[pv-domU] XENCFG-BOOT pv-domU.KEY=VALUE").
# The serial console they reach is shared with Xen, which writes its own
# lines ("(XEN) ...", and a guest's early console as "(d1) ...") whole, under
# its console lock, but between any two of dom0's writes: a Xen line can land
# inside one of dom0's lines, e.g.
#   XENCFG-BOOT neg-domU.created=yes(XEN) d2v0 Unhandled SMC/HVC: 0x8600ff01
#   <the rest of dom0's line, here only its newline>
# so a fact is neither always at the end of its line nor always whole on it.
# dom0's kernel does the same to its init's lines (the tty writes a line's
# newline apart from its text, and a kernel message can come between):
#   XENCFG-BOOT xenconsoled=running[   41.276031] clocksource: Watchdog ...
# run.sh boots dom0 with printk.time=1, so its messages start with that
# stamp.

# console_log RAW LOG: RAW (the serial console as QEMU wrote it) as lines
# in LOG: carriage returns dropped, and every Xen line that landed inside
# another line, and every stamped kernel message that landed inside a line
# of facts, taken out of it, the two halves of that line joined again (the
# lines taken out kept, before the line they interrupted). (A stamp is
# taken for an inserted message only after "XENCFG-BOOT": a relayed guest
# line, "[pv-domU] [    1.2] ...", may carry a stamp of its own.)
console_log() {
  tr -d '\r' <"$1" | awk '
    # Where a line written whole starts in s (0: nowhere): one of Xen ("(XEN) ",
    # "(dN) ") anywhere, a stamped kernel message after "XENCFG-BOOT ".
    function whole_at(s,   at, k) {
      at = 0
      if (match(s, /\((XEN|d[0-9]+)\) /)) at = RSTART
      k = index(s, "XENCFG-BOOT ")
      if (k && match(substr(s, k), /\[ *[0-9]+\.[0-9][0-9][0-9][0-9][0-9][0-9]\] /) && (!at || k + RSTART - 1 < at))
        at = k + RSTART - 1
      return at
    }
    {
      line = $0
      if (split_open) {
        # Whole lines between the halves.
        if (match(line, /^(\((XEN|d[0-9]+)\)|\[ *[0-9]+\.[0-9][0-9][0-9][0-9][0-9][0-9]\]) /)) { print line; next }
        line = head line; split_open = 0
      }
      if ((at = whole_at(line)) > 1) {
        head = substr(line, 1, at - 1); split_open = 1
        print substr(line, at)
        next
      }
      print line
    }
    END { if (split_open) print head }' >"$2"
}

# first_missing LOG KEY=VALUE...: the first fact LOG (made by console_log)
# does not state ("" when it states them all). A fact is stated when
# "XENCFG-BOOT KEY=VALUE" occurs with exactly that key (right after the
# marker, so "guest_type" is not "pv-domU.guest_type") and that whole value:
# what follows it ends the value (the end of the line, a blank, or a
# character no value has, such as the "(" of an interleaved "(XEN)"), so
# "yes" is not "yesterday" and "PV" is not "PVH". Anywhere on a line: what
# precedes the marker (a relay's "[pv-domU] ", other output) does not matter.
first_missing() {
  local log=$1; shift
  [ $# -gt 0 ] || return 0
  printf '%s\n' "$@" | awk '
    NR == FNR { want[++n] = "XENCFG-BOOT " $0; next }
    {
      for (i = 1; i <= n; i++) {
        if (i in seen) continue
        rest = $0
        while ((at = index(rest, want[i])) > 0) {
          after = substr(rest, at + length(want[i]), 1)
          if (after !~ /[A-Za-z0-9_.,:+=\/-]/) { seen[i] = 1; break }
          rest = substr(rest, at + 1)
        }
      }
    }
    END { for (i = 1; i <= n; i++) if (!(i in seen)) { print substr(want[i], 13); exit } }' - "$log"
}

# found_for LOG KEY=VALUE: what LOG states for that key ("KEY=VALUE" with
# the value as first_missing reads it), or "nothing".
found_for() {
  local key=${2%%=*} v
  v=$(grep -oE "XENCFG-BOOT $(printf '%s' "$key" | sed 's/[][\.*^$+]/\\&/g')=[A-Za-z0-9_.,:+=/-]*" "$1" | head -n 1)
  echo "${v:-nothing}"
}
