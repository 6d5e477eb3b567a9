"""From replications to decisions: everything between the model and the renderers.

- ``replicate``: one replication of a scenario (its own named random streams), and jobs of many.
- ``executors``: where replications run (serially, local processes, a dask cluster).
- ``store``: finished replications on disk, so an interrupted run resumes.
- ``runner``: the variants asked for, run to a number of replications or a precision.
- ``kpi``: the per-replication KPI row, computed once from each replication's record.
- ``analysis``: summaries, paired comparisons, precision and what limits the result.
- ``search``: the smallest PPPK addition, and where, that makes the target likely.
- ``sensitivity``: one-at-a-time sweeps over the inputs a scenario declares uncertain.
- ``abk``: the workload-analysis (ABK) table from the simulated volumes.
"""
