"""The project's scorer: matching rules on tiny hand-made pairs, and exact agreement with the
shared referee (../shared/eval/score.py) on the dev set when it is there."""
from __future__ import annotations

import copy
import json
import random
import subprocess
import sys

import pytest

from conftest import EXAMPLES, EXAMPLES_GOLD
from sitrep.evaluate import Aliases, score

TEXT = "SDF fighters captured Hajin on Friday. The SDF said 700 ISIS members have been detained so far."
ALIASES = Aliases.from_groups({"Islamic State": ["ISIS", "IS", "Daesh"],
                               "QSD: Syrian Democratic Forces": ["SDF", "Syrian Democratic Forces (SDF)"]})
HAJIN = {"name": "Hajin", "latitude": 34.69508, "longitude": 40.83138, "geo_precision": 1}


def ev(**kw):
    base = {"event_type": "battles", "sub_event_type": "non_state_actor_overtakes_territory",
            "date_start": "2018-12-14", "date_end": "2018-12-14", "location": dict(HAJIN),
            "actor1": "QSD: Syrian Democratic Forces", "actor2": "Islamic State", "fatalities": None,
            "modality": "occurred", "evidence": [{"start": 0, "end": 38}]}
    base.update(kw)
    return base


def ta(**kw):
    base = {"quantity": "captured", "subject": "Islamic State", "value": 700, "qualifier": "exact",
            "since": None, "claimant": "SDF", "evidence": [{"start": 39, "end": len(TEXT)}]}
    base.update(kw)
    return base


def run(gold_events=(), pred_events=(), gold_tallies=(), pred_tallies=(), **pred_extra):
    gold = [{"id": "d", "text": TEXT, "events": list(gold_events), "tallies": list(gold_tallies)}]
    pred = [{"doc_id": "d", "events": list(pred_events), "tallies": list(pred_tallies), **pred_extra}]
    return score(gold, pred, aliases=ALIASES)


def counts(part):
    return part["tp"], part["fp"], part["fn"]


def test_identical_event_is_a_true_positive_with_every_field_right():
    s = run([ev()], [ev(actor1="SDF", actor2="Daesh")])
    assert counts(s["events"]) == (1, 0, 0) and s["events"]["f1"] == 1.0
    assert all(s["events"][k] == 1.0 for k in ("actor1", "actor2", "date", "location", "fatalities", "sub_event_type"))


@pytest.mark.parametrize("start, end, matched", [
    ("2018-12-17", "2018-12-17", True),    # 3 days late: inside the slack
    ("2018-12-18", "2018-12-18", False),   # 4 days late
    ("2018-12-01", "2018-12-11", True),    # a window ending 3 days before
    ("2018-12-01", "2018-12-10", False),
])
def test_date_window_slack_is_three_days(start, end, matched):
    s = run([ev()], [ev(date_start=start, date_end=end)])
    assert counts(s["events"]) == ((1, 0, 0) if matched else (0, 1, 1))
    if matched:
        assert s["events"]["date"] == (1.0 if start == "2018-12-14" else 0.0)


@pytest.mark.parametrize("dlat, gold_precision, matched, place_right", [
    (0.05, 1, True, True),     # ~5.6 km
    (0.2, 1, True, False),     # ~22 km: matched, but the place is wrong
    (0.5, 1, False, False),    # ~56 km
    (0.5, 3, True, True),      # province-level gold: 100 km
    (1.0, 3, False, False),
])
def test_distance_limits(dlat, gold_precision, matched, place_right):
    gold_loc = dict(HAJIN, geo_precision=gold_precision)
    pred_loc = dict(HAJIN, latitude=HAJIN["latitude"] + dlat)
    s = run([ev(location=gold_loc)], [ev(location=pred_loc)])
    assert counts(s["events"]) == ((1, 0, 0) if matched else (0, 1, 1))
    if matched:
        assert s["events"]["location"] == (1.0 if place_right else 0.0)


def test_wrong_type_and_missing_place_do_not_match():
    s = run([ev()], [ev(event_type="protests"), ev(location=None)])
    assert counts(s["events"]) == (0, 2, 1)


def test_only_occurred_predictions_are_scored():
    s = run([ev()], [ev(), ev(modality="expected"), ev(modality="denied")])
    assert counts(s["events"]) == (1, 0, 0)
    s = run([ev()], [ev(modality=None)])
    assert counts(s["events"]) == (1, 0, 0)


def test_optional_gold_is_neither_rewarded_nor_missed():
    s = run([ev(optional=True)], [ev()])
    assert counts(s["events"]) == (0, 0, 0)
    s = run([ev(optional=True)], [])
    assert counts(s["events"]) == (0, 0, 0)


def test_greedy_matching_prefers_the_same_sub_type_and_is_one_to_one():
    gold = [ev(sub_event_type="armed_clash"), ev()]
    pred = [ev(), ev(sub_event_type="armed_clash"), ev()]
    s = run(gold, pred)
    assert counts(s["events"]) == (2, 1, 0) and s["events"]["sub_event_type"] == 1.0


def test_fatalities_none_and_zero_agree():
    assert run([ev(fatalities=0)], [ev(fatalities=None)])["events"]["fatalities"] == 1.0
    assert run([ev(fatalities=12)], [ev(fatalities=10)])["events"]["fatalities"] == 0.0


def test_tallies_match_on_quantity_and_value_with_arrested_as_captured():
    s = run(gold_tallies=[ta()], pred_tallies=[ta(quantity="arrested", subject="ISIS", claimant="QSD")])
    assert counts(s["tallies"]) == (1, 0, 0)
    assert s["tallies"]["subject"] == 1.0 and s["tallies"]["claimant"] == 0.0
    s = run(gold_tallies=[ta()], pred_tallies=[ta(value=701), ta(quantity="killed")])
    assert counts(s["tallies"]) == (0, 2, 1)


def test_tally_fields_since_and_qualifier():
    s = run(gold_tallies=[ta(since="2018-09-10", qualifier="at_least")],
            pred_tallies=[{k: v for k, v in ta(since="2018-09-10T00:00:00").items() if k != "qualifier"}])
    assert s["tallies"]["since"] == 1.0 and s["tallies"]["qualifier"] == 0.0


@pytest.mark.parametrize("evidence, valid", [
    ([{"start": 0, "end": 38}], True),
    ([{"start": 0, "end": 38, "quote": TEXT[0:38]}], True),
    ([{"start": 0, "end": 38, "quote": "something else"}], False),
    ([{"start": 10, "end": 10}], False),
    ([{"start": 0, "end": len(TEXT) + 1}], False),
    ([], False),
    ([{"start": "a", "end": 3}], False),
])
def test_evidence_validity(evidence, valid):
    assert run([], [ev(evidence=evidence)])["evidence_valid"] == (1.0 if valid else 0.0)


def test_missing_results_and_errors_are_reported():
    gold = [{"id": "a", "text": TEXT, "events": [ev()], "tallies": []},
            {"id": "b", "text": TEXT, "events": [], "tallies": []}]
    s = score(gold, [{"doc_id": "b", "events": [], "tallies": [], "error": "empty text"}], aliases=ALIASES)
    assert s["missing_results"] == 1 and s["errors"] == ["b: empty text"]
    assert counts(s["events"]) == (0, 0, 1) and s["evidence_valid"] is None


# ---------------------------------------------------------------- the bundled examples

def test_example_gold_is_consistent_with_the_example_reports():
    reports = [json.loads(l) for l in EXAMPLES.read_text(encoding="utf-8").splitlines()]
    golds = [json.loads(l) for l in EXAMPLES_GOLD.read_text(encoding="utf-8").splitlines()]
    assert 8 <= len(reports) <= 12
    assert [(r["id"], r["text"], r["published"]) for r in reports] == [(g["id"], g["text"], g["published"]) for g in golds]
    preds = [{"doc_id": g["id"], "events": g["events"], "tallies": g["tallies"]} for g in golds]
    s = score(golds, preds, aliases=Aliases())
    assert s["events"]["f1"] == 1.0 and s["tallies"]["f1"] == 1.0 and s["evidence_valid"] == 1.0
    assert any(not g["events"] and not g["tallies"] for g in golds)  # a statement-only report


# ---------------------------------------------------------------- agreement with the referee

def perturbed(golds, seed):
    """Predictions derived from gold with deterministic damage of every kind the scorer judges."""
    rng = random.Random(seed)
    out = []
    for g in golds:
        if rng.random() < 0.05:
            continue  # a missing result
        events = []
        for e in copy.deepcopy(g.get("events", [])):
            r = rng.random()
            if r < 0.15:
                continue
            if r < 0.3:
                e["sub_event_type"] = rng.choice(["armed_clash", "air_drone_strike", "attack"])
            if 0.25 < r < 0.45 and e.get("location"):
                e["location"]["latitude"] += rng.choice([0.05, 0.3, 0.8])
            if 0.4 < r < 0.55:
                e["actor1"] = rng.choice(["ISIS", "SDF", "Syrian army", None, "Somebody (Else)"])
            if 0.5 < r < 0.65 and e.get("date_start"):
                e["date_end"] = e["date_start"] = "2019-01-0" + str(rng.randint(1, 9))
            if 0.6 < r < 0.7:
                e["fatalities"] = rng.choice([None, 0, 3, 12])
            if r > 0.9:
                e["modality"] = rng.choice(["expected", "hypothetical"])
            if r > 0.85 and e.get("evidence"):
                e["evidence"][0]["end"] = 10 ** 7
            events.append(e)
            if rng.random() < 0.1:
                events.append(copy.deepcopy(e))  # a duplicate
        tallies = []
        for t in copy.deepcopy(g.get("tallies", [])):
            r = rng.random()
            if r < 0.15:
                continue
            if r < 0.3:
                t["subject"] = rng.choice(["IS", "Civilians", None])
            if 0.3 < r < 0.4:
                t["since"] = None
            if 0.4 < r < 0.5:
                t["quantity"] = {"captured": "arrested"}.get(t["quantity"], t["quantity"])
            if 0.5 < r < 0.55:
                t["value"] += 1
            if r > 0.9:
                t.pop("qualifier", None)
            tallies.append(t)
        result = {"doc_id": g["id"], "events": events, "tallies": tallies}
        if rng.random() < 0.05:
            result = {"doc_id": g["id"], "events": [], "tallies": [], "error": "ValueError: boom"}
        out.append(result)
    return out


def referee(shared_dir, gold_path, pred_path):
    proc = subprocess.run([sys.executable, str(shared_dir / "eval" / "score.py"), str(gold_path), str(pred_path),
                           "--json"], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def ours(run_cli, gold_path, pred_path):
    proc = run_cli("eval", gold_path, "--pred", pred_path, "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.dev
@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_sitrep_eval_agrees_exactly_with_the_referee_on_the_dev_set(shared_dir, tmp_path, run_cli, seed):
    golds = [json.loads(l) for p in sorted((shared_dir / "dev").glob("*.jsonl"))
             for l in p.read_text(encoding="utf-8").splitlines() if l.strip()]
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in golds), encoding="utf-8")
    if seed is None:
        preds = [{"doc_id": g["id"], "events": g["events"], "tallies": g["tallies"]} for g in golds]
    else:
        preds = perturbed(golds, seed)
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
    expected = referee(shared_dir, gold_path, pred_path)
    assert expected["events"]["tp"] > 0
    assert ours(run_cli, gold_path, pred_path) == expected


@pytest.mark.dev
def test_sitrep_eval_agrees_with_the_referee_on_the_extractors_own_output(shared_dir, tmp_path, run_cli):
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("".join(p.read_text(encoding="utf-8") for p in sorted((shared_dir / "dev").glob("*.jsonl"))),
                         encoding="utf-8")
    pred_path = tmp_path / "pred.jsonl"
    proc = run_cli("extract", gold_path, "--output", pred_path)
    assert proc.returncode in (0, 1)
    assert ours(run_cli, gold_path, pred_path) == referee(shared_dir, gold_path, pred_path)


# ---------------------------------------------------------------- the command's other modes

def test_eval_runs_the_in_process_extractor_when_no_predictions_are_given(run_cli):
    proc = run_cli("eval", EXAMPLES_GOLD, "--json", "--aliases", EXAMPLES_GOLD.parent / "no-such.json")
    assert proc.returncode == 2  # a missing alias file is a usage error
    proc = run_cli("eval", EXAMPLES_GOLD, "--json")
    assert proc.returncode == 0, proc.stderr
    s = json.loads(proc.stdout)
    assert s["documents"] == 10 and s["missing_results"] == 0 and "seconds" in s
    assert s["events"]["tp"] + s["events"]["fn"] == sum(
        1 for l in EXAMPLES_GOLD.read_text().splitlines() for e in json.loads(l)["events"] if not e.get("optional"))


def test_eval_run_command_fills_input_and_output(run_cli, tmp_path):
    cmd = f"{sys.executable} -m sitrep extract {{input}} --output {{output}}"
    proc = run_cli("eval", EXAMPLES_GOLD, "--run", cmd)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("documents 10  missing results 0")
    assert "extractor wall time" in proc.stdout
    bad = run_cli("eval", EXAMPLES_GOLD, "--run", f"{sys.executable} -c 'import sys; sys.exit(3)'")
    assert bad.returncode == 1 and "exited 3" in bad.stderr


def test_eval_pred_and_run_are_exclusive(run_cli):
    assert run_cli("eval", EXAMPLES_GOLD, "--pred", "x", "--run", "y").returncode == 2


def test_without_an_alias_file_the_project_actor_dictionary_resolves_names(monkeypatch):
    import sitrep.evaluate as evaluate
    monkeypatch.setattr(evaluate, "default_aliases_path", lambda: None)
    aliases = evaluate.load_aliases()
    try:
        from sitrep.stages.actors import canonical_actor
    except ImportError:
        assert aliases.source == "none" and aliases.key("ISIS") == "isis"
        return
    assert aliases.source == "sitrep.stages.actors"
    assert aliases.key("ISIS") == aliases.key("Daesh") == canonical_actor("ISIS")
    assert aliases.key("Somebody Unknown") == "somebody unknown"
