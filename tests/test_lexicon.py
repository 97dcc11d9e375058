"""The lexicon is data: every list is read by the program, no list repeats a word,
and every entry says why it is there."""
import subprocess
import sys

import pytest

from factcheck import lexicon


@pytest.mark.parametrize("name,key", lexicon.lists())
def test_entries_are_unique_and_explained(name, key):
    entries = lexicon._load(name)[key]
    if isinstance(entries, str):
        assert len(set(entries)) == len(entries), f"{name}.{key} repeats a character"
        return
    words = [e.get("word", e.get("level")) for e in entries]
    repeated = sorted({w for w in words if words.count(w) > 1})
    assert not repeated, f"{name}.{key} lists {repeated} twice"
    unexplained = [w for w, e in zip(words, entries) if not e.get("why", "").strip()]
    assert not unexplained, f"{name}.{key}: no why for {unexplained}"


def test_every_list_is_used():
    """Loading the figures stage and the built-in rules reads every list of the lexicon."""
    code = ("import factcheck.lexicon as lx, factcheck.figures, factcheck.keys, checks.arithmetic, checks.consistency, "
            "checks.garbling, checks.enumerations, checks.copies, checks.input, checks.crossreport, checks.plausibility; "
            "print(sorted(set(lx.lists()) - lx.USED))")
    unused = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert unused.strip() == "[]", f"lexicon lists nothing reads: {unused}"


def test_hedges_after_a_unit_have_two_characters():
    """figures reads the two characters after a figure's unit to find one."""
    assert {len(w) for w in lexicon.words("cues", "hedges_after")} == {2}
