"""The models a run uses, behind their protocols: the encoder (``encode``), the NLI scorer (``score``) and the
frame reader (``read``, which also holds the spaCy pipeline speakers and slot anchors parse with). Each is
injected (tests pass fakes), supplied by a Ray engine, or loaded lazily from the settings on first use.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from contradict.backends import relations
from contradict.backends.embed import Encoder
from contradict.backends.nli import (
    Scorer,
    activations,
    gate_for,
    gate_name,
    prefilter_name,
    resolve_name,
    scorer_for,
    scorer_name,
)
from contradict.errors import ContradictError, index_command
from contradict.settings import Settings
from contradict.stages import frame_confirm
from contradict.stages import frames as frames_mod
from contradict.storage.index import VectorIndex

log = logging.getLogger(__name__)

GateVectors = Callable[[Sequence[str]], np.ndarray]


def nli_settings(s: Settings) -> Settings:
    """The settings that choose the NLI model: with no model named, the one the index was scored with."""
    if s.nli_model is not None:
        return s
    try:
        manifest = VectorIndex.read_manifest(s.index_dir)
    except ContradictError:
        manifest = None
    if not manifest or not manifest.get("nli_model"):
        return s
    # an index scored before the manifest named the activations read them per tensor
    used = (manifest["nli_model"], manifest.get("nli_prefilter") or "", manifest.get("nli_gate") or "",
            manifest.get("nli_activations") or "tensor")
    if used == (resolve_name(None), prefilter_name(s), gate_name(s), activations(s)):
        return s
    if used[:2] != (resolve_name(None), prefilter_name(s)):
        log.warning("using %s%s, the NLI model this index was scored with (--nli-model default for the default)",
                    used[0], f" behind {used[1]}" if used[1] else "")
    else:
        log.info("using %s and activations per %s, as this index was scored", used[2] or "no gate", used[3])
    return replace(s, nli_model=used[0], nli_prefilter=used[1] or "none", nli_gate=used[2] or "none",
                   nli_activations=used[3])


def check_index_model(s: Settings, has_articles: Callable[[], bool]) -> None:
    """A reading command with no model named scores with the model the index was scored with, which only the
    manifest names: one that cannot be read (corrupt, or missing beside stored articles) stops the command
    with a rebuild hint, rather than rescoring every pair with the default model."""
    if s.nli_model is not None:
        return
    d = s.index_dir
    try:
        man = VectorIndex.read_manifest(d)
        why = "" if man is not None or not has_articles() else f"index manifest missing in {d}"
    except ContradictError as exc:
        why = exc.args[0]
    if why:
        raise ContradictError(
            f"{why}: the NLI model this index was scored with is unknown",
            hint=f"run {index_command('index --rebuild', d)} (with --nli-model NAME if it was not scored with "
                 "the default model), or name --nli-model")


class ModelSet:
    """The encoder, scorer and frame reader of one run. ``engine`` (a
    :class:`contradict.runs.ray_engine.RayEngine`) supplies those not injected; ``gate_vectors`` gives the NLI
    gate the sentence vectors of the texts it reads (the workspace's cached ones)."""

    def __init__(self, settings: Settings, encoder: Encoder | None = None, scorer: Scorer | None = None,
                 frame_reader: frames_mod.Reader | None = None, engine=None, gate_vectors: GateVectors | None = None):
        self.s = settings
        self.engine = engine
        self.gate_vectors = gate_vectors
        self._encoder = encoder
        self._scorer = scorer
        self._frame_reader = frame_reader

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None and self.engine is not None:
            self._encoder = self.engine.encoder()
        if self._encoder is None:
            from contradict.backends.embed import load_encoder

            self._encoder = load_encoder(self.s.embed_model, batch_size=self.s.batch_size,
                                         precision=self.s.embed_precision, backend=self.s.embed_backend,
                                         threads=self.s.threads)
        return self._encoder

    @property
    def frame_reader(self) -> frames_mod.Reader:
        if self._frame_reader is None:
            reader = self.engine.reader() if self.engine is not None else None
            if reader is None:
                procs = self.s.frame_processes or min(2, os.cpu_count() or 1)
                reader = frames_mod.SpacyReader(self.s.spacy_model, processes=procs)
            if relations.wanted(self.s.relation_model):  # the links confirmed here, whoever parsed
                scorer = relations.LazyRelationScorer(self.s.relation_model, threads=self.s.threads or None)
                reader = frame_confirm.ConfirmedReader(reader, scorer)
            self._frame_reader = reader
        return self._frame_reader

    @property
    def parse_reader(self):
        """The reader that parses: the frame reader, or the one inside it whose links the relation model confirms
        (the spaCy pipeline, the claim split in worker processes and the speakers are its)."""
        reader = self.frame_reader
        return getattr(reader, "inner", reader)

    @property
    def frame_rules(self) -> str | None:
        """What the frame reads are stored under (``meta.frame_rules``): the frame rules' version, and the relation
        model and threshold that confirmed their links (:func:`~contradict.stages.frame_reader.rules_of`); None when
        frames are off."""
        return None if self.s.frames == "off" else frames_mod.rules_of(self.frame_reader)

    @property
    def speaker_nlp(self):
        """The spaCy pipeline claims read their speakers with (:mod:`contradict.stages.speakers`): the frame reader's
        own, never a second copy; None (the rule speakers) when frames are off or the reader has none (a fake)."""
        return None if self.s.frames == "off" else getattr(self.parse_reader, "nlp", None)

    @property
    def slot_parser(self):
        """What anchors the report's rule differences (:mod:`contradict.stages.anchors`): spaCy's pipeline, loaded
        only when a pair needs it (the frame reader's own); None when frames are off or the reader has none (a
        fake): the numeric rule then reads unanchored."""
        if self.s.frames == "off":
            return None
        models = self

        def parse(text: str):
            nlp = models.speaker_nlp
            if nlp is None:
                raise LookupError("no spaCy pipeline")
            return nlp(text)

        return parse if hasattr(type(self.parse_reader), "nlp") else None

    @property
    def scorer(self) -> Scorer:
        if self._scorer is None and self.engine is not None:
            self._scorer = gate_for(self.nli_settings(), self.engine.scorer(), self.gate_vectors)
        if self._scorer is None:
            self._scorer = scorer_for(self.nli_settings(), self.gate_vectors)
        return self._scorer

    def nli_settings(self) -> Settings:
        return nli_settings(self.s)

    @property
    def nli_name(self) -> str:
        """The name scores are cached under: the scorer's, known without loading the models where they are shipped
        (a report from a built index then loads none)."""
        if self._scorer is None and self.engine is None:
            known = scorer_name(self.nli_settings())
            if known is not None:
                return known
        return self.scorer.name

    def close(self) -> None:
        if self._frame_reader is not None and hasattr(self._frame_reader, "close"):
            self._frame_reader.close()
        if self.engine is not None:
            self.engine.close()
            self.engine = None
