#!/usr/bin/env python3
"""The statistical identities (sum-mismatch, trend-direction, share-mismatch, claim-mismatch) on real sentences:
false alarms on the sentences as published, and recall of one retyped digit.

    python tools/eval_identities.py CORPUS_DIR... [--seed 1] [--retypes 3]

A sentence is taken when it states one of the identities the rules check, by its wording: a
level with its change both as an amount and as a percent (比上年增加…，增长…%), exports and
imports under a trade total, birth, death and natural growth rates, a rate named after the verb
of its part (已完成1398项，完成率为65%), the three industries' shares, or months under a
quarter, or an urban-rural income ratio after the two incomes. Each is checked alone (any error
or warning of the four rules on it is a false alarm); then one digit of one of its Arabic numbers
is changed (--retypes numbers per sentence, drawn with --seed), and the retype is found when one
of the four rules reports the sentence.
"""
import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from factcheck import check  # noqa: E402
from factcheck.document import Document  # noqa: E402
from factcheck.rules import Severity  # noqa: E402

RULES = {"sum-mismatch", "trend-direction", "share-mismatch", "claim-mismatch"}
IDENTITY = {
    "level, change and percent": re.compile(r"(?:比上年|比去年|较上年|同比)(?:增加|减少)[\d.]+[^，。；]{0,4}，(?:同比)?(?:增长|下降)[\d.]+%"),
    "against last year's level": re.compile(r"比(?:上年|去年)(?:同期)?的[\d.]+[^，。；\d]{0,4}(?:增长|下降)[\d.]+%"),
    "exports and imports": re.compile(r"进出口[^。]{0,40}其中[，,]?出口[\d.]+[^。]{0,30}进口[\d.]+"),
    "vital rates": re.compile(r"出生率[^。]{0,40}死亡率[^。]{0,40}自然增长率"),
    "rate of a counted part": re.compile(r"\d+[个项处户人家所][^。，]{0,12}，?已?(\w{2})[\d.]+[个项处户人家所][^。]{0,6}\1率"),
    "three industries": re.compile(r"第一产业[^。]{0,40}第二产业[^。]{0,40}第三产业|产业结构[^。]{0,16}[\d.]+[:：∶]"),
    "months of a period": re.compile(r"(?:季度|半年|前\d+个月)[^。]{0,40}。?其中[，,]?1月"),
    "urban-rural income ratio": re.compile(r"城镇[^。]{0,40}\d元[^。]{0,60}(?:农村|乡村)[^。]{0,40}\d元[^。]{0,60}城乡居民收入比"),
}
SENTENCE = re.compile(r"[^。！？\n]+[。！？]")
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def sentences(folders: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {kind: [] for kind in IDENTITY}
    for folder in folders:
        for path in sorted(Path(folder).rglob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            for m in SENTENCE.finditer(text):
                for kind, pattern in IDENTITY.items():
                    if pattern.search(m.group()):
                        found[kind].append(m.group().strip())
    return {kind: list(dict.fromkeys(s)) for kind, s in found.items()}


def reported(sentence: str) -> bool:
    report = check([Document.from_text("sentence.txt", sentence)], cache=False, jobs=1)
    return any(d.name in RULES and d.severity >= Severity.WARNING for d in report.diagnostics)


def retype(sentence: str, rng: random.Random) -> str | None:
    numbers = [m for m in NUMBER.finditer(sentence) if not re.match(r"(?:19|20)\d\d年", sentence[m.start():m.end() + 1])]
    if not numbers:
        return None
    m = rng.choice(numbers)
    digits = [i for i in range(m.start(), m.end()) if sentence[i].isdigit()]
    i = rng.choice(digits)
    new = rng.choice([d for d in "0123456789" if d != sentence[i]])
    if new == "0" and i == m.start():
        return None  # a leading zero is no retype a reader would miss
    return sentence[:i] + new + sentence[i + 1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--retypes", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    total = [0, 0, 0, 0]
    for kind, found in sentences(args.folders).items():
        alarms = sum(reported(s) for s in found)
        tried = hits = 0
        for s in found:
            for _ in range(args.retypes):
                garbled = retype(s, rng)
                if garbled and garbled != s:
                    tried += 1
                    hits += reported(garbled)
        for k, n in enumerate((len(found), alarms, tried, hits)):
            total[k] += n
        print(f"{kind:28} sentences {len(found):4}  false alarms {alarms:3}  retyped digit found {hits:4}/{tried:<4}"
              + (f" = {hits / tried:.2f}" if tried else ""))
    n, alarms, tried, hits = total
    print(f"{'all':28} sentences {n:4}  false alarms {alarms:3}  retyped digit found {hits:4}/{tried:<4}"
          + (f" = {hits / tried:.2f}" if tried else ""))


if __name__ == "__main__":
    main()
