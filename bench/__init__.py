"""Benchmarks: generate their own data at any size and print their figures. Not part of the
test suite (a tiny smoke run is)."""
