"""OS1: a Discord companion bot after the film *Her*."""

import os

# Vector search multiplies one query by a per-user matrix: small work that a multi-threaded BLAS
# turns into cross-thread stalls next to the event loop and SQLite's worker threads (measured:
# p95 recall 12 ms -> ~4 ms at 10,000 vectors). Must be set before numpy is first imported.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
