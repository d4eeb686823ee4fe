# parkscore — two commands for a newcomer:
#   make run    install what is missing, build, serve the app at http://127.0.0.1:8080
#   make test   the whole suite (fmt, clippy, docs, native tests, wasm tests in headless
#               Chromium, browser end-to-end tests on the single-file build)
# Every install step checks first and is skipped when the tool is already there.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

TRUNK_VERSION        := 0.21.14
WASM_BINDGEN_VERSION := 0.2.130
CARGO_BIN            := $(HOME)/.cargo/bin
# node_modules/.bin first: Trunk must find binaryen 132's wasm-opt, not an older system one.
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver

HOST ?= 127.0.0.1
PORT ?= 8080
DIST_HTML := dist/parkscore.html

.PHONY: help run serve dist setup setup-rust setup-node setup-browser fmt lint doc \
        test test-native test-wasm test-e2e bench clean fuzz

help:
	@echo "make run    install what is missing, build, serve at http://$(HOST):$(PORT)"
	@echo "make test   the whole suite"
	@echo "make dist   build the single-file app $(DIST_HTML)"
	@echo "make bench  one table: 14 to 100,000 parks (csv, xlsx, many ties) in the page (headless"
	@echo "            Chromium: time to the ranking, longest main-thread task, worker wasm memory, JS heap,"
	@echo "            tab RSS) and in the CLI (time, peak RSS, JSON size); the page's size and first"
	@echo "            render. 10 to 15 minutes; files in target/bench-data/ (written when missing)"

# ---------------------------------------------------------------- installs (idempotent)

setup: setup-rust setup-node

setup-rust:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@if ! trunk --version 2>/dev/null | grep -q "$(TRUNK_VERSION)"; then \
	  echo "installing trunk $(TRUNK_VERSION) (takes a few minutes, once)"; \
	  cargo install --locked trunk --version $(TRUNK_VERSION); fi
	@# Without --locked: the registry mirror lacks a crate the CLI's own lockfile pins.
	@if ! wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)"; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (once)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); fi
	@cargo fetch --quiet

setup-node:
	@if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
	    || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  npm ci --no-audit --no-fund; fi

# Debian's Chromium and ChromeDriver, for the wasm and end-to-end tests.
setup-browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update; \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y chromium chromium-driver; fi

# ---------------------------------------------------------------- build and run

# The single self-contained file: Trunk's release build, then everything inlined.
dist: setup
	trunk build --release
	node tools/inline.mjs target/trunk-dist $(DIST_HTML)

run: dist
	@mkdir -p target/serve && cp $(DIST_HTML) target/serve/index.html && cp $(DIST_HTML) target/serve/
	@echo
	@echo "  parkscore:        http://$(HOST):$(PORT)/   (载入示例数据 loads the built-in sample)"
	@echo "  single-file build: $(CURDIR)/$(DIST_HTML)   (double-click it; works offline)"
	@echo "  Ctrl-C stops the server."
	@echo
	python3 -m http.server $(PORT) --bind $(HOST) --directory target/serve

# ---------------------------------------------------------------- checks

fmt:
	cargo fmt --all -- --check

lint:
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo clippy -p parkscore-app --target wasm32-unknown-unknown --all-targets --locked -- -D warnings
	cargo clippy -p parkscore-unzstd --target wasm32-unknown-unknown --lib --locked -- -D warnings

doc:
	RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked --quiet

# The workspace's tests, then the vendored calamine's own (its hardening patches' regression
# tests; vendor/calamine is its own cargo root, outside the workspace).
test-native:
	cargo test --workspace --locked
	cargo test --manifest-path vendor/calamine/Cargo.toml --target-dir target --locked \
	  --config 'profile.dev.debug="line-tables-only"'

# #[wasm_bindgen_test] tests, run by wasm-bindgen-test-runner in headless Chromium
# (.cargo/config.toml sets the runner; webdriver.json passes Chromium's flags).
test-wasm: setup setup-browser
	cargo test -p parkscore-app --target wasm32-unknown-unknown --locked --lib --tests

# Browser end-to-end tests on dist/parkscore.html (playwright-core driving /usr/bin/chromium).
test-e2e: dist setup-browser
	node --test --test-concurrency=1 tests/e2e/

test: setup setup-browser fmt lint doc test-native test-wasm test-e2e
	@echo "make test: all checks passed"

# Measures, asserts nothing (tools/bench.mjs explains every column). The input files are written
# by core/examples/make_bench_data.rs (fixed seed) into target/bench-data/ when missing.
# BENCH_ARGS passes options, e.g. BENCH_ARGS="--only 10000 --timeout 60".
BENCH_ARGS ?=

bench: dist setup-browser
	cargo build --release --locked -p parkscore --bin parkscore
	node tools/bench.mjs $(BENCH_ARGS)

# ---------------------------------------------------------------- fuzzing (not part of `make test`)

# cargo-fuzz (libFuzzer, nightly) on every target of fuzz/ for FUZZ_SECONDS each; fails when
# any target finds a crash, an out-of-memory or a timeout (kept in fuzz/artifacts/<target>/).
# New corpus entries go to fuzz/corpus/<target>/ (git-ignored); fuzz/seeds/<target>/ is the
# committed seed corpus. FUZZ_TARGETS picks targets, FUZZ_ARGS adds libFuzzer flags
# (e.g. FUZZ_ARGS="-fork=2 -ignore_crashes=1" to keep going after a crash).
# No sanitizer by default: the code is safe Rust and what is sought is panics, aborts, timeouts
# and memory; AddressSanitizer (FUZZ_SANITIZER=address) makes the import targets 4-5 x slower.
FUZZ_SECONDS ?= 60
FUZZ_SANITIZER ?= none
FUZZ_TARGETS ?= import_csv import_xlsx import_xls import_json scheme_toml session
FUZZ_ARGS    ?=

fuzz:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz
	cd fuzz && cargo +nightly fuzz build -s $(FUZZ_SANITIZER)
	@failed=""; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/corpus/$$t fuzz/artifacts/$$t; \
	  before=$$(ls fuzz/artifacts/$$t | wc -l); \
	  dict=""; [ -f fuzz/dict/$${t#import_}.dict ] && dict="-dict=dict/$${t#import_}.dict"; \
	  echo "== fuzz $$t: $(FUZZ_SECONDS) s"; \
	  (cd fuzz && cargo +nightly fuzz run -s $(FUZZ_SANITIZER) $$t corpus/$$t seeds/$$t -- \
	    -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
	    $$dict $(FUZZ_ARGS)) || failed="$$failed $$t"; \
	  after=$$(ls fuzz/artifacts/$$t | wc -l); \
	  [ "$$after" = "$$before" ] || case " $$failed " in *" $$t "*) ;; *) failed="$$failed $$t";; esac; \
	done; \
	if [ -n "$$failed" ]; then \
	  echo "make fuzz: crashes in:$$failed — see fuzz/artifacts/<target>/; reproduce with"; \
	  echo "  (cd fuzz && cargo +nightly fuzz run -s $(FUZZ_SANITIZER) <target> artifacts/<target>/<file>)"; \
	  exit 1; fi; \
	echo "make fuzz: no crash in $(FUZZ_TARGETS)"

clean:
	cargo clean
	rm -rf dist
