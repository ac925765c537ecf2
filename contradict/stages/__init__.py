"""Stages: functions and small classes, values in and values out. Claims and speakers (:mod:`.claims`,
:mod:`.speakers`), frames and actors (:mod:`.frames`, :mod:`.actors`), stories, candidate pairs and facts
(:mod:`.stories`, :mod:`.pairs`, :mod:`.facts`), slots and their anchors, kinds and aggregation
(:mod:`.slots`, :mod:`.anchors`, :mod:`.kinds`, :mod:`.aggregate`), blame and the verifier. Imports the
core, inputs and backends' protocols; never storage, report, runs or cli."""
