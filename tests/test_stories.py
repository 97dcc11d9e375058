"""Which documents are copies of one story."""
from hypothesis import given, strategies as st

from factcheck.document import Document
from factcheck.stories import group


def docs(*texts):
    return [Document.from_text(f"d{i}.txt", t) for i, t in enumerate(texts)]


def test_two_short_copies_given_together_are_one_story():
    stories = group(docs("全区527名义务教育阶段贫困家庭学生，全部享受教育帮扶政策。",
                         "全区572名义务教育阶段贫困家庭学生，全部享受教育帮扶政策。"))
    assert [s.paths for s in stories] == [["d0.txt", "d1.txt"]]


def test_reports_sharing_one_phrase_are_not_copies():
    stories = group(docs("前三季度，全市第三产业增加值同比增长5.3%，拉动经济增长2.1个百分点，消费市场持续回暖。",
                         "一季度全省规模以上工业增加值同比增长6.2%，其中制造业增长7.1%，高技术制造业增长12.5%。"))
    assert stories == []


def test_large_corpora_sample_shingles_and_still_find_copies():
    body = "洮北区始终坚持以脱贫攻坚统领经济社会发展全局，累计实现7001户12736人稳定脱贫，53个贫困村出列，贫困发生率由原来的6%下降到0.103%。" * 3
    others = [f"第{i}篇报道讲的是另一件事情，县里新建了{i}座桥梁和{i + 3}所学校，群众出行和上学更加方便了。" * 3 for i in range(30)]
    stories = group(docs(body, *others, body.replace("，", ",")))
    assert [s.paths for s in stories] == [["d0.txt", "d31.txt"]]


def _pair_counts_by_counting(prints):
    """What group() counted before the sort: every pair of the files sharing a shingle of
    PAIR_ALL_UP_TO files or fewer, each file with the first of a wider shingle's files."""
    from collections import Counter
    from itertools import combinations

    from factcheck.stories import MIN_SHARED, PAIR_ALL_UP_TO

    files_of = {}
    for i, hashes in enumerate(prints):
        for h in hashes:
            files_of.setdefault(h, []).append(i)
    shared, widely = Counter(), Counter()
    for files in files_of.values():
        if len(files) <= PAIR_ALL_UP_TO:
            shared.update(combinations(files, 2))
        else:
            widely.update((files[0], other) for other in files[1:])
    return sorted((a, b, shared[(a, b)], widely[(a, b)]) for a, b in set(shared) | set(widely)
                  if shared[(a, b)] + widely[(a, b)] >= MIN_SHARED)


def test_pairs_are_counted_as_a_counter_of_every_shared_shingle_counts_them():
    from array import array

    from hypothesis import given, settings, strategies as st

    from factcheck.stories import PAIR_ALL_UP_TO, _pair_counts, stable_hash

    # hashes that differ only in their low bits (where the sort keeps the file's index),
    # as stable_hash's do for shingles that differ in their first and last characters
    vocabulary = [stable_hash("国家统计局") + k for k in range(6)]
    vocabulary += [stable_hash(a + "统计公报" + b) for a in "一二" for b in "甲乙"]
    vocabulary += [2 ** 64 - 60, 0, 1]
    holders = st.sampled_from([0, 1, 2, 3, 5, 6, PAIR_ALL_UP_TO - 1, PAIR_ALL_UP_TO, PAIR_ALL_UP_TO + 1, 200])

    @settings(max_examples=120, deadline=None)
    @given(st.integers(2, 80), st.lists(holders, min_size=len(vocabulary), max_size=len(vocabulary)),
           st.randoms(use_true_random=False), st.booleans())
    def same(files, counts, rng, as_arrays):
        prints = [set() for _ in range(files)]
        for h, count in zip(vocabulary, counts):  # each shingle in that many files, at random
            for i in rng.sample(range(files), min(count, files)):
                prints[i].add(h)
        given_prints = [array("Q", sorted(p)) if as_arrays else p for p in prints]
        assert sorted(_pair_counts(given_prints)) == _pair_counts_by_counting(prints)

    same()


@given(st.text(st.sampled_from("国家统计局公报贫困村户人县区镇乡一二三万亿元"), max_size=60),
       st.text(st.sampled_from("，。 \n7001%a"), max_size=3))
def test_a_fingerprint_is_the_stable_hash_of_each_kept_shingle(chinese, other):
    from factcheck.stories import SAMPLE_MOD, SHINGLE, fingerprint, stable_hash

    text = chinese[:30] + other + chinese[30:]
    ideographs = "".join(c for c in text if "\u4e00" <= c <= "\u9fff")
    shingles = [ideographs[i:i + SHINGLE] for i in range(len(ideographs) - SHINGLE + 1)]
    doc = Document.from_text("a.txt", text)
    assert fingerprint(doc, sample=False) == {stable_hash(s) for s in shingles}
    assert fingerprint(doc) == {stable_hash(s) for s in shingles if ord(s[0]) % SAMPLE_MOD == 0}
