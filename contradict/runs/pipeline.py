"""The pipeline: one object over a :class:`~contradict.runs.workspace.Workspace` and a
:class:`~contradict.runs.modelset.ModelSet`, with a method per run, for the commands and the tests.

The runs themselves are functions of (workspace, models, ...): :func:`~contradict.runs.index_run.index_run`
(ingest -> claims -> embed -> stories -> candidates and facts -> frames -> NLI -> store), the reading runs of
:mod:`contradict.runs.reading` (report, frames, articles, stories, facts, mark) and :mod:`contradict.runs.pair`
(pair, query). The encoder, the NLI scorer and the frame reader are injected
(``Pipeline(settings, encoder=..., scorer=..., frame_reader=...)``) or loaded lazily from the settings.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence, Set
from pathlib import Path

from contradict.backends.embed import Encoder
from contradict.backends.nli import Scorer
from contradict.report import build as report_mod
from contradict.report.build import QueryResult, Report
from contradict.runs import reading
from contradict.runs import vectors as vec
from contradict.runs.modelset import ModelSet
from contradict.runs.run import RunStats
from contradict.runs.scoring import both_ways, scored_pairs
from contradict.runs.workspace import Workspace
from contradict.settings import Settings
from contradict.stages import facts as facts_mod
from contradict.stages import frames as frames_mod
from contradict.types import Article, Candidate, Claim, ClaimRead, Pair, Story

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]

__all__ = ["Pipeline", "both_ways"]


class Pipeline:
    def __init__(self, settings: Settings, progress: Progress | None = None, encoder: Encoder | None = None,
                 scorer: Scorer | None = None, frame_reader: frames_mod.Reader | None = None, engine=None):
        """``engine`` (a :class:`contradict.runs.ray_engine.RayEngine`) supplies the models and claim extraction
        where none is injected; ``close()`` releases it."""
        self.s = settings
        self.progress = progress
        self.fact_params = facts_mod.FactParams()
        self.ws = Workspace(settings)
        self.models = ModelSet(settings, encoder, scorer, frame_reader, engine,
                               gate_vectors=lambda texts: vec.gate_vectors(self.ws, self.models, texts))

    def _tick(self, stage: str, done: int, total: int) -> None:
        if self.progress:
            self.progress(stage, done, total)

    # ------------------------------------------------------------ the workspace and the models

    @property
    def store(self):
        return self.ws.store

    def open_existing(self):
        return self.ws.open_existing()

    @property
    def writable(self) -> bool:
        return self.ws.writable

    def writing(self, wait: bool = True, what: str = "contradict"):
        return self.ws.writing(wait, what)

    @property
    def _handed(self):
        return self.ws.handed

    def _snapshot(self, store, score_model: str = ""):
        return self.ws.snapshot(score_model, self.models.frame_rules)

    @property
    def engine(self):
        return self.models.engine

    @engine.setter
    def engine(self, engine) -> None:
        self.models.engine = engine

    @property
    def encoder(self) -> Encoder:
        return self.models.encoder

    @property
    def scorer(self) -> Scorer:
        return self.models.scorer

    @property
    def frame_reader(self) -> frames_mod.Reader:
        return self.models.frame_reader

    @property
    def speaker_nlp(self):
        return self.models.speaker_nlp

    @property
    def slot_parser(self):
        return self.models.slot_parser

    def nli_settings(self) -> Settings:
        return self.models.nli_settings()

    @property
    def nli_name(self) -> str:
        return self.models.nli_name

    def close(self) -> None:
        self.models.close()
        self.ws.close()

    # ------------------------------------------------------------ runs

    def index(self, paths: Sequence[str | Path], remove_missing: bool = False, rebuild: bool = False,
              allow_mass_retire: bool = False) -> RunStats:
        from contradict.runs import index_run as index_mod  # a report alone needs none of the index run

        return index_mod.index_run(self.ws, self.models, paths, self._tick, remove_missing, rebuild,
                                   allow_mass_retire, self.fact_params)

    def rebuild_index(self) -> int:
        return vec.rebuild_index(self.ws, self.models, self.fact_params, self._tick)

    def stories_of(self, articles: Sequence[Article], previous: dict[str, str],
                   warn_for: Set[str] | None = frozenset()) -> list[Story]:
        return vec.stories_of(self.ws, self.models, articles, previous, warn_for)

    def report(self, top: int | None = None, only: report_mod.Only = report_mod.Only(),
               show_dismissed: bool = False) -> Report:
        return reading.build_report(self.ws, self.models, self._tick, top, only, show_dismissed)

    def scored_pairs(self, cl: dict[str, Claim], rows: list[Candidate],
                     scores: dict | None = None) -> tuple[list[Pair], list]:
        return scored_pairs(self.ws, self.models, cl, rows, scores)

    def frames(self, only: report_mod.Only = report_mod.Only()) -> Report:
        return reading.frames(self.ws, self.models, self._tick, only)

    def frame_reads(self, claims: Sequence[Claim] | None = None) -> list[ClaimRead]:
        return reading.frame_reads(self.ws, self.models, self._tick, claims)

    def stories(self) -> list[Story]:
        return reading.stories(self.ws, self.models)

    def articles(self, only: report_mod.Only = report_mod.Only()) -> list[dict]:
        return reading.articles(self.ws, self.models, only)

    def facts(self, story: str | None = None) -> list[dict]:
        return reading.facts(self.ws, self.models, story)

    def mark(self, pair_id: str, verdict: str, note: str = "") -> str:
        return reading.mark(self.ws, pair_id, verdict, note)

    def query(self, text: str, top: int = 10, budget: int = 400) -> QueryResult:
        from contradict.runs import pair as pair_mod

        return pair_mod.ask(self.ws, self.models, text, self._tick, top, budget)

    def pair(self, ref_a: str, ref_b: str, top: int | None = None) -> Report:
        from contradict.runs import pair as pair_mod

        return pair_mod.pair(self.ws, self.models, ref_a, ref_b, self._tick, top)
