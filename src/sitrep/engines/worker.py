"""What runs on a Dask worker: the per-partition task and the plugin that loads the extractor.

Imported only by `sitrep.engines.dask`, after it has checked that `distributed` is installed.
"""
from __future__ import annotations

from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin


def extract_partition(source: str, spec: dict[str, Any], index: int, out_dir: str,
                      max_bytes: int, published: str | None) -> dict[str, Any]:
    """Read one partition, extract every document as the local engine does, write its shard.

    Returns the shard's counts and digest. Safe to run twice (a retry after a lost worker):
    the shard is replaced whole, never appended to.
    """
    from sitrep.engines.output import write_shard
    from sitrep.engines.partitions import read_partition
    from sitrep.runner import extract_item

    items = read_partition(source, spec, max_bytes, published)
    return write_shard(out_dir, index, (extract_item(item) for item in items))


def warm_up() -> int:
    """Load the pipeline, lexicons and gazetteer into this process (memoised: once per process)."""
    import os

    from sitrep.gazetteer import load_gazetteer
    from sitrep.pipeline import extract  # noqa: F401  (imports every stage)

    load_gazetteer()
    return os.getpid()


class LoadExtractor(WorkerPlugin):
    """Loads the extractor when a worker starts, so the first task does not pay for it.

    Workers that join later, or replace a lost one, get it too.
    """

    name = "sitrep-load-extractor"

    def setup(self, worker) -> None:
        warm_up()
