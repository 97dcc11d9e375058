#!/usr/bin/env python3
"""Measure a factcheck command on a corpus folder with the shared harness (seed 1).

usage: python tools/eval_corpus.py CORPUS_DIR OUT_DIR [--cmd 'factcheck check --format json'] [--jobs 2]
                                  [--target 240] [--seed 1] [--no-clean]
Writes OUT_DIR/cases/ (make_cases.py), OUT_DIR/score.txt (score.py stdout, misses/fps listed),
OUT_DIR/score.json (score.py --json-out), OUT_DIR/summary.txt + summary.json (the breakdown below),
and unless --no-clean OUT_DIR/clean.json (plain `check` on the corpus folder, no garbles) with
errors+warnings per rule per 10,000 characters.
The breakdown is computed from score.py's own JSON (same matching rule: overlap within 2 chars, span
<= max(4x, +30) the label, related locations count), so it agrees with score.py's last line.
"""
import argparse, json, shlex, subprocess, sys
from collections import Counter, defaultdict
from pathlib import Path

H = Path(__file__).resolve().parents[2] / "shared" / "eval" / "harness"  # ../shared beside the repository
ap = argparse.ArgumentParser()
ap.add_argument("corpus"); ap.add_argument("out")
ap.add_argument("--cmd", default="factcheck check --format json")
ap.add_argument("--jobs", type=int, default=2); ap.add_argument("--target", type=int, default=240)
ap.add_argument("--seed", type=int, default=1); ap.add_argument("--no-clean", action="store_true")
ap.add_argument("--show", type=int, default=40)
ap.add_argument("--src", help="run this source tree (e.g. a `git archive` snapshot made by snapshot.sh) instead of "
                "the installed working tree: it is put first on PYTHONPATH for every factcheck run")
a = ap.parse_args()
import os
env = dict(os.environ)
if a.src:
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(a.src).resolve()), env.get("PYTHONPATH")]))
out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
corpus = str(Path(a.corpus).resolve()) + "/"
mk = subprocess.run([sys.executable, str(H / "make_cases.py"), "--out", str(out / "cases"), "--seed", str(a.seed),
                     "--target", str(a.target), "--raw", corpus], capture_output=True, text=True, check=True)
(out / "make_cases.txt").write_text(mk.stdout + mk.stderr)
sc = subprocess.run([sys.executable, str(H / "score.py"), "--cases", str(out / "cases"), "--cmd", a.cmd,
                     "--show-misses", str(a.show), "--show-fps", str(a.show), "--jobs", str(a.jobs),
                     "--json-out", str(out / "score.json")], capture_output=True, text=True, env=env, cwd=str(out))
(out / "score.txt").write_text(sc.stdout + sc.stderr)
if sc.returncode:
    sys.exit(f"score.py failed: {sc.stderr[-2000:]}")
data = json.loads((out / "score.json").read_text("utf-8"))
S = data["summary"]
lab, det = Counter(), Counter()
lab_group, det_group = Counter(), Counter()
found_by = defaultdict(Counter)
fp_rule = Counter(); fp_rule_group = defaultdict(Counter); chars_group = Counter()
for c in data["cases"]:
    g = c["group"]
    if not c["error"]:
        chars_group[g] += c["chars"]
    for l in c["labels"]:
        if l["kind"].startswith("pre_"):
            continue
        lab[l["kind"]] += 1; det[l["kind"]] += l["detected"]
        lab_group[g] += 1; det_group[g] += l["detected"]
        for r in set(l["rules"]):
            found_by[l["kind"]][r] += 1
    for f in c["fps"]:
        fp_rule_group[g][f["rule"]] += 1
        if g != "realpair":
            fp_rule[f["rule"]] += 1
syn_chars = sum(v for g, v in chars_group.items() if g != "realpair")
lines = [f"corpus={corpus} cmd={a.cmd!r} src={a.src} seed={a.seed} target={a.target}",
         mk.stdout.strip().splitlines()[0] if mk.stdout.strip() else "",
         f"OVERALL recall={S['recall']:.3f} fp_per_10k={S['fp_per_10k']:.2f} crashes={S['crashes']} cases={S['cases']} "
         f"(synthetic chars={syn_chars})", "", "recall by injected garble kind (rules that found it):"]
for k in sorted(lab):
    lines.append(f"  {k:<10} {det[k]:4d}/{lab[k]:<4d} = {det[k] / lab[k]:.2f}   "
                 + ", ".join(f"{r}={n}" for r, n in found_by[k].most_common()))
lines += ["", "recall by case group:"]
for g in sorted(lab_group):
    lines.append(f"  {g:<10} {det_group[g]:4d}/{lab_group[g]:<4d} = {det_group[g] / lab_group[g]:.2f}")
lines += ["", "false alarms by rule (synthetic cases, i.e. all but realpair) per 10k chars:"]
for r, n in fp_rule.most_common():
    lines.append(f"  {r:<8} {n:5d}  {1e4 * n / syn_chars:6.2f}/10k")
lines.append(f"  {'TOTAL':<8} {sum(fp_rule.values()):5d}  {1e4 * sum(fp_rule.values()) / max(1, syn_chars):6.2f}/10k")
lines += ["", "unmatched findings by group and rule (realpair: unlabeled real differences may be true finds):"]
for g in sorted(fp_rule_group):
    rate = 1e4 * sum(fp_rule_group[g].values()) / max(1, chars_group[g])
    lines.append(f"  {g:<10} chars={chars_group[g]:<8d} {rate:6.2f}/10k  "
                 + ", ".join(f"{r}={n}" for r, n in fp_rule_group[g].most_common()))
summary = {"recall": S["recall"], "fp_per_10k": S["fp_per_10k"], "crashes": S["crashes"], "cases": S["cases"],
           "recall_by_kind": {k: [det[k], lab[k]] for k in lab}, "found_by_rule": {k: dict(v) for k, v in found_by.items()},
           "recall_by_group": {g: [det_group[g], lab_group[g]] for g in lab_group},
           "fp_by_rule": dict(fp_rule), "fp_by_rule_per_10k": {r: 1e4 * n / syn_chars for r, n in fp_rule.items()},
           "fp_by_group_rule": {g: dict(v) for g, v in fp_rule_group.items()}, "chars_by_group": dict(chars_group)}
if not a.no_clean:
    cmd = shlex.split(a.cmd)
    files = sorted(str(p) for p in Path(corpus).glob("*.txt"))
    cl = subprocess.run(cmd + files, capture_output=True, env=env, cwd=str(out))
    (out / "clean.json").write_bytes(cl.stdout)
    cd = json.loads(cl.stdout.decode("utf-8"))
    total = sum(len(Path(f).read_text("utf-8")) for f in files)
    per = Counter(); sev = Counter()
    for d in cd["diagnostics"]:
        if d.get("severity") in ("error", "warning"):
            per[f"{d.get('rule')}({d.get('name')})"] += 1; sev[d.get("severity")] += 1
    lines += ["", f"clean corpus check (no garbles; {len(files)} files, {total} chars; every finding is a real "
              f"published error or a false alarm): errors={sev['error']} warnings={sev['warning']} "
              f"-> {1e4 * sum(per.values()) / total:.2f}/10k"]
    for r, n in per.most_common():
        lines.append(f"  {r:<32} {n:5d}  {1e4 * n / total:6.2f}/10k")
    summary["clean"] = {"files": len(files), "chars": total, "by_rule": dict(per), "by_severity": dict(sev),
                        "per_10k": 1e4 * sum(per.values()) / total}
(out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), "utf-8")
(out / "summary.txt").write_text("\n".join(lines) + "\n", "utf-8")
print("\n".join(lines))
