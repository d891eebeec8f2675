#!/bin/bash
# Runs a command inside a memory cgroup limited to LIMIT bytes (page cache included, as a
# container's limit counts it) and reports what it used: peak RSS (/usr/bin/time), the largest
# anonymous and file-backed RSS sampled from /proc/PID/status about five times a second, the
# group's peak charge, and whether the kernel had to kill anything. Needs root and cgroup v1 or v2.
#
#   scripts/memory_limit.sh 2147483648 target/release/newsdex index G --index I --shards 2 -q
set -u
limit=$1
shift
name=newsdex-limit-$$
if [ -d /sys/fs/cgroup/memory ]; then
    cg=/sys/fs/cgroup/memory/$name
    mkdir "$cg" && echo "$limit" > "$cg/memory.limit_in_bytes"
else
    cg=/sys/fs/cgroup/$name
    mkdir "$cg" && echo "$limit" > "$cg/memory.max"
fi
samples=$(mktemp)
timing=$(mktemp)
bash -c "echo \$\$ > $cg/cgroup.procs; exec /usr/bin/time -f '%e %M' \"\$@\" 2> $timing" _ "$@" &
runner=$!
sleep 0.2
pid=$(pgrep -P $runner | head -1)
while kill -0 "$pid" 2>/dev/null; do
    awk '/RssAnon|RssFile/ {v[$1] = $2} END {if (v["RssAnon:"]) print v["RssAnon:"], v["RssFile:"]}' \
        "/proc/$pid/status" >> "$samples" 2>/dev/null
    sleep 0.2
done
wait $runner
status=$?
read -r seconds peak_kb < <(tail -1 "$timing")
read -r anon file < <(awk '$1 > a {a = $1} $2 > f {f = $2} END {print a, f}' "$samples")
if [ -f "$cg/memory.max_usage_in_bytes" ]; then
    charged=$(cat "$cg/memory.max_usage_in_bytes")
    kills=$(awk '/oom_kill / {print $2}' "$cg/memory.oom_control")
else
    charged=$(cat "$cg/memory.peak" 2>/dev/null || echo "?")
    kills=$(awk '/oom_kill / {print $2}' "$cg/memory.events")
fi
echo "exit $status; $seconds s; limit $((limit >> 20)) MB; peak RSS $((peak_kb >> 10)) MB (anonymous ≤ $((anon >> 10)) MB, file-backed ≤ $((file >> 10)) MB, $(wc -l < "$samples") samples); group peak charge $((charged >> 20)) MB; OOM kills ${kills:-0}"
rmdir "$cg" 2>/dev/null
rm -f "$samples" "$timing"
exit $status
