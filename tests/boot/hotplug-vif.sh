#!/bin/sh
# libxl's hotplug script for the boot proof's vif (no bridge: the guest
# only needs netback to connect): bring dom0's end up, report ready.
case "$1" in
online | add)
  ip link set "$vif" up 2>/dev/null
  xenstore-write "$XENBUS_PATH/hotplug-status" connected ;;
esac
exit 0
