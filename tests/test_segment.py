"""factcheck's segmentation is jieba's (HMM off) on the trimmed dictionary, without
loading jieba's tables: the same words for every sentence of the samples and for
arbitrary mixes of Chinese, Latin letters, digits, punctuation and spaces."""
import re
from functools import lru_cache
from pathlib import Path

from hypothesis import given, settings, strategies as st

from factcheck import segment

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SENTENCES = [s for p in sorted(SAMPLES.glob("*.txt"))
             for s in re.split(r"(?<=[。！？\n])", p.read_text(encoding="utf-8")) if s]


@lru_cache(maxsize=1)
def jieba_itself():
    import jieba

    jieba.setLogLevel(60)
    segment.tables()  # the trimmed dictionary in the cache folder
    (dictionary,) = [p for p in segment._cache_dir().glob(
        f"jieba-trimmed-{segment.VERSION}-{segment.KEEP_MOST_FREQUENT}-*.txt")
        if p.name.endswith(f"-{segment._jieba_dictionary().stat().st_size}.txt")]
    tokenizer = jieba.Tokenizer(dictionary=str(dictionary))
    tokenizer.cache_file = None
    return tokenizer


def test_every_sample_sentence_is_cut_as_jieba_cuts_it():
    jieba = jieba_itself()
    assert len(SENTENCES) > 100
    for sentence in SENTENCES:
        assert segment.words(sentence) == jieba.lcut(sentence, HMM=False), sentence


TEXT = st.text(st.sampled_from(list("贫困村户人脱贫攻坚县乡镇建档立卡发生率亿万元ABCxyz0123456789.%-_+# \n\r\t，。、（）")),
               max_size=40)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_any_text_is_cut_as_jieba_cuts_it(text):
    assert segment.words(text) == jieba_itself().lcut(text, HMM=False)


def test_the_tables_are_kept_split_and_read_in_parts():
    segment.tables()  # written to the cache folder if they were not there
    segment.forget()
    try:
        found = segment.tables()
        assert isinstance(found.tags, segment.Shards) and isinstance(found.freq, segment.Shards)
        assert found.tags.get("贫困村") and found.freq["贫困村"] > 0 and found.freq["贫困"] >= 0
        assert len(found.tags._open) == 1  # only the part of words starting with 贫 was unpacked
    finally:
        segment.forget()


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_first_word_is_the_first_of_words(text):
    cut = segment.words(text)
    assert segment.first_word(text) == (cut[0] if cut else "")


def test_first_word_of_metrics_cut_mid_word():
    # rate-out-of-range's nine characters before 率, cut inside a word
    assert segment.first_word("口基本养老保险参保率") == "口"
    assert segment.first_word("贫困发生率") == segment.words("贫困发生率")[0] == "贫困"
