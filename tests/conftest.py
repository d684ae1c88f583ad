"""Shared fixtures: a temporary copy of the seed project, reproducible dates."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_fa12286181b4949c.txt"
DATA = Path(__file__).resolve().parent / "data"

PROJECT_TOML = """[workbench]
source-lang = "zh-Hant"
targets = ["zh-Hans", "en"]
sources = "seeds"
locale = "locale"
glossary = "glossary.csv"
"""


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")


@pytest.fixture(autouse=True)
def _own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
               ) -> None:
    """Caches (the editor's word counts) go to a test folder, never the user's ~/.cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def seed_text() -> str:
    return SEED.read_bytes().decode("utf-8")


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    """A fresh project folder holding a copy of the seed, not yet initialised."""
    (tmp_path / "seeds").mkdir()
    shutil.copyfile(SEED, tmp_path / "seeds" / SEED.name)
    (tmp_path / "workbench.toml").write_text(PROJECT_TOML, encoding="utf-8")
    return tmp_path


def run_cli(*args: str, cwd: Path | None = None, input: str | None = None
            ) -> subprocess.CompletedProcess[str]:
    """Run the real `workbench` command in a subprocess."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1764000000", PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "workbench", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, input=input, timeout=120)


@pytest.fixture(scope="session")
def xliff_schema():  # type: ignore[no-untyped-def]
    """The OASIS XLIFF 1.2 strict schema, its imports resolved to the copies in
    tests/data/formats and nothing else (no network, no entity expansion)."""
    from lxml import etree

    formats = DATA / "formats"

    class LocalOnly(etree.Resolver):
        def resolve(self, url, pubid, context):  # type: ignore[no-untyped-def]
            if url == "http://www.w3.org/2001/xml.xsd":  # the W3C original, should it be named
                url = str(formats / "xml.xsd")
            path = Path(url.removeprefix("file://"))
            if path.parent.resolve() == formats.resolve() and path.is_file():
                return self.resolve_filename(str(path), context)
            raise AssertionError(f"schema validation tried to load {url}")

    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(LocalOnly())
    return etree.XMLSchema(etree.parse(str(formats / "xliff-core-1.2-strict.xsd"), parser))
