# SparseScape: the two commands are `make run` (the explorer on the default example) and `make test`.
# Both install missing Debian packages first (scripts/ensure-deps.sh).

.PHONY: run test bench bench-search deps build clean

ARGS ?=

deps:
	@bash scripts/ensure-deps.sh

build: deps
	swift build -c release --product sparsescape

run: build
	.build/release/sparsescape $(ARGS)

test: deps
	bash scripts/test.sh

bench: bench-search
	swift build -c release --product sparsescape-bench
	.build/release/sparsescape-bench

# search against a NumPy/SciPy multi-start (L-BFGS + Newton polish) on 30 seeded random sparse networks.
bench-search:
	@bash scripts/ensure-deps.sh --bench
	swift build -c release --product sparsescape
	python3 bench/search_vs_scipy.py --bin .build/release/sparsescape

clean:
	rm -rf .build
