/* seeds.c - see seeds.h; the numbers are the published ones (shared/spec/workloads.md). */
#include "model/seeds.h"

const struct cbt_seed_benchmark cbt_seed_benchmarks[] = {
    {"A", "2023", "CPython 3.11.4", "macOS, 4-core i7 4.2 GHz", "mean of 30 runs", 100, 10000},
    {"B", "2015", "CPython 3.5", "not stated", "one figure per cell", 0, 0},
};

#define A (&cbt_seed_benchmarks[0])
#define B (&cbt_seed_benchmarks[1])

const struct cbt_seed_figure cbt_seed_figures[] = {
    {A, "fixed-sleep", "coroutines", 5.003},
    {A, "fixed-sleep", "threads", 5.007},
    {A, "fixed-sleep", "processes", 5.926},
    {A, "variable-sleep", "coroutines", 4.952},
    {A, "variable-sleep", "threads", 4.961},
    {A, "variable-sleep", "processes", 5.742},
    {A, "startup", "coroutines", 0.00474},
    {A, "startup", "threads", 0.00613},
    {A, "startup", "processes", 1.167},
    {A, "yield-loop", "coroutines", 0.489},
    {A, "yield-loop", "threads", 4.328},
    {A, "yield-loop", "processes", 1.170},
    {A, "cpu", "coroutines", 6.203},
    {A, "cpu", "threads", 5.568},
    {A, "cpu", "processes", 2.661},
    {B, "cpu", "serial", 7.804},
    {B, "cpu", "coro-procpool", 4.739},
    {B, "cpu", "coro-threadpool", 8.221},
    {B, "cpu", "processes", 4.488},
    {B, "cpu", "threads", 8.251},
    {B, "io", "serial", 1.924},
    {B, "io", "coro-procpool", 0.951},
    {B, "io", "coro-threadpool", 1.970},
    {B, "io", "processes", 1.320},
    {B, "io", "threads", 1.807},
    {B, "mixed", "serial", 4.789},
    {B, "mixed", "coro-procpool", 13.574},
    {B, "mixed", "coro-threadpool", 7.724},
    {B, "mixed", "processes", 4.513},
    {B, "mixed", "threads", 4.976},
};

const size_t cbt_nseed_figures = sizeof(cbt_seed_figures) / sizeof(cbt_seed_figures[0]);
