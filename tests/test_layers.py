"""The house's layout holds (issue 38): layers as folders, imports only downwards, no import circles, no module
over 400 lines, and the map in docs/architecture.md (and the README's folders) matches the folders."""

import ast
import re

from .conftest import ROOT

PKG = ROOT / "contradict"
# low -> high: a module may import its own layer and lower ones. The lab (model-making) sits above the product,
# which never imports it (tests/test_layout.py); the CLI lists the lab's commands and loads one by name.
RANK = {"core": 0, "inputs": 1, "storage": 1, "backends": 1, "stages": 2, "report": 3, "runs": 4, "cli": 5, "lab": 6}
FOLDERS = [f for f in RANK if f != "core"]
MAX_LINES = 400


def _modules() -> dict:
    out = {}
    for f in sorted(PKG.rglob("*.py")):
        if f.relative_to(PKG).parts[0] == "models":
            continue
        parts = list(f.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = f
    return out


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANK else "core"


def _imports(module: str, path, known: set[str]) -> set[str]:
    """The project modules ``module`` imports at run time (lazy imports inside functions count; imports only for
    type checking do not)."""
    tree = ast.parse(path.read_text())
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
    base = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom):
            name = ".".join(base[: len(base) - node.level + 1] + ([node.module] if node.module else [])) \
                if node.level else node.module or ""
            for a in node.names:
                found.add(f"{name}.{a.name}" if f"{name}.{a.name}" in known else name)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m in known and m != module}


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    return {m: _imports(m, p, set(mods)) for m, p in mods.items()}


def test_imports_go_only_downwards():
    up = [f"{m} ({_layer(m)}) imports {d} ({_layer(d)})" for m, deps in sorted(_graph().items()) for d in sorted(deps)
          if d != "contradict" and m not in ("contradict", "contradict.__main__")
          and RANK[_layer(d)] > RANK[_layer(m)] and not (_layer(m) == "cli" and _layer(d) == "lab")]
    assert up == []


def test_no_import_circles():
    graph = {m: {d for d in deps if d != "contradict"} for m, deps in _graph().items()}
    state: dict[str, int] = {}
    stack: list[str] = []
    circles = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for d in sorted(graph[m]):
            if state.get(d) == 1:
                circles.append(stack[stack.index(d):] + [d])
            elif d not in state:
                visit(d)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    assert circles == []


def test_no_module_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in _modules().values() if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert long == {}


def test_the_map_names_every_module_in_its_folder_and_the_readme_every_folder():
    text = (ROOT / "docs" / "architecture.md").read_text().split("### The modules", 1)[1]
    named: dict[str, set[str]] = {}
    for head, body in re.findall(r"\*\*(\w+)\*\* \(`[^`]*`\)\n(.*?)(?=\n\*\*\w+\*\* \(|\n## |\Z)", text, re.S):
        named[head] = set(re.findall(r"`([a-z_0-9]+\.py)`", body))
    actual: dict[str, set[str]] = {f: {p.name for p in (PKG / f).glob("*.py") if p.name != "__init__.py"}
                                   for f in FOLDERS if f != "lab"}
    actual["core"] = {p.name for p in PKG.glob("*.py") if p.name not in ("__init__.py", "__main__.py")} | \
        {p.name for p in (PKG / "words").glob("*.py") if p.name != "__init__.py"}
    assert named == actual
    readme = (ROOT / "README.md").read_text().split("## The house", 1)[1].split("\n## ", 1)[0]
    assert [f for f in FOLDERS if f"`{f}/`" not in readme] == []
