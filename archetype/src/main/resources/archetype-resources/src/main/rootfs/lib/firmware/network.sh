# Sourced by /init. With a NIC (QEMU user networking, restrict=on, one port forwarded from the host's
# 127.0.0.1): address by DHCP, the nonce page served by busybox httpd, and proof from inside that
# nothing else is reachable; returns once the boot test has fetched the page. Without a NIC: nothing.
firmware_network() {
    [ -e /sys/class/net/eth0 ] || return 0
    ip link set lo up
    ip link set eth0 up
    if ! udhcpc -i eth0 -s /etc/udhcpc.script -n -q -t 5 -T 2 >/tmp/udhcpc.log 2>&1; then
        echo "FIRMWARE-NET-FAILED no DHCP lease on eth0"
        return 1
    fi
    echo "FIRMWARE-NET-UP $(ip -4 -o addr show dev eth0 | sed -n 's/.* inet \([0-9./]*\).*/\1/p')"
    mkdir -p /www
    echo "FIRMWARE-HTTP nonce=$1" >/www/index.html
    httpd -f -vvv -p 80 -h /www 2>/tmp/httpd.log &
    # The host's end of the forwarded port listens on its 127.0.0.1: through the gateway it would answer
    # unless the network is restricted. 192.0.2.1 (TEST-NET-1) stands for anything beyond.
    port=80
    cfg=/sys/firmware/qemu_fw_cfg/by_name/opt/io.github.firmwaremaven/http-port/raw
    [ -r "$cfg" ] && port=$(cat "$cfg")
    gateway=blocked
    wget -q -T 3 -O /dev/null "http://10.0.2.2:$port/" 2>/dev/null && gateway=reachable
    beyond=blocked
    wget -q -T 3 -O /dev/null "http://192.0.2.1/" 2>/dev/null && beyond=reachable
    echo "FIRMWARE-NET-ISOLATION gateway=$gateway:$port beyond=$beyond"
    echo "FIRMWARE-HTTP-READY"
    # httpd says "closed" once it has sent a response: then the page has been fetched.
    i=0
    while ! grep -q closed /tmp/httpd.log 2>/dev/null && [ $i -lt 300 ]; do
        sleep 0.2
        i=$((i + 1))
    done
}
