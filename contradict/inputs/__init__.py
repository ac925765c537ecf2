"""Inputs: reading articles from files, folders and feeds (:mod:`.sources`) and cleaning them into
:class:`~contradict.types.Article` values (:mod:`.ingest`). Imports only the core modules."""
