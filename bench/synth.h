/*
 * synth.h: synthetic models for benchmarks.
 *
 * synth_model() builds a plausible AI system of n components spread over
 * boundaries of every trust level, with every kind represented and three
 * flows per component carrying varied data classes, some fields answered
 * and some left unknown, as in a real workshop. Deterministic for a seed.
 */
#ifndef PARAPET_BENCH_SYNTH_H
#define PARAPET_BENCH_SYNTH_H

#include <stddef.h>

struct model;

/* A new indexed model (the caller's to free) or NULL on a bug. */
struct model	*synth_model(size_t ncomponents, unsigned seed);

#endif
