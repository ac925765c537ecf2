"""Backends: the models behind tiny protocols. :mod:`.embed` (``encode``), :mod:`.nli` (``score``, with the
gate of :mod:`.gate` and the int8 sessions of :mod:`.int8`), :mod:`.models` (where shipped and hub models
are found). Imports only the core modules."""
