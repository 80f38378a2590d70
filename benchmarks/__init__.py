"""Benchmarks of the monitor on the shared corpus (``make bench``).

Everything the benchmark builds from corpus text (databases, the stand-in site) lives
in memory or in a temporary directory: corpus text never lands in the repository.

Modules:
- ``corpus``: reading and sampling the corpus; article records for the database and
  for the stand-in site.
- ``steps``: each measured step, run in its own child process (``python -m
  benchmarks.steps``) so that its peak memory can be read with ``resource``.
- ``crawlbench``: the stand-in site served from the corpus, and ``scrapy bench``.
- ``core``: the whole benchmark as one function returning every figure.
- ``report``: the figures as text, the targets and whether they hold.
- ``run``: the command line (``python -m benchmarks.run``).
- ``profile``: cProfile of one step, and sklearn's TF-IDF transform beside the one
  scoring uses, for BENCHMARKS.md.
"""
