"""The one exception type the library raises for anything a user can cause or fix, and the exit codes."""

import shlex
from enum import IntEnum


class Exit(IntEnum):
    """Exit codes of every command (docs/usage.md, "Exit codes")."""

    OK = 0
    ERROR = 1
    USAGE = 2
    NEW_TENSION = 3  # batch --fail-on-new-tension: new contradictions above the threshold
    SKIPPED = 4  # done, but some inputs were skipped or only partly read
    LOCKED = 5  # another run writes to the index (batch, or --no-wait)
    REFUSED = 6  # the inputs looked wrong (the run would retire most of the index): nothing was changed
    INTERRUPTED = 130


class ContradictError(Exception):
    """A user-facing error: the message is one line that says what is wrong and how to fix it."""

    def __init__(self, message: str, hint: str | None = None, exit_code: int = Exit.ERROR):
        super().__init__(message)
        self.hint = hint
        self.exit_code = int(exit_code)

    def __str__(self) -> str:
        msg = self.args[0] if self.args else ""
        return f"{msg} (hint: {self.hint})" if self.hint else msg


def index_command(args: str, index_dir) -> str:
    """A command for a hint, on the index directory the user gave: `contradict ARGS --index-dir DIR` (quoted for
    a shell), so that pasting it acts on that index and not on ./index."""
    return f"`contradict {args} --index-dir {shlex.quote(str(index_dir))}`"
