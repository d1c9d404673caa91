# Smart Glocal SDK. `make test` installs what it needs on a fresh Debian machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export CARGO_TERM_COLOR ?= never

.PHONY: help tools build size test test-native test-wasm test-pkg lint demo sandbox clean

help:
	@echo "make demo    build the edge package and run its quick start (offline)"
	@echo "make test    everything: lint, native tests, wasm tests in Node, packed-package tests in Node and workerd"
	@echo "make build   build pkg/edge and print its sizes"
	@echo "make sandbox run the API emulator on 127.0.0.1:4010 (SANDBOX_ARGS=... for more)"

tools:
	@scripts/ensure-tools.sh wasm node

build: tools
	scripts/build-pkg.sh edge
	@$(MAKE) --no-print-directory size

# Raw, gzip and brotli sizes; fails above the budget (KiB gzip, .js + .wasm).
size:
	node scripts/size.mjs pkg/edge:150

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --all-targets --target wasm32-unknown-unknown --no-default-features --features edge -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --no-default-features --features browser -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet

# The core and the sandbox (its flows over HTTP on loopback).
test-native:
	cargo test --workspace

# The wasm glue under wasm-bindgen-test, in Node.
test-wasm: tools
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --target wasm32-unknown-unknown --no-default-features --features edge --lib

# The packed npm package in a temporary consumer project: Node and workerd (Miniflare).
test-pkg: build
	scripts/test-pkg.sh edge

test: tools lint test-native test-wasm test-pkg
	@echo "make test: all suites passed"

demo: build
	scripts/demo.sh

# The API emulator on 127.0.0.1:4010 (see `cargo run -p sg-sandbox -- --help`).
sandbox:
	cargo run -p sg-sandbox -- $(SANDBOX_ARGS)

clean:
	cargo clean
	rm -rf pkg
