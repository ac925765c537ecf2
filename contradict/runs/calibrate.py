"""``contradict calibrate``: how the contradiction threshold reads on the findings a reader marked."""

from __future__ import annotations

from contradict.report.build import Report
from contradict.report.outputs import Calibration, CalibrationRow


def calibrate(report: Report, threshold: float, target: float = 0.8) -> dict:
    """The JSON of :func:`calibration`."""
    return calibration(report, threshold, target).to_json()


def calibration(report: Report, threshold: float, target: float = 0.8) -> Calibration:
    """Precision (right / marked) of the findings at or above ``threshold`` among those marked, recall of the
    ones marked right, the same at every score a marked finding has, and the lowest threshold whose
    precision reaches ``target`` (None when none does, or nothing is marked)."""
    marked = sorted(((p.score, p.mark == "right", p.id) for p in report.contradictions if p.mark),
                    key=lambda r: (-r[0], r[2]))
    rights = sum(1 for _, ok, _ in marked if ok)

    def at(t: float) -> CalibrationRow:
        kept = [ok for s, ok, _ in marked if s >= t]
        right = sum(kept)
        return CalibrationRow(threshold=round(t, 4), kept=len(kept), right=right,
                              precision=round(right / len(kept), 4) if kept else None,
                              recall=round(right / rights, 4) if rights else None)

    table = [at(t) for t in sorted({s for s, _, _ in marked})]
    good = [r for r in table if r.precision is not None and r.precision >= target]
    suggested = min((r.threshold for r in good), default=None)
    return Calibration(marked=len(marked), right=rights, wrong=len(marked) - rights, target=target,
                       current=at(threshold), suggested=suggested, table=tuple(table))
