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


@pytest.mark.parametrize("name,key", [(n, k) for n, k in lexicon.lists()
                                      if isinstance(lexicon._load(n)[k], list) and "word" in lexicon._load(n)[k][0]
                                      and k != "session_patterns"])
def test_alternation_matches_as_the_flat_one(name, key):
    """The grouped alternation (behind its lookahead) finds what the flat, longest-first one
    finds, at every position of a text made of the words and their prefixes."""
    import re

    words = sorted(lexicon.words(name, key), key=len, reverse=True)
    flat = re.compile("|".join(map(re.escape, words)))
    grouped = re.compile(lexicon.alternation(name, key))
    text = "，".join(w + w[:k] for w in words for k in range(len(w))) + "".join(words)
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in flat.finditer(text)]
    assert all(grouped.fullmatch(w) for w in words)


def test_session_patterns_begin_with_a_chinese_digit():
    """figures puts a lookahead for Chinese digits in front of them (for speed)."""
    assert all(p.startswith("[一二三四五六七八九十]") for p in lexicon.words("fixed", "session_patterns"))
