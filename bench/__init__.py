"""Benchmarks: run from the repository's root (`make bench-report`); see bench/README.md."""
