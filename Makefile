# SparseScape: the two commands are `make run` (the explorer on the default example) and `make test`.
# Both install missing Debian packages first (scripts/ensure-deps.sh).

.PHONY: run test test-cluster bench bench-search bench-path bench-basins bench-realdata deps build clean adversarial fuzz

ARGS ?=

deps:
	@bash scripts/ensure-deps.sh

build: deps
	swift build -c release --product sparsescape

run: build
	.build/release/sparsescape $(ARGS)

test: deps
	bash scripts/test.sh

# the documented Slurm array job and GNU parallel examples (examples/slurm) on a private one-node Slurm cluster;
# installs slurmctld, slurmd, slurm-client, munge and parallel when missing; needs root (skipped otherwise).
test-cluster: deps
	swift build --product sparsescape
	bash scripts/test-cluster.sh

bench: bench-search bench-path bench-basins bench-realdata
	swift build -c release --product sparsescape
	swift build -c release --product sparsescape-bench
	.build/release/sparsescape-bench

# search against a NumPy/SciPy multi-start (L-BFGS + Newton polish) on 30 seeded random sparse networks.
bench-search:
	@bash scripts/ensure-deps.sh --bench
	swift build -c release --product sparsescape
	python3 bench/search_vs_scipy.py --bin .build/release/sparsescape

# path: SparseScape's nudged elastic band beside a NumPy NEB with the same settings, from the same endpoints.
bench-path:
	@bash scripts/ensure-deps.sh --bench
	swift build -c release --product sparsescape
	python3 bench/path_vs_numpy.py --bin .build/release/sparsescape

# basins: `slice --basins` on 51×51 grids of theorem5 and table1-row1 beside a SciPy L-BFGS-B loop from the same grid points.
bench-basins:
	@bash scripts/ensure-deps.sh --bench
	swift build -c release --product sparsescape
	python3 bench/basins_vs_scipy.py --bin .build/release/sparsescape

# real data: search on scikit-learn's iris, wine, breast cancer, linnerud and digits (13 networks, 100 to 2,000
# free weights) beside a SciPy L-BFGS-B + Newton multi-start from the same starts; fails unless every check holds.
bench-realdata:
	@bash scripts/ensure-deps.sh --bench
	swift build -c release --product sparsescape
	python3 bench/realdata_vs_scipy.py --bin .build/release/sparsescape

# fuzz: the file parsers under libFuzzer and AddressSanitizer (Fuzz/), FUZZ_SECONDS per target; fails on any finding.
FUZZ_SECONDS ?= 120
fuzz: deps
	bash scripts/fuzz.sh --seconds $(FUZZ_SECONDS)

# adversarial: hostile inputs over every command of the debug binary; fails on any crash or hang (ADV_ARGS: --json, --jobs N, ...).
ADV_ARGS ?=
adversarial: deps
	swift build --product sparsescape
	python3 scripts/adversarial.py --bin .build/debug/sparsescape $(ADV_ARGS)

clean:
	rm -rf .build
