"""Runs: what a command does, as functions over a workspace and a model set. An index run
(:mod:`.pipeline`, :mod:`.run`), the nightly batch (:mod:`.batch`), query and pair (:mod:`.query`),
calibration (:mod:`.calibrate`), and the Ray engine (:mod:`.ray_engine`)."""
