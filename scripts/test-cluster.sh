#!/usr/bin/env bash
# `make test-cluster`: the documented Slurm and GNU parallel examples (examples/slurm/, shown verbatim in
# docs/slurm-sweep.md), run for real on a private one-node Slurm cluster on loopback.
#
# Installs slurmctld, slurmd, slurm-client, munge and parallel when missing (scripts/ensure-deps.sh --cluster),
# starts munged, slurmctld and slurmd from one temporary folder (own munge key and socket, slurm.conf through
# SLURM_CONF, state, spool, logs), then checks that:
#   1. the sweep.sbatch array job, merged by merge.sbatch (--dependency=afterok), equals the unsharded sweep;
#   2. with one array task cancelled, sweep-merge names the missing shard, exits 3 and prints a command that runs
#      only the missing masks; after it the merge is complete and equal; re-submitting only that shard
#      (sbatch --array=4) completes it too;
#   3. a task requeued while it runs (as a preempted task is) resumes its part file and ends equal;
#   4. parallel-sweep.sh (GNU parallel) gives the same merge;
#   5. a grid (examples/grid/small.toml: 2 methods × 3 sparsities × 2 seeds) written as an array job and a merge job
#      by `sparsescape grid --slurm`: with one task cancelled, the merge job exits 3 naming it and the sbatch command
#      that re-runs it; re-submitted alone, the merge is complete and its table equals the grid run here.
# Environment: CLUSTER_ONLY=grid runs only check 5; GRID_PLAN=FILE grids another plan (examples/grid/digits.toml
# for the docs figure), GRID_CANCEL=K cancels task K (default 3), GRID_REFERENCE=0 skips the run here, and
# GRID_KEEP=DIR keeps the results folder (copied to DIR).
# Every daemon it started is stopped by PID and the folder removed, also when a check fails or on Ctrl-C.
# Skipped, with the reason, where it cannot run (not root, no free ports); under CI a skip is a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
began=$SECONDS
passed=0
failed=0

skip() {
  echo "cluster: skipped: $1"
  if [ -n "${CI:-}" ]; then echo "cluster: CI must run this test" >&2; exit 1; fi
  exit 0
}
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

[ "$(id -u)" -eq 0 ] || skip "needs root (slurmctld and slurmd run as root here, without systemd or cgroups)"
host=$(hostname -s 2>/dev/null) || skip "no short hostname (hostname -s)"
[ -n "$host" ] || skip "no short hostname (hostname -s)"

echo "== packages"
bash scripts/ensure-deps.sh --cluster || { echo "cluster: cannot install Slurm, munge and parallel"; exit 1; }
BIN=${SPARSESCAPE_BIN:-.build/debug/sparsescape}
if [ ! -x "$BIN" ]; then swift build --product sparsescape >/dev/null || exit 1; BIN=.build/debug/sparsescape; fi
BIN=$(realpath "$BIN")
export PATH="$(dirname "$BIN"):$PATH"

# port_free PORT: nothing listens on PORT (TCP).
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ctld_port=""
for base in 16817 26817 36817 46817; do
  if port_free "$base" && port_free $((base + 1)); then ctld_port=$base; break; fi
done
[ -n "$ctld_port" ] || skip "ports 16817-16818, 26817-26818, 36817-36818 and 46817-46818 are all taken"
slurmd_port=$((ctld_port + 1))

work=$(mktemp -d /tmp/sparsescape-cluster.XXXXXX)
chmod 0755 "$work"
pids=()
cleanup() {
  trap - EXIT INT TERM
  if [ -f "$work/slurm.conf" ] && [ ${#pids[@]} -gt 0 ]; then
    scancel --quiet --user=root 2>/dev/null
    for _ in $(seq 1 50); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.1; done
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "cluster: interrupted"; cleanup; echo "cluster: $passed passed, $((failed + 1)) failed"; exit 130' INT TERM

echo "== one-node cluster on 127.0.0.1 (host $host, ports $ctld_port/$slurmd_port, folder $work)"
mkdir -p "$work/munge" "$work/state" "$work/spool" "$work/log"
chmod 0755 "$work/munge"
head -c 1024 /dev/urandom > "$work/munge/munge.key"
chmod 0600 "$work/munge/munge.key"
cat > "$work/slurm.conf" <<EOF
ClusterName=sparsescape-test
SlurmctldHost=$host
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.socket,cred_expire=5
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
SchedulerParameters=batch_sched_delay=0,sched_interval=1
MpiDefault=none
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$work/slurm.conf"

munged -F --socket="$work/munge/munge.socket" --key-file="$work/munge/munge.key" --pid-file="$work/munge/munged.pid" \
  --seed-file="$work/munge/seed" --log-file="$work/log/munged.log" >"$work/log/munged.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do [ -S "$work/munge/munge.socket" ] && break; sleep 0.1; done
slurmctld -D >"$work/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D >"$work/log/slurmd.out" 2>&1 &
pids+=($!)

# show_logs: the daemons' last lines (the PMIx lines are harmless: no MPI here).
show_logs() { for f in "$work"/log/*; do echo "     -- $(basename "$f")"; grep -v PMIx "$f" | tail -8 | sed 's/^/     | /'; done; }
# wait_until SECONDS COMMAND: polls until COMMAND succeeds.
wait_until() {
  local deadline=$((SECONDS + $1))
  while ((SECONDS < deadline)); do eval "$2" && return 0; sleep 0.2; done
  return 1
}
if ! wait_until 30 '[ "$(sinfo -h -o %T 2>/dev/null)" = idle ]'; then
  bad "the cluster comes up (node idle within 30 s)"; show_logs
  echo "cluster: $passed passed, $failed failed"; exit 1
fi
ok "the cluster comes up: $(sinfo -h -o '%P %D node %T %c CPUs')"

# job_done JOBID: no task of the job is pending or running.
job_done() { [ -z "$(squeue -h -j "$1" 2>/dev/null)" ]; }
# task_states JOBID: "K=STATE" per array task, sorted.
task_states() { scontrol show job "$1" -o | sed -n 's/.*ArrayTaskId=\([0-9]*\) .*JobState=\([A-Z_]*\).*/\1=\2/p' | sort -n | tr '\n' ' '; }
# fresh NAME: a folder with the example files, as a user would submit them from.
fresh() { mkdir -p "$work/$1/logs" && cp "$repo"/examples/slurm/* "$work/$1/" && cd "$work/$1"; }
# sorted_lines FILES…: every line of the files, sorted.
sorted_lines() { cat "$@" | LC_ALL=C sort; }

if [ "${CLUSTER_ONLY:-}" != grid ]; then
echo "== the unsharded sweep (the reference)"
mkdir -p "$work/reference" && cd "$work/reference" && cp "$repo/examples/slurm/network.json" .
# the same sweep as examples/slurm/sweep.sbatch, without --shard
sparsescape sweep network.json --restarts 4 --seed 1 > whole.jsonl
sparsescape sweep-merge whole.jsonl > summary.txt
sparsescape sweep-merge whole.jsonl --json > summary.json
check "the reference sweep has 528 masks" '[ "$(wc -l < whole.jsonl)" -eq 528 ]'
ref=$work/reference

echo "== 1. sweep.sbatch as an array job, merge.sbatch after it"
fresh array
jid=$(sbatch --parsable sweep.sbatch)
mid=$(sbatch --parsable --dependency=afterok:"$jid" merge.sbatch)
if wait_until 60 "job_done $jid && job_done $mid"; then ok "array job $jid and merge job $mid finished"; else bad "array job $jid and merge job $mid finish within 60 s"; show_logs; fi
check "the 4 array tasks completed" '[ "$(task_states "$jid")" = "1=COMPLETED 2=COMPLETED 3=COMPLETED 4=COMPLETED " ]'
check "each task wrote its shard (132 masks each)" '[ "$(cat parts/part-{1,2,3,4}.jsonl | wc -l)" -eq 528 ] && [ "$(wc -l < parts/part-3.jsonl)" -eq 132 ]'
check "the shards' lines, sorted, are the unsharded sweep's byte for byte" 'cmp -s <(sorted_lines parts/part-*.jsonl) <(sorted_lines "$ref/whole.jsonl")'
check "merge.sbatch's summary equals the unsharded one (table and JSON)" 'cmp -s summary.txt "$ref/summary.txt" && cmp -s summary.json "$ref/summary.json"'

echo "== 2. one task cancelled: the merge names it, the printed command or a re-submitted shard completes it"
fresh cancelled
jid=$(sbatch --parsable --hold sweep.sbatch)
scancel "${jid}_4"
scontrol release "$jid"
if wait_until 60 "job_done $jid"; then ok "array job $jid finished"; else bad "array job $jid finishes within 60 s"; show_logs; fi
# a task cancelled while pending leaves no record in scontrol: it never ran, so it wrote nothing
check "tasks 1-3 completed, task 4 (cancelled) never ran" '[ "$(task_states "$jid")" = "1=COMPLETED 2=COMPLETED 3=COMPLETED " ] && [ ! -e parts/part-4.jsonl ]'
sparsescape sweep-merge --shards 4 parts/part-*.jsonl > merge.out 2> merge.err
status=$?
check "sweep-merge exits 3 on the incomplete parts" '[ $status -eq 3 ]'
check "it names the missing shard and masks (one line on stderr)" \
  '[ "$(cat merge.err)" = "sparsescape: error: incomplete sweep: 132 of 528 masks missing; missing shards (of 4): 4; the command that runs only them is printed above" ] && grep -qx "missing shards (of 4): 4" merge.out'
rerun=$(sed -n 's/^  \(sparsescape sweep .*--only-missing.*\)$/\1/p' merge.out)
check "it prints the command that runs only the missing masks" \
  '[ "$rerun" = "sparsescape sweep network.json --restarts 4 --seed 1 --only-missing parts/part-1.jsonl parts/part-2.jsonl parts/part-3.jsonl --resume parts/part-missing.jsonl" ]'
eval "$rerun" 2> rerun.err
check "that command runs the 132 missing masks only" '[ "$(wc -l < parts/part-missing.jsonl)" -eq 132 ]'
sparsescape sweep-merge parts/part-*.jsonl --json > merged.json
check "then the merge is complete and equals the unsharded one" '[ $? -eq 0 ] && cmp -s merged.json "$ref/summary.json"'
rm parts/part-missing.jsonl
jid=$(sbatch --parsable --array=4 sweep.sbatch)
if wait_until 60 "job_done $jid"; then ok "re-submitted shard 4 alone (sbatch --array=4 sweep.sbatch)"; else bad "the re-submitted shard finishes within 60 s"; fi
check "the re-run shard is shard 4 of 4 (N stays 4)" 'cmp -s <(sorted_lines parts/part-4.jsonl) <(cd "$work/array" && sorted_lines parts/part-4.jsonl)'
sparsescape sweep-merge parts/part-*.jsonl --json > merged.json
check "then the merge is complete and equals the unsharded one" '[ $? -eq 0 ] && cmp -s merged.json "$ref/summary.json"'

echo "== 3. a task requeued while it runs (preemption) resumes its part file"
fresh requeued
jid=$(sbatch --parsable --array=1 sweep.sbatch)
wait_until 60 '[ -s parts/part-1.jsonl ]'
before=$(wc -l < parts/part-1.jsonl)
scontrol requeue "${jid}_1"
if wait_until 60 "job_done $jid"; then ok "task 1 requeued with $before of 132 masks written, then finished"; else bad "the requeued task finishes within 60 s"; show_logs; fi
check "the restarted task resumed its file (its log says so)" 'grep -q "^sweep: resuming .parts/part-1.jsonl.: [0-9]* of 132 masks of shard 1/4 already there" logs/sweep-*_1.err'
check "its lines equal an uninterrupted shard 1 (no mask twice)" 'cmp -s <(sorted_lines parts/part-1.jsonl) <(cd "$work/array" && sorted_lines parts/part-1.jsonl)'

echo "== 4. parallel-sweep.sh (GNU parallel, one machine)"
fresh parallel
bash parallel-sweep.sh > summary.txt 2> parallel.err
status=$?
check "parallel-sweep.sh succeeds" '[ $status -eq 0 ]'
[ $status -eq 0 ] || tail -5 parallel.err | sed 's/^/     | /'
check "its shards' lines, sorted, are the unsharded sweep's byte for byte" 'cmp -s <(sorted_lines parts/part-*.jsonl) <(sorted_lines "$ref/whole.jsonl")'
check "its summary equals the unsharded one" 'cmp -s summary.txt "$ref/summary.txt"'
fi

echo "== 5. a grid as a Slurm array job: one task cancelled, named by the merge job, re-run alone"
grid_plan=$(realpath "${GRID_PLAN:-$repo/examples/grid/small.toml}")
cancel=${GRID_CANCEL:-3}
mkdir -p "$work/grid" && cd "$work/grid"
# The plan's networks are presets or files beside it: a copy of its folder keeps both.
cp -r "$(dirname "$grid_plan")"/. . && cp "$grid_plan" plan.toml
sparsescape grid plan.toml --out out --slurm > slurm.out
tasks=$(sparsescape grid plan.toml --out out --list | sed -n '1s/.*: \([0-9]*\) tasks.*/\1/p')
check "grid --slurm writes the array and merge jobs ($tasks tasks)" '[ -x out/grid.sbatch ] && [ -x out/merge.sbatch ] && grep -q "^#SBATCH --array=1-$tasks$" out/grid.sbatch'
grid_began=$SECONDS
jid=$(sbatch --parsable --hold out/grid.sbatch)
scancel "${jid}_$cancel"
scontrol release "$jid"
mid=$(sbatch --parsable --dependency=afterany:"$jid" out/merge.sbatch)
if wait_until "${GRID_TIMEOUT:-300}" "job_done $jid && job_done $mid"; then ok "array job $jid and merge job $mid finished ($((SECONDS - grid_began)) s)"; else bad "the grid's array and merge jobs finish"; show_logs; fi
expected_states=$(for k in $(seq 1 "$tasks"); do [ "$k" -ne "$cancel" ] && printf '%s=COMPLETED ' "$k"; done)
# (scontrol forgets array tasks that ended more than MinJobAge ago, 300 s: a long grid is checked by its files.)
check "every task but $cancel completed; $cancel (cancelled) never ran" \
  '{ [ "$(task_states "$jid")" = "$expected_states" ] || [ $((SECONDS - grid_began)) -gt 250 ]; } && [ "$(ls out/tasks | wc -l)" -eq $((tasks - 1)) ] && [ ! -e out/tasks/task-$(printf "%0${#tasks}d" "$cancel").json ]'
check "the merge job exits 3 on the incomplete grid" 'scontrol show job "$mid" -o | grep -q "ExitCode=3:0"'
check "its summary names the missing task and the sbatch command that re-runs it" \
  'grep -qx "missing tasks (never ran, cancelled, or killed): $cancel" out/summary.txt && grep -qx "or on Slurm: sbatch --array=$cancel $work/grid/out/grid.sbatch" out/summary.txt'
check "the figure of what is there is drawn, marked incomplete" 'grep -q "INCOMPLETE: $((tasks - 1)) of $tasks tasks" out/figure.svg'
jid=$(sbatch --parsable --array="$cancel" out/grid.sbatch)
mid=$(sbatch --parsable --dependency=afterok:"$jid" out/merge.sbatch)
if wait_until "${GRID_TIMEOUT:-300}" "job_done $jid && job_done $mid"; then ok "task $cancel re-submitted alone (sbatch --array=$cancel), then merged"; else bad "the re-run task and merge finish"; show_logs; fi
check "then the merge job succeeds: every task done" 'scontrol show job "$mid" -o | grep -q "ExitCode=0:0" && grep -q "^grid .*: $tasks of $tasks tasks done$" out/summary.txt'
check "its table has a row per cell and its figure no mark of incompleteness" '[ "$(wc -l < out/summary.csv)" -gt 2 ] && ! grep -q INCOMPLETE out/figure.svg'
echo "     grid: $tasks tasks on the cluster, $((SECONDS - grid_began)) s from the first submission to the complete merge"
if [ "${GRID_REFERENCE:-1}" != 0 ]; then
  sparsescape grid plan.toml --out here > here.out 2> here.err
  sparsescape grid-merge plan.toml --out here --csv here.csv > /dev/null
  check "the same grid run here gives the same table, byte for byte" 'cmp -s here.csv out/summary.csv'
fi
if [ -n "${GRID_KEEP:-}" ]; then mkdir -p "$GRID_KEEP" && cp -r out/. "$GRID_KEEP/" && echo "     kept the results in $GRID_KEEP"; fi

cd "$repo"
echo "cluster: $((SECONDS - began)) s"
echo "cluster: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
