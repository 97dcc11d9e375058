"""factcheck.variants: OpenCC's conversions, and the shortcut that goes without OpenCC
where a text holds none of its dictionaries' multi-character keys."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import variants

CONFIGS = ("t2s", "s2t")


def _pieces(config: str) -> list[str]:
    """What texts are drawn from: the characters the config changes, some it leaves
    alone, punctuation, characters beyond the Basic Multilingual Plane, the ones its
    normalisation changes, and its dictionaries' own multi-character keys."""
    _table, keys_by_first, slow = variants._fast(config) or (None, {}, ())
    keys = sorted(k for found in keys_by_first.values() for k in found)
    return [*variants.changed(config)[:400:3], *"中国县乡村全年共增长的了，。、：\n 1２%", "\U00020000", "𬱖",
            *sorted(slow)[:20], *keys[:300:7]]


def _tool_installed() -> bool:
    import importlib.util
    from pathlib import Path

    return (Path(importlib.util.find_spec("opencc").origin).parent / "clib" / "bin" / "opencc_dict").is_file()


@pytest.mark.skipif(not _tool_installed(), reason="this OpenCC has no opencc_dict: convert() always asks OpenCC")
@pytest.mark.parametrize("config", CONFIGS)
def test_the_dictionaries_are_listed(config):
    _table, keys_by_first, slow = variants._fast(config)
    assert sum(map(len, keys_by_first.values())) > 100  # TSPhrases alone holds hundreds
    assert slow  # the compatibility ideographs the normalisation stage maps


@settings(max_examples=300, deadline=None)
@given(data=st.data(), config=st.sampled_from(CONFIGS))
def test_convert_is_opencc(data, config):
    text = "".join(data.draw(st.lists(st.sampled_from(_pieces(config)), max_size=12)))
    assert variants.convert(text, config) == variants.converter(config).convert(text)


@pytest.mark.parametrize("text, config, expected", [
    ("举全縣之力", "t2s", "举全县之力"),        # no key occurs: converted character by character
    ("乾隆年間", "t2s", "乾隆年间"),           # 乾隆 is a key: OpenCC keeps its 乾
    ("著名的縣", "t2s", "著名的县"),
])
def test_convert_real_clauses(text, config, expected):
    assert variants.convert(text, config) == expected


def test_several_stages_go_to_opencc():
    assert variants._fast("s2tw") is None
    assert variants.convert("台湾的软件", "s2tw") == variants.converter("s2tw").convert("台湾的软件")


def test_char_class_is_the_characters():
    import re

    chars = variants.changed("t2s")
    every = "".join(chr(c) for c in range(0x3000, 0x10000) if not 0xD800 <= c < 0xE000)
    assert re.findall(variants._char_class(chars), every) == re.findall("[" + chars + "]", every)


def test_written_is_what_each_configuration_writes_for_a_character_alone():
    """s2tw writes 為 for 为 where s2t writes 爲; no configuration writes the variant 拚."""
    assert "爲" in variants.written("s2t") and "為" not in variants.written("s2t")
    assert "為" in variants.written("s2tw") and "為" in variants.written("s2hk")
    assert not {"拚", "綫"} & (variants.written("s2t") | variants.written("s2tw") | variants.written("s2hk"))
    assert "县" not in variants.written("s2t")  # (what it writes, not what it reads)
