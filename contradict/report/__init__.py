"""The report: typed rows built from one snapshot (:mod:`.build`) and rendered to JSON, Markdown, HTML, CSV
(:mod:`.render`) and the terminal (:mod:`.terminal`). Imports stages and core; never runs or cli."""
