"""The README's table of bad inputs, faults and attacks: every row names a test, and that test exists."""

from __future__ import annotations

import ast
import re

from .helpers import ROOT


def test_every_row_of_the_robustness_table_is_backed_by_a_test():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Bad input, faulty providers, attacks", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| what")
            and not line.startswith("|---")]
    assert len(rows) >= 25
    for row in rows:
        refs = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", row)
        assert refs, f"row without a test: {row[:80]}"
        for path, name in refs:
            tree = ast.parse((ROOT / path).read_text())
            names = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
            assert name in names, f"{path}::{name} does not exist"


def test_ci_runs_exactly_the_readme_test_command():
    command = (ROOT / ".ci" / "run").read_text().strip().splitlines()[-1]
    assert f"```sh\n{command}\n```" in (ROOT / "README.md").read_text()
