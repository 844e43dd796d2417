# SparseScape: the two commands are `make run` (the explorer on the default example) and `make test`.
# Both install missing Debian packages first (scripts/ensure-deps.sh).

.PHONY: run test bench deps build clean

ARGS ?=

deps:
	@bash scripts/ensure-deps.sh

build: deps
	swift build -c release --product sparsescape

run: build
	.build/release/sparsescape $(ARGS)

test: deps
	bash scripts/test.sh

bench:
	@bash scripts/ensure-deps.sh --bench
	swift build -c release --product sparsescape-bench
	.build/release/sparsescape-bench

clean:
	rm -rf .build
