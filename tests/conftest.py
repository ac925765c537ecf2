import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


def shared_path(*parts) -> Path:
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} not available (../shared is only on development machines)")
    return p


@pytest.fixture(scope="session")
def demo_index(tmp_path_factory):
    """The demo corpus indexed once with the real models; tests read it, never write it."""
    from contradict.pipeline import Pipeline
    from contradict.settings import Settings

    d = tmp_path_factory.mktemp("demo") / "index"
    s = Settings.from_env(index_dir=d)
    pipe = Pipeline(s)
    stats = pipe.index([EXAMPLES])
    pipe.close()
    return s, stats
