"""The pre-commit hook (.pre-commit-hooks.yaml), tried as a news desk would: `pre-commit
try-repo` on a throwaway repository of articles. pre-commit installs factcheck from this
checkout into an environment of its own, which takes a minute or so the first time."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_hook_fails_a_commit_with_a_garbled_article(tmp_path):
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install -e '.[test]')")
    repo = tmp_path / "articles"
    repo.mkdir()
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    (repo / "clean.md").write_text("全县贫困村通屯硬化率达到100%，76个村实现户户通。\n", encoding="utf-8")
    (repo / "draft.md").write_text("洮北区建档立卡贫困人口累计实现700112736人稳定脱贫。\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    result = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "factcheck", "--all-files"],
                            cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    output = result.stdout + result.stderr
    assert "Failed" in output and "G101" in output, output[-3000:]
    assert result.returncode == 1
