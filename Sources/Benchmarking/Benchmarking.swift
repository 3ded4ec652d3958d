// Benchmarking module
