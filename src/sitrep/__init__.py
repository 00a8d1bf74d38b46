"""sitrep: conflict reports in, geocoded event records and running tallies out."""

__version__ = "0.1.0"
