# Rendition — the two set-up-and-go commands (`make demo`, `make test`) and friends.
# Every target installs what it needs first (scripts/install-deps.sh is idempotent).

BUILD_DIR ?= build
PRESET    ?= $(if $(CI),ci,dev)
JOBS      ?= $(shell nproc)
DEMO_OUT  ?= $(CURDIR)/demo-out
CLI        = $(BUILD_DIR)/bin/rendition-cli
GUI        = $(BUILD_DIR)/bin/rendition
ASAN_DIR  ?= build-asan
# Unit tests left out of test-asan (ctest -E regex; ASAN_EXCLUDE= runs them all): both hit their
# time limit under ASan + UBSan at -O0 on 2 shared cores — unit.loudness (the true-peak
# oversampling loops over minutes of audio: > 900 s) and unit.cenc (its HEVC `rendition-cli run`
# > the test's 300 s) — and unit.transcoder (its cancel-latency check is wall-clock: 2.6 s against
# 2 s under ASan on a loaded machine). They still run in `make test`.
ASAN_EXCLUDE ?= ^unit\.(cenc|loudness|transcoder)$$

FUZZ_DIR     ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=

.PHONY: all deps build demo test test-asan test-full bench fuzz package check-package screenshots clean

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	cmake --preset $(PRESET) -B $(BUILD_DIR) >/dev/null
	cmake --build $(BUILD_DIR) -j$(JOBS)

# The default batch over generated samples; with a display, then the GUI on the first asset's QC review.
demo: build
	@bash scripts/demo.sh $(CLI) $(DEMO_OUT) $(GUI)

# All tests through ctest (unit + integration). Long trials live behind test-full.
test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j$(JOBS) --timeout 900

# The unit tests under AddressSanitizer + UndefinedBehaviorSanitizer (preset asan: Debug,
# RENDITION_SANITIZE=ON) in their own build tree; builds only what they need (rendition-core,
# rendition-cli, the fixtures, the unit test executables). .ci/run runs it after `make test`.
test-asan: deps
	cmake --preset asan -B $(ASAN_DIR) >/dev/null
	cmake --build $(ASAN_DIR) --target unit-tests -j$(JOBS)
	cd $(ASAN_DIR) && ctest -L unit --output-on-failure -j$(JOBS) --timeout 900 $(if $(ASAN_EXCLUDE),-E '$(ASAN_EXCLUDE)')

test-full: build
	cd $(BUILD_DIR) && RENDITION_TEST_FULL=1 ctest --output-on-failure -j$(JOBS) --timeout 3600

bench: build
	@bash bench/ladder/run.sh $(CLI)
	@bash bench/loudness/run.sh $(CLI)
	@bash bench/thumbnails/run.sh $(CLI)
	@bash bench/cenc/run.sh $(CLI)
	@bash bench/remote/run.sh $(CLI)
	@$(BUILD_DIR)/bin/queue_bench --cli $(CLI)
	@bash bench/scheduling/run.sh $(CLI)

# libFuzzer targets (clang, ASan + UBSan) for FUZZ_SECONDS each over their seeds; prints execs/s,
# total execs and crashes per target (tests/fuzz/run.sh). FUZZ_TARGETS="preset cenc" runs a subset.
fuzz: build
	cmake --preset fuzz -B $(FUZZ_DIR) >/dev/null
	cmake --build $(FUZZ_DIR) -j$(JOBS)
	@bash tests/fuzz/make-seeds.sh $(FUZZ_DIR)/seeds $(BUILD_DIR)/tests/fuzz_seedgen
	@FUZZ_SECONDS=$(FUZZ_SECONDS) bash tests/fuzz/run.sh $(FUZZ_DIR) $(FUZZ_DIR)/seeds $(FUZZ_TARGETS)

bench-loudness: build
	@bash bench/loudness/run.sh $(CLI)

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR) $(DEMO_OUT)

package: build
	cd $(BUILD_DIR) && cpack

# Checks the .deb: contents, Depends, desktop/AppStream validators, launch under Xvfb.
check-package: package
	@bash tests/packaging/check-deb.sh $(BUILD_DIR)

# A PNG of every GUI panel into docs/screenshots/ (the app under Xvfb with generated samples).
screenshots: build
	@bash scripts/screenshots.sh $(BUILD_DIR)
