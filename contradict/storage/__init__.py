"""Storage: the SQLite store and its migrations (:mod:`.store`, :mod:`.sql`), the one-writer lock
(:mod:`.lock`), the faiss vector index (:mod:`.index`) and the snapshot a report is built from
(:mod:`.snapshot`). Imports only the core modules."""
