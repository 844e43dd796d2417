#!/bin/bash
# The same sweep as sweep.sbatch on one machine with GNU parallel: 4 shards, 2 at a time (add -S HOSTS for more).
# `make test-cluster` runs this very file (scripts/test-cluster.sh).
set -euo pipefail
mkdir -p parts
parallel -j 2 sparsescape sweep network.json --restarts 4 --seed 1 --shard {}/4 --resume parts/part-{}.jsonl ::: 1 2 3 4
sparsescape sweep-merge --shards 4 parts/part-*.jsonl
