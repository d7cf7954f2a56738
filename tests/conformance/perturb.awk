# Deterministically perturb a kernel .config (conformance suite).
#
#   awk -v seed=N -f perturb.awk in.config > out.config
#
# Same seed + same input => same output, with any POSIX awk (mawk, gawk,
# busybox): the random numbers come from our own Park-Miller generator
# (x = x * 16807 mod 2^31-1; products stay below 2^53, so doubles are exact),
# not from awk's rand().
#
# Per line, by seed-derived probabilities:
#   delete       the line disappears (symbol falls back to its default)
#   flip         CONFIG_X=y -> "# CONFIG_X is not set" (or =m),
#                CONFIG_X=m -> =y or "is not set",
#                "# CONFIG_X is not set" -> CONFIG_X=y (or =m),
#                CONFIG_X=<number/string> -> another value of the same shape
#                (possibly out of range: conf must then fall back to default)
# Every 4th seed is a "heavy" one that deletes ~40% of the lines, so that
# many symbols take their defaults. A few junk lines are appended to every
# output: an unknown symbol, a value for an unknown symbol, a comment and a
# malformed line, all of which conf ignores (silently, without
# KCONFIG_WARN_UNKNOWN_SYMBOLS).

function rnd() {
  state = (state * 16807) % 2147483647
  return state / 2147483647
}

BEGIN {
  if (seed == "") seed = 1
  state = (seed * 7919 + 12345) % 2147483647
  if (state <= 0) state += 2147483646
  # warm up
  for (i = 0; i < 16; i++) rnd()
  heavy = (seed % 4 == 0)
  p_delete = heavy ? 0.40 : 0.04
  p_flip = 0.05
}

{
  line = $0
  r = rnd()
  is_set = (line ~ /^CONFIG_[A-Za-z0-9_]+=/)
  is_unset = (line ~ /^# CONFIG_[A-Za-z0-9_]+ is not set$/)
  if (!is_set && !is_unset) { print line; next }

  if (r < p_delete) next

  if (r < p_delete + p_flip) {
    r2 = rnd()
    if (is_unset) {
      name = line
      sub(/^# /, "", name)
      sub(/ is not set$/, "", name)
      print name (r2 < 0.7 ? "=y" : "=m")
      next
    }
    eq = index(line, "=")
    name = substr(line, 1, eq - 1)
    val = substr(line, eq + 1)
    if (val == "y") {
      if (r2 < 0.6) print "# " name " is not set"
      else print name "=m"
    } else if (val == "m") {
      if (r2 < 0.5) print name "=y"
      else print "# " name " is not set"
    } else if (val ~ /^"/) {
      if (r2 < 0.5) print name "=\"\""
      else print name "=\"xencfg-perturbed\""
    } else if (val ~ /^0[xX][0-9a-fA-F]+$/) {
      if (r2 < 0.5) print name "=0x0"
      else print name "=0x" sprintf("%x", int(rnd() * 65536))
    } else if (val ~ /^-?[0-9]+$/) {
      if (r2 < 0.4) print name "=" (val + 1)
      else if (r2 < 0.7) print name "=0"
      else print name "=" int(rnd() * 100000)
    } else {
      # unknown shape: drop it
    }
    next
  }
  print line
}

END {
  print "CONFIG_XENCFG_PERTURB_UNKNOWN_SYMBOL=y"
  print "CONFIG_XENCFG_PERTURB_UNKNOWN_STRING=\"seed " seed "\""
  print "# CONFIG_XENCFG_PERTURB_UNKNOWN_UNSET is not set"
  print "# a comment line"
  print "this line is not a config assignment"
}
