"""contradict: where news and opinion articles contradict and agree, claim by claim."""

__version__ = "0.1.0"
