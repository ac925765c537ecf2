"""Memory a run gives back (contradict.runs.run.give_back_memory)."""

import platform

import numpy as np
import pytest

from contradict.runs.run import give_back_memory


def _rss_mb() -> int:
    with open("/proc/self/status") as fh:
        return int(fh.read().split("VmRSS:")[1].split()[0]) // 1024


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc only")
def test_freed_small_arrays_go_back_to_the_system():
    """The per-claim vectors of a large run, once stacked and dropped, keep their pages until trimmed."""
    rows = [np.full(384, k, dtype=np.float32) for k in range(100_000)]  # 150 MB in small blocks
    matrix = np.stack(rows)
    del rows
    before = _rss_mb()
    assert give_back_memory() is True
    assert _rss_mb() < before - 75 and matrix[99_999, 0] == 99_999


def test_without_glibc_nothing_happens(monkeypatch):
    import ctypes

    def no_libc(name):
        raise OSError(f"{name}: not found")

    monkeypatch.setattr(ctypes, "CDLL", no_libc)
    assert give_back_memory() is False
