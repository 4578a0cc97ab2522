"""CI quality gate: `veille eval` on the seed gold, FR-TimeBank dev and our OrangeSum golds must meet quality/floors.json.

Floors start at what was measured and only go up (never lower one to pass).
"""

import json

import pytest

from veille.eval.runner import check_floors, evaluate

from conftest import GOLD, ROOT

FLOORS = ROOT / "quality" / "floors.json"
# Our own hand-annotated OrangeSum articles: the seeds alone are too few to trust.
DEV_GOLD = ROOT / "quality" / "gold-orangesum"
DEV2_GOLD = ROOT / "quality" / "gold-orangesum-dev2"
# Ten more, annotated blind and kept out of development: the honest measure of unseen text.
TEST_GOLD = ROOT / "quality" / "gold-orangesum-test"

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/gold not present")]


@pytest.fixture(scope="module")
def scores(analyzer):
    return evaluate([GOLD, GOLD / "fr-timebank-dev", DEV_GOLD, DEV2_GOLD, TEST_GOLD], analyzer=analyzer)


def test_scores_meet_their_floors(scores):
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    failures = check_floors(scores, floors)
    assert not failures, "\n".join(failures)


def test_every_layer_has_a_floor():
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    layers = {k.split(".")[1] for k in floors if k.startswith("seed.")}
    assert {"entities", "quotes", "times", "events", "published"} <= layers
    assert any(k.startswith("timeml.") for k in floors)
    dev = {k.split(".")[1] for k in floors if k.startswith("gold-orangesum.")}
    assert {"entities", "quotes", "times", "events"} <= dev
    dev2 = {k.split(".")[1] for k in floors if k.startswith("gold-orangesum-dev2.")}
    assert {"entities", "quotes", "times", "events"} <= dev2
    held_out = {k.split(".")[1] for k in floors if k.startswith("gold-orangesum-test.")}
    assert {"entities", "quotes", "times", "events"} <= held_out


SUITES = ("seed", "gold-orangesum", "gold-orangesum-dev2", "gold-orangesum-test")


@pytest.mark.parametrize("suite", SUITES)
def test_no_invented_publication_date(scores, suite):
    assert scores[suite]["published"]["invented"] == 0


@pytest.mark.parametrize("suite", SUITES)
def test_no_negated_hypothetical_or_planned_event_given_as_asserted(scores, suite):
    assert scores[suite]["events"]["non_asserted_given_as_asserted"] == 0
