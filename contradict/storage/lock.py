"""One writer at a time per index directory.

Every command that changes an index (``index``, ``report PATH``, ``batch``, and ``query`` / ``pair``
when they score new pairs) holds ``write.lock`` in the index directory, with ``flock``: the lock dies
with its process, so a lock left by a killed run is detected (its file still names the dead holder)
and cleared. A second writer waits for the first, up to ``Settings.lock_timeout`` seconds (600;
``CONTRADICT_LOCK_TIMEOUT``), or gives up at once when told not to wait (``--no-wait``, and always for
``batch``), with exit code 5. Readers take no lock: they read a consistent snapshot of the store.
"""

from __future__ import annotations

import fcntl
import logging
import os
import time
from pathlib import Path
from typing import TextIO

from contradict.errors import ContradictError, Exit

log = logging.getLogger(__name__)

LOCK_NAME = "write.lock"
POLL_SECONDS = 0.2


def index_dir_ready(index_dir: Path) -> Path:
    """Create the index directory, or say in one line why it cannot be one."""
    if index_dir.exists() and not index_dir.is_dir():
        raise ContradictError(f"--index-dir {index_dir} is a file, not a directory",
                              hint="choose another --index-dir (or CONTRADICT_INDEX_DIR)", exit_code=Exit.USAGE)
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ContradictError(f"cannot create the index directory {index_dir}: {exc.strerror or exc}",
                              hint="choose a writable --index-dir") from exc
    return index_dir


class WriteLock:
    def __init__(self, index_dir: Path, timeout: float = 600.0, wait: bool = True, what: str = "contradict"):
        self.path = Path(index_dir) / LOCK_NAME
        self.timeout = timeout if wait else 0.0
        self.what = what
        self.fh: TextIO | None = None
        self.cleared_stale = False

    def __enter__(self) -> WriteLock:
        index_dir_ready(self.path.parent)
        try:
            self.fh = fh = open(self.path, "a+")
        except OSError as exc:
            raise ContradictError(f"cannot write to the index directory {self.path.parent}: {exc.strerror or exc}",
                                  hint="reading commands (report without paths) work on a read-only index") from exc
        deadline = time.monotonic() + self.timeout
        told = False
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                fh.seek(0)
                holder = fh.read().strip() or "unknown"
                if time.monotonic() >= deadline:
                    fh.close()
                    waited = f" after waiting {self.timeout:g} s" if self.timeout else ""
                    raise ContradictError(
                        f"another contradict run is writing to {self.path.parent} ({holder}){waited}",
                        hint="wait for it to finish (CONTRADICT_LOCK_TIMEOUT sets how long to wait); this run "
                             "changed nothing", exit_code=Exit.LOCKED) from None  # busy, not a failure
                if not told:
                    log.warning("waiting for another contradict run writing to %s (%s), up to %g s",
                                self.path.parent, holder, self.timeout)
                    told = True
                time.sleep(POLL_SECONDS)
        fh.seek(0)
        old = fh.read().strip()
        if old:  # the previous holder died without releasing: its lock file is stale
            self.cleared_stale = True
            log.warning("cleared a stale lock left by a run that did not finish (%s)", old)
        fh.seek(0)
        fh.truncate()
        fh.write(f"{self.what} pid {os.getpid()} since {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}")
        fh.flush()
        return self

    def __exit__(self, *exc) -> None:
        if self.fh is None:
            return
        self.fh.seek(0)
        self.fh.truncate()
        self.fh.flush()
        fcntl.flock(self.fh, fcntl.LOCK_UN)
        self.fh.close()
