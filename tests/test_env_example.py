"""`.env.example` and the README's configuration table list every variable Settings reads."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_variable_is_documented():
    source = (ROOT / "bot" / "settings.py").read_text()
    read = set(re.findall(r"r\.\w+\(\s*\"([A-Z0-9_]+)\"", source))
    assert len(read) >= 20
    example = set(re.findall(r"^([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    readme = set(re.findall(r"\| `([A-Z0-9_]+)` \|", (ROOT / "README.md").read_text()))
    assert read == example, (read ^ example)
    assert read == readme, (read ^ readme)
