#!/usr/bin/env bash
# End-to-end tests of the terminal explorer, driven in tmux as a person would use it: start at 120×40, read the
# screen with capture-pane, press keys with send-keys, poll for text (never fixed sleeps), check the terminal is
# restored (stty settings as before) after q, Ctrl-C, SIGTERM, SIGHUP and SIGQUIT, and that no TTY means a clean error.
set -uo pipefail
cd "$(dirname "$0")/../.."
BIN=$(realpath "${SPARSESCAPE_BIN:-.build/debug/sparsescape}")
command -v tmux >/dev/null || { echo "e2e: tmux is not installed (scripts/ensure-deps.sh installs it)"; exit 1; }
work=$(mktemp -d)
session="sparsescape-e2e-$$"
passed=0
failed=0
trap 'tmux kill-session -t "$session" 2>/dev/null; rm -rf "$work"' EXIT

ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; capture | sed 's/^/     | /' | head -45; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
capture() { tmux capture-pane -p -t "$session" 2>/dev/null; }
# wait_for REGEX SECONDS: polls the screen until REGEX appears.
wait_for() {
  local deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    capture | grep -Eq -- "$1" && return 0
    sleep 0.1
  done
  return 1
}
# same_stty NAME: the stty settings saved before and after the explorer session NAME are identical.
same_stty() {
  wait_until 5 "[ -s '$work/after-$1.txt' ]" || return 1
  cmp -s "$work/before-$1.txt" "$work/after-$1.txt" && return 0
  echo "     stty before: $(cat "$work/before-$1.txt")"
  echo "     stty after : $(cat "$work/after-$1.txt")"
  return 1
}
# wait_until SECONDS COMMAND: polls until COMMAND succeeds.
wait_until() {
  local deadline=$((SECONDS + $1))
  while ((SECONDS < deadline)); do
    eval "$2" && return 0
    sleep 0.1
  done
  return 1
}
# The iteration count shown in the status line.
iteration() { capture | grep -Eo '^ it [0-9]+' | head -1 | grep -Eo '[0-9]+$'; }

start_session() {
  tmux kill-session -t "$session" 2>/dev/null
  tmux new-session -d -s "$session" -x 120 -y 40 -c "$work" "env -i HOME=$HOME PATH=$PATH TERM=xterm-256color LANG=C.UTF-8 bash --norc --noprofile"
  tmux send-keys -t "$session" "PS1='e2e\$ '; stty -g > before-$1.txt; echo READY-$1" Enter
  wait_for "^READY-$1\$" 10 || true
}

run_explorer() {
  tmux send-keys -t "$session" "$BIN explore theorem5 --out-dir $work; echo EXIT=\$?; stty -g > after-$1.txt; echo DONE-$1" Enter
}

# The spurious-minimum verdict, in its long form or the compact one used when the regrow hint needs the room.
SPURIOUS='stalled: spurious local minimum|spurious min L 8 '
# The loss shown in the status line.
shown_loss() { capture | grep -Eo '^ it [0-9]+  L [0-9.e+-]+' | head -1 | awk '{print $4}'; }
# CPU ticks (user + system) used so far by the explorer process.
cpu_ticks() { local pid; pid=$(pgrep -f "$BIN explore $1" | head -1); [ -n "$pid" ] && awk '{print $14 + $15}' "/proc/$pid/stat"; }

# 1. A full session ended with q.
start_session q
run_explorer q
check "the explorer starts and shows the status line" "wait_for 'descending|stalled|spurious' 30"
# The default pace (100 steps/s) shows the descent: sample the status line's loss until the stall.
losses="$work/losses.txt"; : > "$losses"
deadline=$((SECONDS + 60))
while ((SECONDS < deadline)); do
  shown_loss >> "$losses"
  capture | grep -Eq "$SPURIOUS" && break
  sleep 0.05
done
distinct=$(sort -u "$losses" | grep -cv '^8$')
check "the descent is visible: $distinct distinct losses above 8 shown before the stall" "[ $distinct -ge 3 ]"
# Colour-bar ticks: numbers right of the bar, strictly between min and max and decreasing downwards.
ticks_ok() {
  local vals; vals=$(capture | grep -Eo '▀▀ (max |min )?[0-9][0-9.e+-]*' | sed 's/▀▀ //')
  local max min
  max=$(echo "$vals" | grep '^max ' | awk '{print $2}'); min=$(echo "$vals" | grep '^min ' | awk '{print $2}')
  echo "$vals" | grep -v '^m' | awk -v max="$max" -v min="$min" 'BEGIN { n = 0; prev = max + 1 } { if (!($1 < max && $1 > min && $1 < prev)) bad = 1; prev = $1; n++ } END { exit !(n >= 2 && !bad) }'
}
check "the colour bar has tick values between min and max, decreasing downwards" "ticks_ok"
check "three panels are drawn" "capture | grep -qi 'network' && capture | grep -qi 'loss' && capture | grep -qi 'slice'"
check "the status line names the theory that applies" "wait_for 'Thm 5: spurious minima possible' 20"
check "descent stalls with the verdict 'stalled: spurious local minimum'" "wait_for \"\$SPURIOUS\" 60"
check "at convergence the optimizer pauses itself" "wait_for '(converged, |· )paused' 20 && capture | head -1 | grep -q 'converged · pace'"
a=$(cpu_ticks theorem5); sleep 2; b=$(cpu_ticks theorem5)
check "auto-paused, the process uses no CPU (ticks $a → $b in 2 s)" "[ -n \"$a\" ] && [ \$((b - a)) -le 2 ]"
check "the regrow hint names a pruned edge whose revival opens a way down" "wait_for 'reviving W(1\\[3,1\\]|2\\[1,3\\]) opens a way down' 20"
tmux send-keys -t "$session" "P"
check "P computes the path: barrier and saddle beside the straight line" "wait_for 'path: barrier 0\\.045[0-9]* \\(saddle L 8\\.045' 60"
check "the slice switches to the path's plane" "wait_for 'slice · path · frozen' 20"
tmux send-keys -t "$session" "b"
check "b maps the basins of the path's plane: the stall's basin (here) and the global minimum's" "wait_for 'slice · path · frozen · ±[0-9.]+ · basins' 60 && wait_for 'L 8 spurious \\(here\\)' 60 && wait_for 'L 0\\.1656' 5"
tmux send-keys -t "$session" " "
check "space pauses" "wait_for 'paused' 10"
a=$(iteration); sleep 0.5; b=$(iteration)
check "the iteration count stops while paused ($a = $b)" "[ \"$a\" = \"$b\" ]"
tmux send-keys -t "$session" "e"
check "e exports the slice and names the file" "wait_for 'exported' 10"
csv=$(ls "$work"/sparsescape-slice-*.csv 2>/dev/null | head -1)
check "the exported slice reads back as alpha,beta,loss" "[ -n \"$csv\" ] && [ \"\$(head -1 \"$csv\")\" = 'alpha,beta,loss' ] && [ \$(wc -l < \"$csv\") -gt 100 ]"
check "the slice has its JSON sidecar" "[ -f \"\${csv%.csv}.json\" ]"
tmux send-keys -t "$session" "i"
check "i opens the message log with times" "wait_for 'log · [0-9]+ messages?' 10 && wait_for '[0-9][0-9]:[0-9][0-9]:[0-9][0-9]  it [0-9]+  ' 5"
check "the log shows the export's whole path" "[ -n \"\$csv\" ] && capture | grep -qF \"\$csv\""
tmux send-keys -t "$session" Escape
check "Esc closes the log" "wait_until 10 '! capture | grep -Eq \"log · [0-9]+ message\"'"
# Revive the pruned edge x3→h1 (W1[3,1]): from the first edge W1[1,1], two rows down.
tmux send-keys -t "$session" " "
wait_for 'stalled|descending' 10
tmux send-keys -t "$session" "j"
tmux send-keys -t "$session" "j"
check "the selection moves to the pruned edge W1[3,1]" "wait_for 'W1\\[3,1\\] = 0 \\(pruned\\)' 10"
tmux send-keys -t "$session" "t"
check "t revives it: the mask changes" "wait_for 'W1\\[3,1\\] = [-0-9.e]+ \\(live' 10"
check "the verdict leaves the spurious minimum" "wait_for '^ *(descending|global minimum \\(proven\\))' 20"
check "descent continues under the new mask below L = 0.2" "wait_for ' L 0\\.1[0-9]*  ' 60"
tmux send-keys -t "$session" "u"
check "u undoes the toggle: W1[3,1] is pruned again and the point is back at L = 8" "wait_for 'W1\\[3,1\\] = 0 \\(pruned\\)' 10 && wait_for '^ it [0-9]+  L 8  ' 10"
# Back to the start and its stall; g jumps to the best-known minimum.
tmux send-keys -t "$session" ">>>>r"
check "r resets to the start and descent stalls again" "wait_for \"\$SPURIOUS\" 60"
tmux send-keys -t "$session" "g"
check "g jumps to the best-known minimum: loss below 0.2" "wait_for ' L 0\\.1[0-9]*  ' 20"
check "after g the old certificate is gone at once (no 'L = 8' verdict beside L 0.1656)" "! capture | grep -Eq \"\$SPURIOUS\""
check "then the new certificate arrives: global minimum (proven)" "wait_for 'global minimum \\(proven\\) L = 0\\.165641' 20"
tmux send-keys -t "$session" "m"
check "m prunes the 20% smallest live weights (8 → 6 free) and training goes on" "wait_for 'network \\[3, 2, 3\\] · 6/12 free' 10 && wait_for 'prune 20%' 5"
tmux resize-window -t "$session" -x 100 -y 30
check "a resize redraws at the new size (key line on the new bottom row)" "wait_until 10 'capture | sed -n 30p | grep -q \"q quit\"' && [ \$(capture | wc -l) -le 30 ] && capture | head -1 | grep -q 'SparseScape'"
tmux resize-window -t "$session" -x 80 -y 24
check "the key line at 80 columns: the keys that matter now first, the rest behind '? more'" "wait_until 10 'capture | sed -n 24p | grep -Eq \"^(space pause  >/< speed|space run  n step|v revive hint  p perturb|b basins  z/Z zoom).*  \\? more  q quit\$\"'"
tmux resize-window -t "$session" -x 60 -y 20
check "below 80×24 a clear notice" "wait_for 'too small' 10"
tmux resize-window -t "$session" -x 120 -y 40
tmux send-keys -t "$session" "?"
check "? shows the help overlay" "wait_for 'quit' 10"
tmux send-keys -t "$session" "q"
check "q quits with status 0" "wait_for '^DONE-q$' 15 && capture | grep -q '^EXIT=0$'"
check "the terminal settings are restored after q" "same_stty q"

# 2. Ctrl-C.
start_session c
run_explorer c
wait_for 'descending|stalled' 30
tmux send-keys -t "$session" C-c
check "Ctrl-C quits" "wait_for '^DONE-c$' 15 && capture | grep -q '^EXIT=0$'"
check "the terminal settings are restored after Ctrl-C" "same_stty c"

# 3. SIGTERM from outside.
start_session t
run_explorer t
wait_for 'descending|stalled' 30
pkill -TERM -f "$BIN explore theorem5" || true
check "SIGTERM ends the explorer" "wait_for '^DONE-t$' 15"
check "the terminal settings are restored after SIGTERM" "same_stty t"

# 4. SIGHUP (the terminal goes away): the explorer ends instead of lingering.
start_session h
run_explorer h
wait_for 'descending|stalled' 30
pkill -HUP -f "$BIN explore theorem5" || true
check "SIGHUP ends the explorer and restores the terminal" "wait_for '^DONE-h\$' 15 && same_stty h"

# 4b. SIGQUIT: the same clean shutdown, then the signal's status (128 + 3), never the Swift runtime's crash report
# or its debugger prompt drawn over the screen.
start_session quit
run_explorer quit
wait_for 'descending|stalled' 30
pkill -QUIT -f "$BIN explore theorem5" || true
check "SIGQUIT ends the explorer with status 131 and restores the terminal" "wait_for '^DONE-quit\$' 15 && capture | grep -q '^EXIT=131\$' && same_stty quit"
check "SIGQUIT shows no crash report" "! capture | grep -Eiq 'crashed|backtrace|debugger|lldb'"

# 5. A non-UTF-8 locale: ASCII glyphs only.
tmux kill-session -t "$session" 2>/dev/null
tmux new-session -d -s "$session" -x 120 -y 40 -c "$work" "env -i HOME=$HOME PATH=$PATH TERM=xterm LANG=C LC_ALL=C $BIN explore theorem5"
check "with LANG=C the screen uses ASCII glyphs only" "wait_for '\\|grad\\|' 30 && ! capture | LC_ALL=C grep -q \$'[\\x80-\\xff]'"
tmux send-keys -t "$session" "q"
wait_until 10 "! pgrep -f '$BIN explore theorem5' >/dev/null"

# 6. --point: start from a reference point, paused, and see its loss at iteration 0.
tmux kill-session -t "$session" 2>/dev/null
tmux new-session -d -s "$session" -x 120 -y 40 -c "$work" "env -i HOME=$HOME PATH=$PATH TERM=xterm-256color LANG=C.UTF-8 $BIN explore appendix-a --point escape-start --paused"
check "--point escape-start: the explorer starts there (it 0, L 3.74503)" "wait_for '^ it 0  L 3\\.74503  ' 30"
tmux send-keys -t "$session" "q"
wait_until 10 "! pgrep -f '$BIN explore appendix-a' >/dev/null"

# 6b. A PyTorch checkpoint (safetensors, torch's layout, prune's weight_orig/weight_mask; written by Hugging Face's
# safetensors package): imported, opened at its own weights (the loss certify reports), and s writes it back as a
# state dict that NumPy reads bit for bit, with the model's keys.
if python3 -c "import numpy, safetensors.numpy" 2>/dev/null; then
  mkdir -p "$work/torch" && (cd "$work/torch" && python3 - <<'PY'
import numpy as np
from safetensors.numpy import save_file
rng = np.random.default_rng(3)
np.save('X.npy', rng.standard_normal((20, 4))); np.save('Y.npy', rng.standard_normal((20, 3)))
mask = (rng.random((5, 4)) > 0.3).astype(np.float32); mask[:, 0] = 1
save_file({'fc1.weight_orig': rng.standard_normal((5, 4)).astype(np.float32), 'fc1.weight_mask': mask,
           'fc2.weight': rng.standard_normal((3, 5)).astype(np.float32)}, 'model.safetensors', metadata={'format': 'pt'})
PY
  )
  (cd "$work/torch" && "$BIN" import model.safetensors --data X.npy Y.npy --out net.json > import.out 2>&1)
  loss=$(cd "$work/torch" && "$BIN" certify net.json --point model.safetensors --json | python3 -c "import json, sys; print('%.6g' % json.load(sys.stdin)['loss'])")
  tmux kill-session -t "$session" 2>/dev/null
  tmux new-session -d -s "$session" -x 120 -y 40 -c "$work/torch" "env -i HOME=$HOME PATH=$PATH TERM=xterm-256color LANG=C.UTF-8 $BIN explore net.json --point model.safetensors --paused"
  check "a checkpoint opens in the explorer at its own weights (it 0, L $loss, as certify reports)" "wait_for '^ it 0  L ${loss//./\\.}  ' 30"
  tmux send-keys -t "$session" "s"
  check "s saves the point as JSON and as a state dict" "wait_for 'saved .*sparsescape-point-[0-9-]*\.json \+ sparsescape-point-[0-9-]*\.safetensors' 10"
  check "the saved state dict has the model's keys and its weights, bit for bit (safetensors.numpy.load_file)" "(cd '$work/torch' && python3 -c \"
import glob, numpy as np
from safetensors.numpy import load_file
m = load_file('model.safetensors'); t = load_file(glob.glob('sparsescape-point-*.safetensors')[0])
assert sorted(t) == sorted(m)
assert np.array_equal(t['fc1.weight_mask'], m['fc1.weight_mask'].astype(np.float64))
assert np.array_equal(t['fc1.weight_orig'], (m['fc1.weight_orig'] * m['fc1.weight_mask']).astype(np.float64))
assert np.array_equal(t['fc2.weight'], m['fc2.weight'].astype(np.float64))
\")"
  tmux send-keys -t "$session" "q"
  wait_until 10 "! pgrep -f '$BIN explore net.json' >/dev/null"
elif [ -n "${CI:-}" ]; then
  bad "python3 with numpy and safetensors is needed for the checkpoint test (scripts/ensure-deps.sh installs it)"
fi

# 7. q during a background search on a 30-30-30 network quits within a second (the search is cancelled and joined).
python3 - "$work/big.json" <<'PY'
import json, random, sys
random.seed(7)
n, dx, dy = 60, 30, 30
X = [[random.gauss(0, 1) for _ in range(dx)] for _ in range(n)]
Y = [[random.gauss(0, 1) for _ in range(dy)] for _ in range(n)]
M = [[[1] * 30 for _ in range(30)] for _ in range(2)]
json.dump({"name": "big30", "widths": [30, 30, 30], "masks": M, "X": X, "Y": Y}, open(sys.argv[1], "w"))
PY
tmux kill-session -t "$session" 2>/dev/null
tmux new-session -d -s "$session" -x 120 -y 40 -c "$work" "env -i HOME=$HOME PATH=$PATH TERM=xterm-256color LANG=C.UTF-8 bash --norc --noprofile"
tmux send-keys -t "$session" "$BIN explore big.json --paused; echo DONE-big" Enter
wait_for 'paused' 30
tmux send-keys -t "$session" "S"
check "S starts a background search on the 1,800-weight network" "wait_for 'searching' 10"
sleep 1
check "the search is still running a second later" "capture | grep -q 'searching'"
start=$(date +%s%N)
tmux send-keys -t "$session" "q"
wait_for '^DONE-big$' 10
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "q during a background search quits within a second (${elapsed_ms} ms)" "[ $elapsed_ms -lt 1000 ] && ! pgrep -f '$BIN explore big.json' >/dev/null"

# 8. Not a terminal: one line, exit status 2, no escape codes.
out=$("$BIN" explore theorem5 < /dev/null 2>&1 | cat); status=${PIPESTATUS[0]}
"$BIN" explore theorem5 < /dev/null > "$work/notty.out" 2> "$work/notty.err"; status=$?
check "without a TTY: exit status 2" "[ $status -eq 2 ]"
check "without a TTY: one line pointing to the headless commands" "[ \$(wc -l < '$work/notty.err') -eq 1 ] && grep -q 'headless' '$work/notty.err'"
check "without a TTY: no escape codes written" "! grep -q \$'\\x1b' '$work/notty.out' '$work/notty.err'"
TERM=no-such-terminal script -qec "$BIN explore theorem5" /dev/null > "$work/badterm.out" 2>&1; status=$?
check "unknown TERM: exit status 2 and a clear error" "[ $status -eq 2 ] && grep -q 'unknown terminal type' '$work/badterm.out'"

echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
