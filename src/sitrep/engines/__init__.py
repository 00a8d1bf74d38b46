"""Batch engines over partitioned inputs.

    partitions.py  split INPUT (a big JSONL file, a folder of shards, a Parquet dataset) into
                   partitions, and read one back as reader Items
    output.py      the output folder: result shards, manifest.json, `iter_finished`
    dask.py        `sitrep extract --engine dask`: the partitions as tasks on a Dask cluster
    worker.py      what runs on a Dask worker

The local engine is `sitrep.runner.run_extract`; both call `runner.extract_item` per document.
Only `iter_finished` is imported here (no Dask): the store reads finished runs with it.
"""
from sitrep.engines.output import ManifestError, iter_finished

__all__ = ["ManifestError", "iter_finished"]
