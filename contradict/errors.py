"""The one exception type the library raises for anything a user can cause or fix."""


class ContradictError(Exception):
    """A user-facing error: the message is one line that says what is wrong and how to fix it."""

    def __init__(self, message: str, hint: str | None = None, exit_code: int = 1):
        super().__init__(message)
        self.hint = hint
        self.exit_code = exit_code

    def __str__(self) -> str:
        msg = self.args[0] if self.args else ""
        return f"{msg} (hint: {self.hint})" if self.hint else msg
