# Meerkat: the two commands a newcomer needs are `make run` and `make test`.
# Both install missing Debian packages first (scripts/setup-deps.sh).

BUILD      ?= build
ASAN_BUILD ?= build-asan
BENCH_BUILD ?= build-bench
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
PORT       ?= 8443
CMAKE_GEN  := -G Ninja

.PHONY: all setup build build-asan build-fuzz run test test-fast bench load fuzz format clean

all: build

setup:
	@scripts/setup-deps.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMEERKAT_WERROR=ON

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD)

$(ASAN_BUILD)/build.ninja:
	cmake -S . -B $(ASAN_BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug -DMEERKAT_WERROR=ON -DMEERKAT_SANITIZE=ON

build-asan: setup $(ASAN_BUILD)/build.ninja
	cmake --build $(ASAN_BUILD)

# libFuzzer targets (fuzz/, docs/fuzzing.md): clang, with ASan and UBSan, tests off.
# -O1 without NDEBUG, so assertions stay on while fuzzing.
$(FUZZ_BUILD)/build.ninja:
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" \
	  -DMEERKAT_WERROR=ON -DMEERKAT_TESTS=OFF -DMEERKAT_BENCH=OFF -DMEERKAT_FUZZ=ON

build-fuzz: setup $(FUZZ_BUILD)/build.ninja
	cmake --build $(FUZZ_BUILD)

# The main job: the HTTPS demo server with the bundled demo certificate chain.
run: build
	@echo
	@echo "Serving https://localhost:$(PORT)/ with the demo chain in certs/demo (demo only)."
	@echo "Fetch it with:  curl --cacert certs/demo/ca.pem https://localhost:$(PORT)/"
	@echo
	$(BUILD)/meerkat serve --port $(PORT) --dir docs/site

# Every test: the normal build, then the same suite under ASan/UBSan, then each fuzz
# target once over its committed corpus.
test: build build-asan build-fuzz
	@scripts/run-tests.sh $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)

# The normal build's tests only (quicker while developing).
test-fast: build
	@scripts/run-tests.sh $(BUILD)

# Meerkat side by side with OpenSSL, built with optimisation in its own directory:
# prints one table and writes the same figures to $(BENCH_BUILD)/bench.json
# (docs/performance.md explains both). BENCH_ARGS passes options, e.g. --only 1,2.
# Release at -O2, the level Debian builds OpenSSL and BearSSL with (GCC 12 at -O3
# also warns falsely about std::string concatenation, -Wrestrict).
$(BENCH_BUILD)/build.ninja:
	cmake -S . -B $(BENCH_BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release -DMEERKAT_WERROR=ON \
	  -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG"

bench: setup $(BENCH_BUILD)/build.ninja
	cmake --build $(BENCH_BUILD) --target meerkat_bench
	$(BENCH_BUILD)/bench/meerkat_bench --json $(BENCH_BUILD)/bench.json $(BENCH_ARGS)

# The load test of `meerkat serve` (docs/load.md): 1,000 TLS connections open at once
# doing keep-alive GETs checked byte for byte, abusive clients in the same run, the
# server's memory and descriptors back to their start. Stops by itself (120 s at
# most); figures in $(BUILD)/load.json. LOAD_ARGS passes options, e.g. -c 200.
load: build
	$(BUILD)/tools/load/meerkat_load --meerkat $(BUILD)/meerkat --json $(BUILD)/load.json $(LOAD_ARGS)

# Each fuzz target for FUZZ_SECONDS (default 60) on a scratch copy of its corpus,
# then a table of executions, coverage, corpus size and findings. FUZZ_TARGETS picks
# targets ("record x509_der"); FUZZ_JOBS runs that many at once (default 1).
fuzz: build-fuzz
	@JOBS=$(or $(FUZZ_JOBS),1) scripts/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

format:
	clang-format -i $$(git ls-files '*.h' '*.cpp' '*.c')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(BENCH_BUILD) build-fuzz
