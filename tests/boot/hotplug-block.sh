#!/bin/sh
# libxl's hotplug script for the boot proof's phy disk (Debian's "block"
# script needs bash and more tools than the initramfs has): tell blkback
# the device's major:minor, then report the backend ready.
case "$1" in
add)
  dev=$(xenstore-read "$XENBUS_PATH/params")
  xenstore-write "$XENBUS_PATH/physical-device" "$(stat -L -c '%t:%T' "$dev")"
  xenstore-write "$XENBUS_PATH/hotplug-status" connected ;;
esac
exit 0
