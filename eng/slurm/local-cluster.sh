#!/bin/sh
# Starts or stops a single-node Slurm cluster on the loopback interface (slurmctld + slurmd, munge for
# authentication), with its configuration, state and logs in one private folder.
#
#   eng/slurm/local-cluster.sh start <folder>   prints SLURM_CONF=<folder>/slurm.conf once the node is idle
#   eng/slurm/local-cluster.sh stop <folder>
#
# Needs Debian's slurm-wlm and munge (apt-get install slurm-wlm munge) and root, or a user that may run them.
# Exit codes: 0 done, 3 Slurm or munge is not installed (callers skip), anything else a failure to start.
set -eu

action=${1:?usage: local-cluster.sh start|stop <folder>}
folder=${2:?usage: local-cluster.sh start|stop <folder>}
ctld_port=${VIDEOSEG_SLURMCTLD_PORT:-16817}
slurmd_port=${VIDEOSEG_SLURMD_PORT:-16818}
conf="$folder/slurm.conf"

for tool in slurmctld slurmd munged sbatch squeue scontrol sinfo; do
    if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
        echo "local-cluster.sh: '$tool' is not installed (apt-get install slurm-wlm munge)" >&2
        exit 3
    fi
done
PATH="$PATH:/usr/sbin"

stop() {
    if [ -f "$conf" ]; then
        SLURM_CONF="$conf" scontrol shutdown >/dev/null 2>&1 || true
        # scontrol shutdown stops slurmd too; the pid files catch one that did not hear it.
        for pidfile in "$folder/slurmd.pid" "$folder/slurmctld.pid"; do
            if [ -f "$pidfile" ]; then
                pid=$(cat "$pidfile")
                i=0
                while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
                kill "$pid" 2>/dev/null || true
                rm -f "$pidfile"
            fi
        done
    fi
}

case "$action" in
stop)
    stop
    exit 0
    ;;
start) ;;
*)
    echo "local-cluster.sh: unknown action '$action' (start or stop)" >&2
    exit 2
    ;;
esac

# munge: one daemon per machine, shared with anything else that uses it, so it is started when absent and
# never stopped here.
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    mkdir -p /run/munge
    chown munge:munge /run/munge 2>/dev/null || true
    if [ "$(id -u)" = 0 ]; then
        su -s /bin/sh munge -c /usr/sbin/munged
    else
        munged
    fi
    i=0
    until munge -n 2>/dev/null | unmunge >/dev/null 2>&1; do
        i=$((i + 1))
        if [ $i -gt 50 ]; then echo "local-cluster.sh: munged did not start" >&2; exit 1; fi
        sleep 0.1
    done
fi

stop
mkdir -p "$folder/state" "$folder/spool" "$folder/log"
here=$(cd "$(dirname "$0")" && pwd)
cpus=$(nproc)
memory=$(awk '/MemTotal/ { print int($2 / 1024 * 0.8) }' /proc/meminfo)
sed -e "s|@HOST@|$(hostname -s)|g" -e "s|@USER@|$(id -un)|g" -e "s|@STATE@|$folder|g" \
    -e "s|@CTLD_PORT@|$ctld_port|g" -e "s|@SLURMD_PORT@|$slurmd_port|g" \
    -e "s|@CPUS@|$cpus|g" -e "s|@MEMORY@|$memory|g" "$here/slurm.conf.in" > "$conf.tmp"
mv "$conf.tmp" "$conf"

export SLURM_CONF="$conf"
slurmctld -c
slurmd
i=0
until sinfo --noheader --format=%t 2>/dev/null | grep -q idle; do
    i=$((i + 1))
    if [ $i -gt 150 ]; then
        echo "local-cluster.sh: the node did not become idle within 15 s; see $folder/log/" >&2
        stop
        exit 1
    fi
    sleep 0.1
done
echo "SLURM_CONF=$conf"
